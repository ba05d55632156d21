// The schema stage of src/manifest: checks a parsed document against the JSON Schema of its
// apiVersion and kind (schemas/<group>.<version>.<Kind>.json) and reports Issues.
//
// Speed: most documents are valid, so a validator compiled without allErrors (it stops at the
// first error) runs first; only when it fails does a second, allErrors + verbose validator run to
// collect every problem with the context the messages need. Both are compiled on first use of a
// pair and cached.
import { Ajv, type ValidateFunction } from "ajv";
import type { Issue } from "./issue.js";
import { hasNullField, withoutNullFields } from "./nulls.js";
import { issuesFromAjvErrors, MESSAGE_KEYWORDS } from "./schema-errors.js";
import { readDefinitionSchemas, readKindSchema, SCHEMA_PAIRS, type JsonSchema } from "./schema-files.js";

const pairKey = (apiVersion: string, kind: string) => `${apiVersion}\u0000${kind}`;

const SUPPORTED: ReadonlySet<string> = new Set(SCHEMA_PAIRS.map(([a, k]) => pairKey(a, k)));

/** Whether berth has a schema for this apiVersion and kind. */
export function hasSchema(apiVersion: string, kind: string): boolean {
  // A pair already validated once is answered without building its key.
  return entries.get(apiVersion)?.has(kind) === true || SUPPORTED.has(pairKey(apiVersion, kind));
}

/**
 * Validates `doc` against the schema of apiVersion/kind. Returns the issues (empty when valid), or
 * undefined when berth has no schema for that pair. A field set to null counts as not set, as in
 * Kubernetes (see nulls.ts).
 */
export function validateSchema(apiVersion: string, kind: string, doc: unknown): Issue[] | undefined {
  const entry = entryFor(apiVersion, kind);
  if (entry === undefined) return undefined;
  const fast = (entry.fast ??= compiler("fast").compile(entry.schema));
  if (fast(doc)) return [];
  let target = doc;
  if (hasNullField(doc)) {
    target = withoutNullFields(doc);
    if (fast(target)) return [];
  }
  const full = (entry.full ??= compiler("full").compile(entry.schema));
  if (full(target)) return [];
  return issuesFromAjvErrors(full.errors ?? [], target);
}

interface Entry {
  schema: JsonSchema;
  fast?: ValidateFunction;
  full?: ValidateFunction;
}

/** apiVersion → kind → entry: two lookups per document, no key string built each time. */
const entries = new Map<string, Map<string, Entry>>();

function entryFor(apiVersion: string, kind: string): Entry | undefined {
  let byKind = entries.get(apiVersion);
  let entry = byKind?.get(kind);
  if (entry !== undefined) return entry;
  if (!SUPPORTED.has(pairKey(apiVersion, kind))) return undefined;
  entry = { schema: readKindSchema(apiVersion, kind) };
  if (byKind === undefined) {
    byKind = new Map<string, Entry>();
    entries.set(apiVersion, byKind);
  }
  byKind.set(kind, entry);
  return entry;
}

const compilers: Partial<Record<"fast" | "full", Ajv>> = {};

function compiler(mode: "fast" | "full"): Ajv {
  return (compilers[mode] ??= newAjv(mode === "full"));
}

/** An ajv instance with berth's message keywords and the shared definitions (schemas/defs). */
export function newAjv(collectAll: boolean): Ajv {
  const ajv = new Ajv({
    allErrors: collectAll,
    verbose: collectAll,
    // Strict about the schemas themselves (unknown keywords, bad numbers), not about the style
    // rules that would forbid `required` inside if/then or a range next to a union type.
    strictSchema: true,
    strictNumbers: true,
    strictTypes: false,
    strictTuples: false,
    strictRequired: false,
  });
  ajv.addVocabulary(MESSAGE_KEYWORDS);
  for (const def of readDefinitionSchemas()) ajv.addSchema(def);
  return ajv;
}
