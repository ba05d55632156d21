// Field-level differences between two normalised objects, as kubectl would name them. Only run for
// objects already known to differ, so it favours readable output over speed.

import { deepEqual } from "./equal.js";
import { formatSegments, itemKey, keyedSegment, listKeyFor, orderedKeys } from "./path.js";
import type { FieldChange, PathSegment } from "./types.js";

type Json = Record<string, unknown>;

function isMap(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function change(path: PathSegment[], before: unknown, after: unknown): FieldChange {
  const segments = [...path];
  const base = { path: formatSegments(segments), segments };
  if (before === undefined) return { ...base, op: "add", after };
  if (after === undefined) return { ...base, op: "remove", before };
  return { ...base, op: "replace", before, after };
}

function diffMaps(before: Json, after: Json, path: PathSegment[], out: FieldChange[]): void {
  const keys = orderedKeys({ ...before, ...after });
  for (const k of keys) {
    path.push(k);
    diffValues(before[k], after[k], path, out);
    path.pop();
  }
}

function diffKeyedLists(
  before: unknown[],
  after: unknown[],
  key: string,
  path: PathSegment[],
  out: FieldChange[],
): void {
  const beforeByKey = new Map(before.map((item) => [itemKey(item, key), item] as const));
  const afterKeys = new Set(after.map((item) => itemKey(item, key)));
  for (const item of after) {
    const k = itemKey(item, key);
    path.push(keyedSegment(key, k));
    diffValues(beforeByKey.get(k), item, path, out);
    path.pop();
  }
  for (const item of before) {
    const k = itemKey(item, key);
    if (afterKeys.has(k)) continue;
    path.push(keyedSegment(key, k));
    out.push(change(path, item, undefined));
    path.pop();
  }
  const commonBefore = before.map((i) => itemKey(i, key)).filter((k) => afterKeys.has(k));
  const commonAfter = after.map((i) => itemKey(i, key)).filter((k) => beforeByKey.has(k));
  if (!deepEqual(commonBefore, commonAfter)) {
    const segments = [...path];
    out.push({
      path: formatSegments(segments),
      segments,
      op: "reorder",
      before: commonBefore,
      after: commonAfter,
    });
  }
}

function diffLists(before: unknown[], after: unknown[], path: PathSegment[], out: FieldChange[]): void {
  const key = listKeyFor(path[path.length - 1], [before, after]);
  if (key !== undefined) {
    diffKeyedLists(before, after, key, path, out);
    return;
  }
  const n = Math.max(before.length, after.length);
  for (let i = 0; i < n; i++) {
    path.push(i);
    diffValues(i < before.length ? before[i] : undefined, i < after.length ? after[i] : undefined, path, out);
    path.pop();
  }
}

/** Appends the changes turning `before` into `after` (at `path`) to `out`. */
export function diffValues(before: unknown, after: unknown, path: PathSegment[], out: FieldChange[]): void {
  if (deepEqual(before, after)) return;
  if (isMap(before) && isMap(after)) diffMaps(before, after, path, out);
  else if (Array.isArray(before) && Array.isArray(after)) diffLists(before, after, path, out);
  else out.push(change(path, before, after));
}
