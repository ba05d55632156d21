// Messages about manifests. Every one says where (file:line:column), which object, which field,
// and what was expected versus found, so a reviewer can fix it without reading berth's source.

export interface SourceLocation {
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

export type Severity = "error" | "warning";

/**
 * Stable codes: tools and tests match on these, never on message text.
 * E_* are errors, W_* warnings (errors under --strict).
 */
export type DiagnosticCode =
  | "E_IO" // a file or directory cannot be read
  | "E_YAML" // YAML/JSON syntax
  | "E_NOT_OBJECT" // a document is not a mapping
  | "E_SCHEMA" // a field has the wrong type, or a required field is missing
  | "E_VALUE" // a field's value is not allowed (enum, range, format)
  | "E_NAME" // a name, label key or label value breaks Kubernetes' rules
  | "E_SELECTOR" // a selector is malformed or does not match the template
  | "E_QUANTITY" // a resource quantity does not parse, or requests exceed limits
  | "E_PORT" // a named port is referenced but not defined
  | "E_DUPLICATE" // the same identity (kind, namespace, name) twice, or duplicate container names
  | "E_RESTART_POLICY" // Job/CronJob templates must use Never or OnFailure
  | "E_SCHEDULE" // an unparsable cron schedule or time zone
  | "W_DEPRECATED" // a legacy apiVersion, converted
  | "W_UNSUPPORTED_KIND" // a kind berth does not run, skipped
  | "W_UNKNOWN_FIELD" // a field berth does not know, ignored
  | "W_SKIPPED_FILE" // a YAML file that holds no Kubernetes objects (kustomization.yaml, ...)
  | "W_IGNORED"; // a supported field berth accepts but does not act on

export interface Diagnostic {
  severity: Severity;
  code: DiagnosticCode;
  /** One sentence: what is wrong. Does not repeat location, object or path. */
  message: string;
  location?: SourceLocation;
  /** "Deployment default/web" */
  object?: string;
  /** Field path in the manifest as written: "spec.template.spec.containers[0].resources.limits.cpu" */
  path?: string;
  expected?: string;
  found?: string;
  /** What to do about it. */
  hint?: string;
}

export function formatLocation(loc: SourceLocation | undefined): string {
  return loc ? `${loc.file}:${loc.line}:${loc.column}` : "";
}

/**
 * One line, compiler style:
 * `dir/web.yaml:12:9: error E_QUANTITY: Deployment default/web: spec...cpu: not a quantity (expected ..., found "1x")`
 */
export function formatDiagnostic(d: Diagnostic): string {
  const parts: string[] = [];
  const where = formatLocation(d.location);
  parts.push(`${where ? where + ": " : ""}${d.severity} ${d.code}:`);
  if (d.object) parts.push(` ${d.object}:`);
  if (d.path) parts.push(` ${d.path}:`);
  parts.push(` ${d.message}`);
  const ef: string[] = [];
  if (d.expected !== undefined) ef.push(`expected ${d.expected}`);
  if (d.found !== undefined) ef.push(`found ${d.found}`);
  if (ef.length > 0) parts.push(` (${ef.join(", ")})`);
  if (d.hint) parts.push(`; ${d.hint}`);
  return parts.join("");
}
