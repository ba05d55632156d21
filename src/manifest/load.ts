// The manifest pipeline: text → documents → (List expansion, kind lookup) → schema → legacy
// conversion → defaults → namespace → semantic checks → canonical objects, with every problem
// reported as a Diagnostic that carries file:line:column, the object and the field path.
// The stages are injected (see stages.ts for the real ones) so the pipeline is tested on its own.

import { describeObject, isClusterScoped, objectKey } from "./identity.js";
import { CURRENT_API_VERSION as CURRENT, KINDS, type Kind, type KObject } from "./types.js";
import { formatLocation, type Diagnostic, type SourceLocation } from "./diagnostics.js";
import { formatPath, type FieldPath, type Issue } from "./issue.js";
import { hasNullField, withoutNullFields } from "./nulls.js";
import { Locator, parseDocuments } from "./parse.js";
import type { ManifestFile } from "./walk.js";

export interface ManifestStages {
  hasSchema(apiVersion: string, kind: string): boolean;
  validateSchema(apiVersion: string, kind: string, doc: unknown): Issue[] | undefined;
  /** Legacy apiVersions → current form (identity for current ones). */
  convertLegacy(doc: Record<string, unknown>): { object: Record<string, unknown>; issues: Issue[] };
  applyDefaults(obj: KObject): KObject;
  checkObject(obj: KObject): Issue[];
}

export interface LoadOptions {
  /** Namespace for objects that name none (default "default"). */
  namespace?: string;
  /** Warnings count as errors. */
  strict?: boolean;
}

export interface LoadedObject {
  object: KObject;
  location: SourceLocation;
  /** The apiVersion as written (before conversion). */
  sourceApiVersion: string;
}

export interface FileReport {
  path: string;
  objects: number;
  /** Why the file held no objects, when it was skipped. */
  skipped?: string;
}

export interface LoadResult {
  objects: LoadedObject[];
  diagnostics: Diagnostic[];
  files: FileReport[];
  errors: number;
  warnings: number;
}

const KIND_SET: ReadonlySet<string> = new Set(KINDS);

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function str(v: unknown): string | undefined {
  return typeof v === "string" && v !== "" ? v : undefined;
}

/** "Deployment default/web" from a raw document, before it is known to be valid. */
function rawLabel(doc: Record<string, unknown>, namespace: string): string {
  const kind = str(doc.kind) ?? "object";
  const meta = isRecord(doc.metadata) ? doc.metadata : {};
  const name = str(meta.name) ?? str(meta.generateName) ?? "<unnamed>";
  if (KIND_SET.has(kind) && isClusterScoped(kind as Kind)) return `${kind} ${name}`;
  return `${kind} ${str(meta.namespace) ?? namespace}/${name}`;
}

class FileContext {
  private locator: Locator | undefined;
  /** Root key offsets per document index, from the first parse. */
  rootKeys: Map<string, number>[] = [];
  constructor(readonly file: ManifestFile) {}

  private loc(): Locator {
    this.locator ??= new Locator(this.file.path, this.file.content);
    return this.locator;
  }

  at(docIndex: number, path: FieldPath): SourceLocation {
    const first = path[0];
    if (path.length === 1 && typeof first === "string") {
      const offset = this.rootKeys[docIndex]?.get(first);
      if (offset !== undefined) return this.atOffset(offset);
    }
    return this.loc().locate(docIndex, path);
  }

  atOffset(offset: number): SourceLocation {
    return this.loc().positionOfOffset(offset);
  }
}

interface Candidate {
  doc: Record<string, unknown>;
  docIndex: number;
  /** Where this object sits inside its document: [] or ["items", i] for List members. */
  prefix: FieldPath;
  offset: number;
  /** Whether `doc` holds a null field, when the parse already knows (saves a walk). */
  nullFields: boolean | undefined;
}

export function loadManifests(files: ManifestFile[], opts: LoadOptions, stages: ManifestStages): LoadResult {
  const namespace = opts.namespace ?? "default";
  const diagnostics: Diagnostic[] = [];
  const objects: LoadedObject[] = [];
  const reports: FileReport[] = [];

  for (const file of files) {
    const ctx = new FileContext(file);
    const report: FileReport = { path: file.path, objects: 0 };
    reports.push(report);
    const parsed = parseDocuments(file.path, file.content);
    if (!parsed.ok) {
      diagnostics.push({
        severity: "error",
        code: "E_YAML",
        message: parsed.message,
        location: parsed.location,
        hint: "fix the YAML syntax",
      });
      continue;
    }

    ctx.rootKeys = parsed.documents.map((d) => d.keys);
    const docs = parsed.documents.map((d, i) => ({ ...d, index: i })).filter((d) => d.value != null);
    // A file is someone else's YAML (kustomization.yaml, a values file) when every document is a
    // mapping and none names an apiVersion or kind; anything else is read as manifests.
    const foreign = (v: unknown) => isRecord(v) && v.apiVersion === undefined && v.kind === undefined;
    if (docs.length > 0 && docs.every((d) => foreign(d.value))) {
      report.skipped = "no apiVersion/kind: not a Kubernetes manifest";
      diagnostics.push({
        severity: "warning",
        code: "W_SKIPPED_FILE",
        message: "file holds no Kubernetes objects (no apiVersion/kind); skipped",
        location: ctx.atOffset(docs[0]?.offset ?? 0),
        hint: "berth reads plain manifests; kustomization.yaml and similar files are ignored",
      });
      continue;
    }

    const candidates: Candidate[] = [];
    for (const d of docs) {
      if (!isRecord(d.value)) {
        diagnostics.push({
          severity: "error",
          code: "E_NOT_OBJECT",
          message: "a document must be a mapping with apiVersion, kind and metadata",
          location: ctx.atOffset(d.offset),
          found: Array.isArray(d.value) ? "a list" : JSON.stringify(d.value),
        });
        continue;
      }
      if (d.value.kind === "List" && Array.isArray(d.value.items)) {
        d.value.items.forEach((item: unknown, i) => {
          const prefix = ["items", i];
          if (!isRecord(item)) {
            diagnostics.push({
              severity: "error",
              code: "E_NOT_OBJECT",
              message: "a List item must be a mapping with apiVersion, kind and metadata",
              location: ctx.at(d.index, prefix),
              path: formatPath(prefix),
            });
            return;
          }
          // No null anywhere in the List means none in its items; otherwise each item is checked.
          const nullFields = d.nullFields === false ? false : undefined;
          candidates.push({ doc: item, docIndex: d.index, prefix, offset: -1, nullFields });
        });
        continue;
      }
      candidates.push({
        doc: d.value,
        docIndex: d.index,
        prefix: [],
        offset: d.offset,
        nullFields: d.nullFields,
      });
    }

    for (const c of candidates) {
      const obj = loadOne(c, ctx, namespace, stages, diagnostics);
      if (obj) {
        const location = c.offset >= 0 ? ctx.atOffset(c.offset) : ctx.at(c.docIndex, c.prefix);
        objects.push({ object: obj, location, sourceApiVersion: String(c.doc.apiVersion) });
        report.objects += 1;
      }
    }
  }

  reportDuplicates(objects, diagnostics);
  if (opts.strict) for (const d of diagnostics) d.severity = "error";
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  return { objects, diagnostics, files: reports, errors, warnings: diagnostics.length - errors };
}

function loadOne(
  c: Candidate,
  ctx: FileContext,
  namespace: string,
  stages: ManifestStages,
  out: Diagnostic[],
): KObject | undefined {
  const label = rawLabel(c.doc, namespace);
  const apiVersion = str(c.doc.apiVersion);
  const kind = str(c.doc.kind);
  if (apiVersion === undefined || kind === undefined) {
    const missing = apiVersion === undefined ? "apiVersion" : "kind";
    emitIssues(c, ctx, label, out, [
      {
        severity: "error",
        code: "E_SCHEMA",
        message: `missing required field "${missing}"`,
        path: [missing],
        expected:
          missing === "apiVersion" ? 'an apiVersion such as "apps/v1"' : 'a kind such as "Deployment"',
      },
    ]);
    return undefined;
  }
  if (!stages.hasSchema(apiVersion, kind)) {
    if (KIND_SET.has(kind)) {
      emitIssues(c, ctx, label, out, [
        {
          severity: "error",
          code: "E_SCHEMA",
          message: `apiVersion "${apiVersion}" does not serve kind ${kind}`,
          path: ["apiVersion"],
          expected: `"${CURRENT[kind as Kind]}"`,
          found: `"${apiVersion}"`,
        },
      ]);
    } else {
      emitIssues(c, ctx, label, out, [
        {
          severity: "warning",
          code: "W_UNSUPPORTED_KIND",
          message: `kind ${kind} (apiVersion ${apiVersion}) is not supported by berth; skipped`,
          path: ["kind"],
        },
      ]);
    }
    return undefined;
  }

  if (emitIssues(c, ctx, label, out, stages.validateSchema(apiVersion, kind, c.doc) ?? [])) return undefined;

  // Kubernetes reads a null field as an unset one; later stages never see nulls.
  const converted = stages.convertLegacy(
    (c.nullFields ?? hasNullField(c.doc)) ? withoutNullFields(c.doc) : c.doc,
  );
  if (emitIssues(c, ctx, label, out, converted.issues)) return undefined;

  const obj = stages.applyDefaults(converted.object as unknown as KObject);
  if (isClusterScoped(obj.kind)) delete obj.metadata.namespace;
  else obj.metadata.namespace ??= namespace;

  return emitIssues(c, ctx, label, out, stages.checkObject(obj)) ? undefined : obj;
}

/** Reports issues as diagnostics; true when any of them is an error. */
function emitIssues(
  c: Candidate,
  ctx: FileContext,
  label: string,
  out: Diagnostic[],
  issues: Issue[],
): boolean {
  let failed = false;
  for (const i of issues) {
    if (i.severity === "error") failed = true;
    const d: Diagnostic = {
      severity: i.severity,
      code: i.code,
      message: i.message,
      location: ctx.at(c.docIndex, [...c.prefix, ...i.path]),
      object: label,
    };
    if (i.path.length > 0) d.path = formatPath(i.path);
    if (i.expected !== undefined) d.expected = i.expected;
    if (i.found !== undefined) d.found = i.found;
    if (i.hint !== undefined) d.hint = i.hint;
    out.push(d);
  }
  return failed;
}

function reportDuplicates(objects: LoadedObject[], out: Diagnostic[]): void {
  const first = new Map<string, LoadedObject>();
  const dropped = new Set<LoadedObject>();
  for (const o of objects) {
    const key = objectKey(o.object);
    const prev = first.get(key);
    if (!prev) {
      first.set(key, o);
      continue;
    }
    dropped.add(o);
    out.push({
      severity: "error",
      code: "E_DUPLICATE",
      message: `${describeObject(o.object)} is defined more than once: here and at ${formatLocation(prev.location)}`,
      location: o.location,
      object: describeObject(o.object),
      hint: "keep one definition; identity is kind + namespace + name",
    });
  }
  if (dropped.size > 0) {
    const kept = objects.filter((o) => !dropped.has(o));
    objects.length = 0;
    objects.push(...kept);
  }
}
