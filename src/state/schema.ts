// The JSON Schema check of a (migrated) state document: schemas/state-file.json, compiled once on
// first use so processes that never load a state file don't pay for it.

import { readFileSync } from "node:fs";
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";

// ajv-formats is CommonJS with `exports.default`; under NodeNext the default import is the module.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

/** Relative to this file in src/state and in dist/state alike. */
const SCHEMA_URL = new URL("../../schemas/state-file.json", import.meta.url);

let validator: ValidateFunction | undefined;

function compiled(): ValidateFunction {
  if (!validator) {
    const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
    addFormats(ajv, ["date-time", "ipv4", "ipv6"]);
    validator = ajv.compile(JSON.parse(readFileSync(SCHEMA_URL, "utf8")) as object);
  }
  return validator;
}

export interface SchemaProblem {
  /** JSON pointer into the document: "/objects/3/metadata". "" for the root. */
  path: string;
  message: string;
}

function problemOf(e: ErrorObject): SchemaProblem {
  let message = e.message ?? "is invalid";
  if (e.keyword === "additionalProperties") {
    message = `has unknown property ${JSON.stringify((e.params as { additionalProperty: string }).additionalProperty)}`;
  } else if (e.keyword === "enum") {
    message = `must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(", ")}`;
  }
  return { path: e.instancePath, message };
}

/** The schema problems of a document (empty when it is valid), most specific first, without noise. */
export function checkStateSchema(doc: unknown): SchemaProblem[] {
  const validate = compiled();
  if (validate(doc)) return [];
  // `if`/`then` wrappers and the anyOf/allOf that failed because of an inner error only repeat it.
  const noisy = new Set(["if", "anyOf", "allOf"]);
  const errors = (validate.errors ?? []).filter((e) => !noisy.has(e.keyword));
  const seen = new Set<string>();
  const out: SchemaProblem[] = [];
  for (const e of errors.length > 0 ? errors : (validate.errors ?? [])) {
    const p = problemOf(e);
    const key = `${p.path} ${p.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(p);
  }
  return out;
}
