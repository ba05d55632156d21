// YAML/JSON text → documents, plus a way back from a field path to file:line:column.
// One pass over js-yaml's events builds the values and records where each document starts (see
// construct.ts; js-yaml's own constructor handles the unusual YAML it leaves out); the position
// of a field is looked up only when a message needs it (re-parsing that file once), so the common
// case — valid manifests — pays nothing for locations.

import {
  boolYaml11Tag,
  constructFromEvents,
  EVENT_ID,
  FAILSAFE_SCHEMA,
  floatYaml11Tag,
  getScalarValue,
  intYaml11Tag,
  mergeTag,
  nullYaml11Tag,
  parseEvents,
  Schema,
  YAMLException,
} from "js-yaml";
import type { Event } from "js-yaml";
import { buildDocuments, rootOffset } from "./construct.js";
import type { SourceLocation } from "./diagnostics.js";
import type { FieldPath } from "./issue.js";

/**
 * Scalars resolve as kubectl reads them (YAML 1.1, as go-yaml v2 does): `0644` is octal 420 and
 * `yes`/`on` are booleans; merge keys (`<<`) work. Unquoted timestamps stay strings, as they do
 * when Kubernetes converts YAML to JSON.
 */
export const KUBERNETES_YAML_SCHEMA = new Schema([
  ...FAILSAFE_SCHEMA.tags,
  nullYaml11Tag,
  boolYaml11Tag,
  intYaml11Tag,
  floatYaml11Tag,
  mergeTag,
]);

export interface ParsedDocument {
  value: unknown;
  /** Offset of the document's root node (where its first key is). */
  offset: number;
  /**
   * Offsets of the root mapping's keys (apiVersion, kind, metadata, ...), recorded during the one
   * parse: the commonest messages (deprecated apiVersion, unsupported kind) point there, and this
   * spares re-parsing the file to find them.
   */
  keys: Map<string, number>;
  /** Whether any mapping holds a null value; absent when not recorded (unusual YAML). */
  nullFields?: boolean;
}

export type ParseResult =
  { ok: true; documents: ParsedDocument[] } | { ok: false; message: string; location: SourceLocation };

/** Maps offsets to 1-based line/column. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) this.starts.push(i + 1);
  }

  position(file: string, offset: number): SourceLocation {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { file, line: lo + 1, column: offset - (this.starts[lo] ?? 0) + 1 };
  }
}

/** `schema` decides how plain scalars resolve; manifests use KUBERNETES_YAML_SCHEMA. */
export function parseDocuments(
  file: string,
  text: string,
  schema: Schema = KUBERNETES_YAML_SCHEMA,
): ParseResult {
  let events: Event[];
  let values: unknown[];
  try {
    events = parseEvents(text, { filename: file });
    const built = buildDocuments(events, text, schema);
    if (built) return { ok: true, documents: built };
    values = constructFromEvents(events, { source: text, filename: file, schema });
  } catch (e) {
    if (e instanceof YAMLException) {
      const mark = (e as YAMLException & { mark?: { line: number; column: number } }).mark;
      const reason = (e as YAMLException & { reason?: string }).reason || e.message;
      return {
        ok: false,
        message: reason,
        location: { file, line: (mark?.line ?? 0) + 1, column: (mark?.column ?? 0) + 1 },
      };
    }
    throw e;
  }
  const docs: { offset: number; keys: Map<string, number> }[] = [];
  for (let i = 0; i < events.length; i++) {
    if (events[i]?.type !== EVENT_ID.DOCUMENT) continue;
    const keys = new Map<string, number>();
    docs.push({ offset: rootOffset(events[i + 1]), keys });
    if (events[i + 1]?.type === EVENT_ID.MAPPING) i = scanRootKeys(events, text, i + 2, keys);
  }
  return {
    ok: true,
    documents: values.map((value, i) => ({
      value,
      offset: docs[i]?.offset ?? 0,
      keys: docs[i]?.keys ?? new Map(),
    })),
  };
}

/** Records the root mapping's keys starting at `i`; returns the index of its closing event. */
function scanRootKeys(events: Event[], text: string, i: number, keys: Map<string, number>): number {
  let depth = 0;
  let expectKey = true;
  for (; i < events.length; i++) {
    const ev = events[i];
    if (!ev) break;
    switch (ev.type) {
      case EVENT_ID.MAPPING:
      case EVENT_ID.SEQUENCE:
        depth++;
        break;
      case EVENT_ID.POP:
        if (depth === 0) return i;
        depth--;
        if (depth === 0) expectKey = true;
        break;
      case EVENT_ID.SCALAR:
      case EVENT_ID.ALIAS:
        if (depth > 0) break;
        if (expectKey && ev.type === EVENT_ID.SCALAR)
          keys.set(getScalarValue(text, ev), Math.max(ev.valueStart, 0));
        expectKey = !expectKey;
        break;
    }
  }
  return i;
}

// ---------------------------------------------------------------------------------------------
// Positions of fields, computed on demand.

interface PosNode {
  offset: number;
  keys?: Map<string, { keyOffset: number; node: PosNode }>;
  items?: PosNode[];
}

function buildTree(events: Event[], text: string, start: number): { node: PosNode; next: number } {
  const ev = events[start];
  if (!ev) return { node: { offset: 0 }, next: start + 1 };
  if (ev.type === EVENT_ID.MAPPING) {
    const keys = new Map<string, { keyOffset: number; node: PosNode }>();
    let i = start + 1;
    while (i < events.length && events[i]?.type !== EVENT_ID.POP) {
      const keyEv = events[i];
      const key = buildTree(events, text, i);
      const value = buildTree(events, text, key.next);
      if (keyEv?.type === EVENT_ID.SCALAR) {
        keys.set(getScalarValue(text, keyEv), { keyOffset: Math.max(keyEv.valueStart, 0), node: value.node });
      }
      i = value.next;
    }
    return { node: { offset: ev.start, keys }, next: i + 1 };
  }
  if (ev.type === EVENT_ID.SEQUENCE) {
    const items: PosNode[] = [];
    let i = start + 1;
    while (i < events.length && events[i]?.type !== EVENT_ID.POP) {
      const item = buildTree(events, text, i);
      items.push(item.node);
      i = item.next;
    }
    return { node: { offset: ev.start, items }, next: i + 1 };
  }
  if (ev.type === EVENT_ID.SCALAR) {
    return { node: { offset: Math.max(ev.valueStart, 0) }, next: start + 1 };
  }
  return { node: { offset: 0 }, next: start + 1 };
}

/**
 * Finds where fields are in one file. Built from the file's text the first time a message about
 * that file needs a position.
 */
export class Locator {
  private docs: PosNode[] | undefined;
  private readonly lines: LineIndex;

  constructor(
    private readonly file: string,
    private readonly text: string,
  ) {
    this.lines = new LineIndex(text);
  }

  positionOfOffset(offset: number): SourceLocation {
    return this.lines.position(this.file, offset);
  }

  private trees(): PosNode[] {
    if (this.docs) return this.docs;
    const docs: PosNode[] = [];
    try {
      const events = parseEvents(this.text, { filename: this.file });
      for (let i = 0; i < events.length; i++) {
        if (events[i]?.type === EVENT_ID.DOCUMENT) {
          const t = buildTree(events, this.text, i + 1);
          docs.push(t.node);
          i = t.next - 1;
        }
      }
    } catch {
      // The text parsed once already; if it does not now, positions fall back to document starts.
    }
    this.docs = docs;
    return docs;
  }

  /**
   * The position of a field: the key for a mapping entry, the item for a list element. A path that
   * does not exist in the text (a defaulted field, say) resolves to its deepest existing parent.
   */
  locate(docIndex: number, path: FieldPath): SourceLocation {
    const root = this.trees()[docIndex];
    if (!root) return this.positionOfOffset(0);
    let node: PosNode = root;
    let offset = node.offset;
    for (const seg of path) {
      if (typeof seg === "number") {
        const item: PosNode | undefined = node.items?.[seg];
        if (!item) break;
        node = item;
        offset = item.offset;
      } else {
        const entry: { keyOffset: number; node: PosNode } | undefined = node.keys?.get(seg);
        if (!entry) break;
        node = entry.node;
        offset = entry.keyOffset;
      }
    }
    return this.positionOfOffset(offset);
  }
}
