// Parses a YAML file and remembers where every key and value starts, so configuration errors can
// say file:line:column. Uses js-yaml 5's event stream (parseEvents) for positions and builds the
// value from the same events.

import { constructFromEvents, EVENT_ID, getScalarValue, parseEvents, type Event } from "js-yaml";

/** 1-based, as editors count. */
export interface YamlPosition {
  line: number;
  column: number;
}

export type YamlPath = readonly (string | number)[];

export interface ParsedYaml {
  /** The first document's value; null for an empty file. */
  value: unknown;
  /** How many documents the file holds. */
  documents: number;
  /** Where the key of the value at `path` starts (undefined for sequence items and the root). */
  keyAt(path: YamlPath): YamlPosition | undefined;
  /** Where the value at `path` starts. */
  valueAt(path: YamlPath): YamlPosition | undefined;
  /** The value's position, else its key's, else the nearest ancestor's that is known. */
  locate(path: YamlPath): YamlPosition | undefined;
}

const SINGLE_QUOTED = 2;
const DOUBLE_QUOTED = 3;

type Frame =
  | { kind: "map"; path: YamlPath; key: string | undefined }
  | { kind: "seq"; path: YamlPath; index: number }
  | { kind: "skip" };

function startOf(e: Event): number {
  let start = -1;
  if (e.type === EVENT_ID.SCALAR) {
    start = e.valueStart;
    if (start >= 0 && (e.style === SINGLE_QUOTED || e.style === DOUBLE_QUOTED)) start -= 1;
  } else if (e.type === EVENT_ID.MAPPING || e.type === EVENT_ID.SEQUENCE) start = e.start;
  else if (e.type === EVENT_ID.ALIAS) start = e.anchorStart - 1;
  if (e.type === EVENT_ID.SCALAR || e.type === EVENT_ID.MAPPING || e.type === EVENT_ID.SEQUENCE) {
    for (const s of [e.anchorStart - 1, e.tagStart]) if (s >= 0 && (start < 0 || s < start)) start = s;
  }
  return start;
}

const keyOf = (path: YamlPath): string => path.map(String).join("\u0000");

/** Throws js-yaml's YAMLException (with `mark`) on a syntax error or a duplicate key. */
export function parseYaml(text: string, file: string): ParsedYaml {
  const events = parseEvents(text, { filename: file });
  const values = constructFromEvents(events, { source: text, filename: file });
  const keys = new Map<string, number>();
  const vals = new Map<string, number>();
  const stack: Frame[] = [];
  let documents = 0;

  const place = (e: Event): YamlPath | undefined => {
    const top = stack[stack.length - 1];
    if (top === undefined) {
      vals.set(keyOf([]), startOf(e));
      return [];
    }
    if (top.kind === "skip") return undefined;
    if (top.kind === "seq") {
      const path = [...top.path, top.index++];
      vals.set(keyOf(path), startOf(e));
      return path;
    }
    if (top.key === undefined) {
      // A mapping key. Complex (collection) keys have no path of their own; skip their insides.
      top.key = e.type === EVENT_ID.SCALAR ? getScalarValue(text, e) : "?";
      keys.set(keyOf([...top.path, top.key]), startOf(e));
      return undefined;
    }
    const path = [...top.path, top.key];
    if (e.type === EVENT_ID.SCALAR && e.valueStart < 0) {
      // An empty value (`key:`) has no text of its own: point at its key.
      vals.set(keyOf(path), keys.get(keyOf(path)) ?? -1);
    } else vals.set(keyOf(path), startOf(e));
    top.key = undefined;
    return path;
  };

  for (const e of events) {
    if (e.type === EVENT_ID.DOCUMENT) {
      documents++;
      if (documents > 1) stack.push({ kind: "skip" });
      continue;
    }
    if (e.type === EVENT_ID.POP) {
      stack.pop();
      continue;
    }
    if (documents > 1) {
      if (e.type === EVENT_ID.MAPPING || e.type === EVENT_ID.SEQUENCE) stack.push({ kind: "skip" });
      continue;
    }
    const top = stack[stack.length - 1];
    const isKey = top?.kind === "map" && top.key === undefined;
    const path = place(e);
    if (e.type === EVENT_ID.MAPPING || e.type === EVENT_ID.SEQUENCE) {
      if (path === undefined || isKey) stack.push({ kind: "skip" });
      else if (e.type === EVENT_ID.MAPPING) stack.push({ kind: "map", path, key: undefined });
      else stack.push({ kind: "seq", path, index: 0 });
    }
  }

  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const position = (offset: number | undefined): YamlPosition | undefined => {
    if (offset === undefined || offset < 0) return undefined;
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((lineStarts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (lineStarts[lo] ?? 0) + 1 };
  };
  const keyAt = (path: YamlPath) => position(keys.get(keyOf(path)));
  const valueAt = (path: YamlPath) => position(vals.get(keyOf(path)));
  return {
    value: values[0] ?? null,
    documents,
    keyAt,
    valueAt,
    locate(path) {
      for (let n = path.length; n >= 0; n--) {
        const p = path.slice(0, n);
        const at = valueAt(p) ?? keyAt(p);
        if (at) return at;
      }
      return undefined;
    },
  };
}
