// A fast builder of values from js-yaml events, for the documents manifests nearly always are:
// plain mappings, sequences and scalars, without tags, anchors, aliases, merge keys or duplicate
// keys. In the same pass it records what the loader needs besides the values (where each document
// and each root key starts, whether any field is null), which spares walking the events and the
// values again. Anything outside that common case returns undefined, and the caller runs js-yaml's
// general constructFromEvents instead, so unusual YAML (and every YAML error) behaves exactly as
// js-yaml makes it behave.

import {
  EVENT_ID,
  getScalarValue,
  mapTag,
  mergeTag,
  NOT_RESOLVED,
  SCALAR_STYLE,
  seqTag,
  strTag,
  type Event,
  type Schema,
  type ScalarTagDefinition,
} from "js-yaml";

const MERGE_TAG = "tag:yaml.org,2002:merge";
const NO_RANGE = -1;

export interface BuiltDocument {
  value: unknown;
  /** Offset of the document's root node (where its first key is). */
  offset: number;
  /** Offsets of the root mapping's keys, by the key as written. */
  keys: Map<string, number>;
  /** Whether any mapping in the document holds a null value (see nulls.ts). */
  nullFields: boolean;
}

/** How a schema resolves plain scalars, built from its public tag list. */
interface Resolver {
  byFirstChar: Map<string, ScalarTagDefinition[]>;
  anyFirstChar: ScalarTagDefinition[];
}

const resolvers = new WeakMap<Schema, Resolver | null>();

/**
 * The same dispatch js-yaml's composer uses (implicit tags in schema order, narrowed by the first
 * character). Null when the schema's mappings or sequences are not plain objects and arrays: then
 * this builder cannot stand in for js-yaml.
 */
function resolverFor(schema: Schema): Resolver | null {
  let r = resolvers.get(schema);
  if (r !== undefined) return r;
  const find = (name: string) => schema.tags.find((t) => t.tagName === name);
  const merge = find(MERGE_TAG);
  if (
    find("tag:yaml.org,2002:map") !== mapTag ||
    find("tag:yaml.org,2002:seq") !== seqTag ||
    find("tag:yaml.org,2002:str") !== strTag ||
    // Merge keys are left to js-yaml, recognised by their text `<<`; a merge tag of another
    // making might match other text.
    (merge !== undefined && merge !== mergeTag)
  ) {
    r = null;
  } else {
    const implicit = schema.tags.filter(
      (t): t is ScalarTagDefinition => t.nodeKind === "scalar" && t.implicit,
    );
    const anyFirstChar = implicit.filter((t) => t.implicitFirstChars === null);
    const byFirstChar = new Map<string, ScalarTagDefinition[]>();
    for (const t of implicit)
      for (const c of t.implicitFirstChars ?? [])
        byFirstChar.set(
          c,
          implicit.filter((u) => u.implicitFirstChars === null || u.implicitFirstChars.includes(c)),
        );
    r = { byFirstChar, anyFirstChar };
  }
  resolvers.set(schema, r);
  return r;
}

/**
 * Thrown inside the builder when the input needs js-yaml's general constructor. One instance,
 * made once: throwing it costs no stack capture.
 */
const UNSUPPORTED = new Error("needs js-yaml's general constructor");

/** A plain scalar's value (`!!str` resolves to the source itself). */
function resolvePlain(r: Resolver, source: string): unknown {
  const candidates = r.byFirstChar.get(source.charAt(0)) ?? r.anyFirstChar;
  for (const tag of candidates) {
    const value = tag.resolve(source, false, tag.tagName);
    if (value !== NOT_RESOLVED) return value;
  }
  return source;
}

/** Where a document's root node starts, given the event after the document's. */
export function rootOffset(ev: Event | undefined): number {
  if (!ev) return 0;
  if (ev.type === EVENT_ID.MAPPING || ev.type === EVENT_ID.SEQUENCE) return ev.start;
  if (ev.type === EVENT_ID.SCALAR) return Math.max(ev.valueStart, 0);
  return 0;
}

/** The documents in `events`, or undefined when they need js-yaml's general constructor. */
export function buildDocuments(events: Event[], text: string, schema: Schema): BuiltDocument[] | undefined {
  const r = resolverFor(schema);
  if (r === null) return undefined;
  try {
    return build(events, text, r);
  } catch (e) {
    if (e === UNSUPPORTED) return undefined;
    throw e;
  }
}

type Container = Record<string, unknown> | unknown[];

/**
 * The open container is kept in locals (`top`, `isMap`, and `key`: the mapping's key waiting for
 * its value); the enclosing ones wait on two stacks. This loop runs once per YAML node, so it
 * avoids allocating per node and calling closures.
 */
function build(events: Event[], text: string, r: Resolver): BuiltDocument[] {
  const docs: BuiltDocument[] = [];
  const outer: (Container | undefined)[] = [];
  const outerKeys: (string | undefined)[] = [];
  let doc: BuiltDocument = { value: undefined, offset: 0, keys: new Map(), nullFields: false };
  let top: Container | undefined;
  let isMap = false;
  let key: string | undefined;

  for (let i = 0; i < events.length; i++) {
    const ev = events[i];
    if (ev === undefined) break;
    let value: unknown;
    switch (ev.type) {
      case EVENT_ID.DOCUMENT:
        doc = { value: undefined, offset: rootOffset(events[i + 1]), keys: new Map(), nullFields: false };
        continue;
      case EVENT_ID.SCALAR: {
        if (ev.tagStart !== NO_RANGE || ev.anchorStart !== NO_RANGE) throw UNSUPPORTED;
        const source = getScalarValue(text, ev);
        const plain = ev.style === SCALAR_STYLE.PLAIN;
        if (isMap && key === undefined) {
          // A key: stored as js-yaml's object-based map stores it (String of the resolved value).
          if (plain && source === "<<") throw UNSUPPORTED;
          const k = plain ? String(resolvePlain(r, source)) : source;
          if (k === "__proto__" || Object.hasOwn(top as Record<string, unknown>, k)) throw UNSUPPORTED;
          key = k;
          if (outer.length === 1) doc.keys.set(source, Math.max(ev.valueStart, 0));
          continue;
        }
        value = plain ? resolvePlain(r, source) : source;
        break;
      }
      case EVENT_ID.MAPPING:
      case EVENT_ID.SEQUENCE:
        if (ev.tagStart !== NO_RANGE || ev.anchorStart !== NO_RANGE) throw UNSUPPORTED;
        // A mapping or sequence used as a key: only js-yaml knows what to make of (or say about) it.
        if (isMap && key === undefined) throw UNSUPPORTED;
        value = ev.type === EVENT_ID.MAPPING ? {} : [];
        break;
      case EVENT_ID.POP:
        if (outer.length === 0) {
          docs.push(doc);
          continue;
        }
        if (isMap && key !== undefined) throw UNSUPPORTED;
        top = outer.pop();
        key = outerKeys.pop();
        isMap = top !== undefined && !Array.isArray(top);
        continue;
      default:
        throw UNSUPPORTED;
    }
    // A finished scalar or a new container goes into the open container (a container as soon as
    // it opens rather than when it closes: the parent's key order is the same).
    if (top === undefined) doc.value = value;
    else if (!isMap) (top as unknown[]).push(value);
    else {
      // `key` is set here: a value arriving where a key belongs was dealt with above.
      (top as Record<string, unknown>)[key ?? ""] = value;
      if (value === null) doc.nullFields = true;
      key = undefined;
    }
    if (typeof value === "object" && value !== null) {
      outer.push(top);
      outerKeys.push(key);
      top = value as Container;
      isMap = !Array.isArray(value);
      key = undefined;
    }
  }
  return docs;
}
