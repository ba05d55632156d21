// Validates a parsed berth.yaml against schemas/berth-config.json with ajv, filling in the
// schema's defaults, and turns ajv's errors into ConfigProblems in a config author's words.

import { readFileSync } from "node:fs";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import { pathOf } from "../manifest/schema-error-parts.js";
import { closest } from "../util/edit-distance.js";
import { found, problem, type ConfigProblem } from "./errors.js";
import { FORMATS } from "./formats.js";

const SCHEMA_URL = new URL("../../schemas/berth-config.json", import.meta.url);

let validator: ValidateFunction | undefined;

function compile(): ValidateFunction {
  const ajv = new Ajv({
    allErrors: true,
    verbose: true,
    useDefaults: true,
    strict: true,
    allowUnionTypes: true,
  });
  // Marks values that must never be echoed back in messages.
  ajv.addKeyword({ keyword: "x-secret", schemaType: "boolean" });
  for (const [name, f] of Object.entries(FORMATS))
    ajv.addFormat(name, { type: "string", validate: f.validate });
  const schema = JSON.parse(readFileSync(SCHEMA_URL, "utf8")) as object;
  return ajv.compile(schema);
}

/** Validates `data` in place (defaults are filled in); returns the problems found. */
export function validateConfig(data: unknown): ConfigProblem[] {
  validator ??= compile();
  if (validator(data)) return [];
  return problemsFromAjv(validator.errors ?? [], data);
}

type SchemaObject = Record<string, unknown>;

const TYPE_WORDS: Readonly<Record<string, string>> = {
  string: "a string",
  integer: "a whole number",
  number: "a number",
  boolean: "true or false",
  array: "a list",
  object: "a mapping",
  null: "null",
};

function typeWords(type: unknown): string {
  const types = Array.isArray(type) ? (type as string[]) : [String(type)];
  return types.map((t) => TYPE_WORDS[t] ?? t).join(" or ");
}

function wants(type: unknown, name: string): boolean {
  return type === name || (Array.isArray(type) && type.includes(name));
}

function typeHint(type: unknown, value: unknown): { hint?: string } {
  if (wants(type, "string") && (typeof value === "number" || typeof value === "boolean")) {
    return { hint: "quote the value to make it a string" };
  }
  if (wants(type, "boolean") && typeof value === "string" && /^(y|yes|n|no|on|off)$/i.test(value)) {
    return { hint: "berth.yaml is YAML 1.2: write true or false" };
  }
  return {};
}

const SECRET_EXPECTED = "a string, {env: NAME} or {file: PATH}";

function problemFor(e: ErrorObject, data: unknown): ConfigProblem | undefined {
  const path = pathOf(e, data);
  const parent = (e.parentSchema ?? {}) as SchemaObject;
  const secret = parent["x-secret"] === true;
  const format = typeof parent.format === "string" ? FORMATS[parent.format] : undefined;
  const value: unknown = e.data;
  const shown = secret ? {} : { found: found(value) };
  const params = e.params as Record<string, unknown>;
  if (e.keyword === "propertyNames") return undefined; // the error about the key itself says it better
  if (e.propertyName !== undefined) {
    const f = typeof e.schema === "string" ? FORMATS[e.schema] : undefined;
    return problem([...path, e.propertyName], "is not a valid key", {
      ...(f ? { expected: f.expected } : {}),
      found: found(e.propertyName),
    });
  }
  switch (e.keyword) {
    case "required":
      return problem([...path, String(params.missingProperty)], "is required");
    case "additionalProperties": {
      const field = String(params.additionalProperty);
      const known = Object.keys(parent.properties ?? {});
      const guess = closest(field, known);
      return problem([...path, field], "is not a known field", {
        ...(guess ? { hint: `did you mean ${guess}?` } : { expected: `one of ${known.join(", ")}` }),
      });
    }
    case "type":
      return problem(path, "has the wrong type", {
        expected: secret ? SECRET_EXPECTED : (format?.expected ?? typeWords(params.type)),
        ...shown,
        ...typeHint(params.type, value),
      });
    case "format": {
      const f = FORMATS[String(params.format)];
      return problem(path, f?.reason?.(String(value)) ?? "is not valid", {
        ...(f ? { expected: f.expected } : {}),
        ...shown,
      });
    }
    case "enum":
      return problem(path, "is not an allowed value", {
        expected: `one of ${(e.schema as unknown[]).map((v) => String(v)).join(", ")}`,
        ...shown,
      });
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum": {
      const words = {
        minimum: "at least",
        maximum: "at most",
        exclusiveMinimum: "more than",
        exclusiveMaximum: "less than",
      };
      return problem(path, "is out of range", {
        expected: format?.expected ?? `${words[e.keyword]} ${String(params.limit)}`,
        ...shown,
      });
    }
    case "minLength":
      return problem(path, "must not be empty");
    case "minItems":
      return problem(path, `must list at least ${String(params.limit)}`);
    case "uniqueItems":
      return problem(path, "lists the same value twice", shown);
    case "minProperties":
    case "maxProperties":
      return problem(path, secret ? "must have exactly one of env or file" : (e.message ?? "is not valid"), {
        ...(secret ? { expected: SECRET_EXPECTED } : {}),
      });
    default:
      return problem(path, e.message ?? "is not valid");
  }
}

export function problemsFromAjv(errors: readonly ErrorObject[], data: unknown): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    const p = problemFor(e, data);
    if (!p) continue;
    const key = `${p.path.join("\u0000")}\u0000${p.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(p);
  }
  return out;
}
