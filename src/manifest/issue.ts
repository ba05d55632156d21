// What the stage modules of src/manifest (schema, convert, defaults, checks) report: an issue at a
// field path of the document. The loader (load.ts) turns issues into Diagnostics with file:line:column
// by looking the path up in the parsed YAML, and adds the object's name.
import type { DiagnosticCode, Severity } from "./diagnostics.js";

/** Field path as segments: ["spec", "template", "spec", "containers", 0, "image"]. */
export type FieldPath = readonly (string | number)[];

export interface Issue {
  severity: Severity;
  code: DiagnosticCode;
  message: string;
  path: FieldPath;
  expected?: string;
  found?: string;
  hint?: string;
}

/** "spec.template.spec.containers[0].image" */
export function formatPath(path: FieldPath): string {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(seg)) out += out === "" ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/** How a found value is shown in messages: strings quoted, long values cut. */
export function showValue(v: unknown): string {
  let s: string;
  if (v === undefined) s = "nothing";
  else if (typeof v === "string") s = JSON.stringify(v);
  else if (v === null) s = "null";
  else if (Array.isArray(v)) s = v.length === 0 ? "an empty list" : `a list`;
  else if (typeof v === "object") s = "a mapping";
  else if (typeof v === "number" || typeof v === "boolean" || typeof v === "bigint") s = String(v);
  else s = typeof v;
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

export function error(
  code: DiagnosticCode,
  path: FieldPath,
  message: string,
  extra: Partial<Issue> = {},
): Issue {
  return { severity: "error", code, message, path, ...extra };
}

export function warning(
  code: DiagnosticCode,
  path: FieldPath,
  message: string,
  extra: Partial<Issue> = {},
): Issue {
  return { severity: "warning", code, message, path, ...extra };
}
