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

/** One open mapping or sequence; `key` is the mapping's key waiting for its value. */
interface Frame {
  container: Record<string, unknown> | unknown[];
  isMap: boolean;
  key: string | undefined;
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

function build(events: Event[], text: string, r: Resolver): BuiltDocument[] {
  const docs: BuiltDocument[] = [];
  const frames: Frame[] = [];
  let doc: BuiltDocument | undefined;

  /** Puts a finished value into the open container, or makes it the document's value. */
  const add = (value: unknown): void => {
    const top = frames[frames.length - 1];
    if (top === undefined) {
      if (doc) doc.value = value;
    } else if (!top.isMap) {
      (top.container as unknown[]).push(value);
    } else if (top.key !== undefined) {
      (top.container as Record<string, unknown>)[top.key] = value;
      top.key = undefined;
      if (value === null && doc) doc.nullFields = true;
    } else {
      // A mapping or sequence used as a key: only js-yaml knows what to make of (or say about) it.
      throw UNSUPPORTED;
    }
  };

  for (let i = 0; i < events.length; i++) {
    const ev = events[i];
    if (ev === undefined) break;
    switch (ev.type) {
      case EVENT_ID.DOCUMENT:
        doc = { value: undefined, offset: rootOffset(events[i + 1]), keys: new Map(), nullFields: false };
        break;
      case EVENT_ID.SCALAR: {
        if (ev.tagStart !== NO_RANGE || ev.anchorStart !== NO_RANGE) throw UNSUPPORTED;
        const source = getScalarValue(text, ev);
        const plain = ev.style === SCALAR_STYLE.PLAIN;
        const top = frames[frames.length - 1];
        if (top?.isMap && top.key === undefined) {
          // A key: stored as js-yaml's object-based map stores it (String of the resolved value).
          if (plain && source === "<<") throw UNSUPPORTED;
          const key = plain ? String(resolvePlain(r, source)) : source;
          const map = top.container as Record<string, unknown>;
          if (key === "__proto__" || Object.hasOwn(map, key)) throw UNSUPPORTED;
          top.key = key;
          if (frames.length === 1 && doc) doc.keys.set(source, Math.max(ev.valueStart, 0));
        } else {
          add(plain ? resolvePlain(r, source) : source);
        }
        break;
      }
      case EVENT_ID.MAPPING:
      case EVENT_ID.SEQUENCE: {
        if (ev.tagStart !== NO_RANGE || ev.anchorStart !== NO_RANGE) throw UNSUPPORTED;
        const isMap = ev.type === EVENT_ID.MAPPING;
        const container = isMap ? {} : [];
        // Added to its parent now rather than when it closes: the parent's key order is the same.
        add(container);
        frames.push({ container, isMap, key: undefined });
        break;
      }
      case EVENT_ID.POP:
        if (frames.length > 0) {
          const closed = frames.pop();
          if (closed?.isMap && closed.key !== undefined) throw UNSUPPORTED;
        } else if (doc) {
          docs.push(doc);
          doc = undefined;
        }
        break;
      default:
        throw UNSUPPORTED;
    }
  }
  return docs;
}
