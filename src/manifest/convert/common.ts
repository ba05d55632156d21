// Shared pieces of the legacy conversions. Conversions work on plain documents (they run before
// the object is typed) and never mutate their input: each starts from a deep copy.

import { warning, type FieldPath, type Issue } from "../issue.js";

export type Doc = Record<string, unknown>;

export interface Conversion {
  object: Doc;
  issues: Issue[];
}

export type Converter = (doc: Doc) => Conversion;

/**
 * 2147483647 (MaxInt32) is how Kubernetes itself writes "unlimited" when a legacy version left a
 * field unset: revisionHistoryLimit (keep every ReplicaSet), progressDeadlineSeconds (no deadline)
 * and, for batch/v2alpha1, the CronJob history limits (keep every Job).
 */
export const UNLIMITED = 2147483647;

export function isRecord(v: unknown): v is Doc {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The mapping at `key`, created when absent (or when the document holds something else). */
export function child(obj: Doc, key: string): Doc {
  const v = obj[key];
  if (isRecord(v)) return v;
  const fresh: Doc = {};
  obj[key] = fresh;
  return fresh;
}

export function get(obj: unknown, ...path: string[]): unknown {
  let cur = obj;
  for (const key of path) {
    if (!isRecord(cur)) return undefined;
    cur = cur[key];
  }
  return cur;
}

export function setIfAbsent(obj: Doc, key: string, value: unknown): void {
  if (obj[key] === undefined || obj[key] === null) obj[key] = value;
}

export interface DeprecationInfo {
  from: string;
  kind: string;
  removedIn: string;
  to: string;
  /** When the kind was renamed (ScheduledJob → CronJob). */
  toKind?: string;
}

export function deprecated(info: DeprecationInfo): Issue {
  const target = info.toKind ? `${info.to} ${info.toKind}` : info.to;
  const hint = info.toKind
    ? `change apiVersion to ${info.to} and kind to ${info.toKind}`
    : `change apiVersion to ${info.to}`;
  return warning(
    "W_DEPRECATED",
    ["apiVersion"],
    `${info.from} ${info.kind} is deprecated (removed in Kubernetes ${info.removedIn}); converted to ${target}`,
    { found: info.from, expected: info.to, hint },
  );
}

/**
 * A deep copy of a parsed document. Documents are trees of plain objects, arrays and primitives,
 * and copying them by hand costs a fraction of structuredClone's serialisation; anything else
 * (a value a custom YAML tag made) still goes through structuredClone.
 */
export function copyDocument<T>(v: T): T {
  return copy(v) as T;
}

function copy(v: unknown): unknown {
  if (v === null || typeof v !== "object") return v;
  if (Array.isArray(v)) return v.map(copy);
  const proto: unknown = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return structuredClone(v);
  const src = v as Doc;
  const out: Doc = {};
  for (const key of Object.keys(src)) {
    const value = copy(src[key]);
    // defineProperty: a "__proto__" key must stay a plain field, not become the prototype.
    if (key === "__proto__")
      Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
    else out[key] = value;
  }
  return out;
}

/** Starts a conversion: a deep copy with the new apiVersion (and kind), plus the warning. */
export function begin(doc: Doc, info: DeprecationInfo): { out: Doc; issues: Issue[] } {
  const out = copyDocument(doc);
  out.apiVersion = info.to;
  if (info.toKind) out.kind = info.toKind;
  return { out, issues: [deprecated(info)] };
}

/**
 * extensions/v1beta1 and apps/v1beta1 defaulted the selector to the template's labels, and the
 * object's own labels too when it had none; apps/v1 requires both to be written out.
 */
export function selectorAndLabelsFromTemplate(out: Doc): void {
  const spec = child(out, "spec");
  const labels = get(spec, "template", "metadata", "labels");
  if (!isRecord(labels)) return;
  if (spec.selector === undefined || spec.selector === null) {
    spec.selector = { matchLabels: { ...labels } };
  }
  const meta = child(out, "metadata");
  const own = meta.labels;
  if (!isRecord(own) || Object.keys(own).length === 0) meta.labels = { ...labels };
}

/** Removes a field apps/v1 no longer has, with a W_IGNORED warning at its place in the manifest. */
export function dropField(out: Doc, path: readonly string[], why: string, hint: string): Issue[] {
  const key = path[path.length - 1];
  const parent = get(out, ...path.slice(0, -1));
  if (key === undefined || !isRecord(parent) || parent[key] === undefined) return [];
  delete parent[key];
  const fieldPath: FieldPath = path;
  return [warning("W_IGNORED", fieldPath, why, { hint })];
}

/** apps/v1 has no rollbackTo: a rollback is the earlier template, written back. */
export function dropRollbackTo(out: Doc): Issue[] {
  return dropField(
    out,
    ["spec", "rollbackTo"],
    "rollbackTo was removed in apps/v1 and is ignored",
    "remove spec.rollbackTo; to roll back, put the earlier pod template back in git",
  );
}
