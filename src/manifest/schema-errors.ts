// Turns ajv's errors into berth Issues: one issue per real problem, with the field path as
// segments, expected/found in the words a manifest author uses, and a hint where one helps.
// Pure: it reads only the errors (compiled with allErrors and verbose) and the validated document.
import type { ErrorObject } from "ajv";
import { closest } from "../util/edit-distance.js";
import { error, showValue, warning, type FieldPath, type Issue } from "./issue.js";
import {
  listOf,
  missingIssue,
  missingProperty,
  pathOf,
  quoteList,
  recordOf,
  schemaOf,
  stringOf,
  type SchemaObject,
} from "./schema-error-parts.js";

/**
 * Annotation keywords the schemas carry for messages; registered with ajv so strict mode accepts them.
 * - x-hints: {field: text}, on an object schema: the hint for that field missing or unknown.
 * - x-replaced-by: {unknownField: [requiredField...]}, next to `required`: an unknown field that is the
 *   other apiVersion's spelling of missing required fields is folded into the missing-field error.
 * - x-expected: the `expected` text for range and pattern errors of that schema.
 */
export const MESSAGE_KEYWORDS = ["x-hints", "x-replaced-by", "x-expected"];

export function issuesFromAjvErrors(errors: readonly ErrorObject[], data: unknown): Issue[] {
  const relevant = withoutBranchNoise(errors);
  const folded = foldUnknownIntoMissing(relevant, data);
  const issues: Issue[] = [];
  const seen = new Set<string>();
  for (const e of relevant) {
    if (folded.consumed.has(e)) continue;
    const issue = folded.merged.get(e) ?? issueFor(e, data);
    const key = `${issue.code}\u0000${issue.path.join("\u0000")}\u0000${issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push(issue);
  }
  return issues;
}

/**
 * ajv reports an `if` error next to the errors of the `then` branch it applied, and for anyOf/oneOf
 * the errors of every failed branch plus its own. Keep the branch-independent ones: `then` errors
 * stand for themselves; a failed anyOf/oneOf becomes a single issue.
 */
function withoutBranchNoise(errors: readonly ErrorObject[]): ErrorObject[] {
  const alternatives = errors.filter((e) => e.keyword === "anyOf" || e.keyword === "oneOf");
  return errors.filter((e) => {
    if (e.keyword === "if") return false;
    return !alternatives.some(
      (alt) =>
        alt !== e &&
        e.schemaPath.startsWith(`${alt.schemaPath}/`) &&
        isUnder(e.instancePath, alt.instancePath),
    );
  });
}

function isUnder(path: string, parent: string): boolean {
  return path === parent || path.startsWith(`${parent}/`);
}

interface Folded {
  consumed: Set<ErrorObject>;
  merged: Map<ErrorObject, Issue>;
}

/**
 * A misspelt required field ("imgae") or another version's spelling of it (`serviceName` in a v1
 * Ingress backend) is one problem, not an unknown field plus a missing one: report the missing
 * field, with the unknown one in the hint.
 */
function foldUnknownIntoMissing(errors: readonly ErrorObject[], data: unknown): Folded {
  const consumed = new Set<ErrorObject>();
  const merged = new Map<ErrorObject, Issue>();
  const unknownAt = new Map<string, Map<string, ErrorObject>>();
  for (const e of errors) {
    if (e.keyword !== "additionalProperties") continue;
    const field = String((e.params as { additionalProperty?: unknown }).additionalProperty);
    let byField = unknownAt.get(e.instancePath);
    if (!byField) unknownAt.set(e.instancePath, (byField = new Map<string, ErrorObject>()));
    byField.set(field, e);
  }
  const required = errors.filter((e) => e.keyword === "required");
  for (const r of required) {
    if (consumed.has(r)) continue;
    const unknown = unknownAt.get(r.instancePath);
    if (!unknown) continue;
    const live = new Map([...unknown].filter(([, e]) => !consumed.has(e)));
    if (live.size === 0) continue;
    const missing = missingProperty(r);
    const schema = schemaOf(r);
    const replacedBy = recordOf(schema["x-replaced-by"]);
    const replacing = [...live.keys()].filter((f) => listOf(replacedBy[f]).includes(missing));
    if (replacing.length > 0) {
      const stands = new Set(replacing.flatMap((f) => listOf(replacedBy[f])));
      const alsoMissing = required.filter(
        (o) =>
          o !== r && !consumed.has(o) && o.instancePath === r.instancePath && stands.has(missingProperty(o)),
      );
      for (const [f, e] of live) if (replacing.includes(f)) consumed.add(e);
      for (const o of alsoMissing) consumed.add(o);
      const fields = [missing, ...alsoMissing.map(missingProperty)];
      const hint =
        stringOf(recordOf(schema["x-hints"])[missing]) ??
        `${quoteList(replacing)} ${replacing.length > 1 ? "are" : "is"} not a field here: write ${quoteList(fields)}`;
      merged.set(r, missingIssue(r, data, fields, hint));
      continue;
    }
    const typo = closest(missing, live.keys());
    const typoError = typo === undefined ? undefined : live.get(typo);
    if (typo !== undefined && typoError !== undefined) {
      consumed.add(typoError);
      merged.set(r, missingIssue(r, data, [missing], `did you mean "${missing}" instead of "${typo}"?`));
    }
  }
  return { consumed, merged };
}

function issueFor(e: ErrorObject, data: unknown): Issue {
  const path = pathOf(e, data);
  const params = e.params as Record<string, unknown>;
  const schema = schemaOf(e);
  const found = showValue(e.data);
  switch (e.keyword) {
    case "required": {
      const missing = missingProperty(e);
      return missingIssue(e, data, [missing], stringOf(recordOf(schema["x-hints"])[missing]));
    }
    case "additionalProperties": {
      const field = String(params.additionalProperty);
      const hint = stringOf(recordOf(schema["x-hints"])[field]) ?? suggestField(field, schema, e.data);
      return warning("W_UNKNOWN_FIELD", [...path, field], `unknown field ${JSON.stringify(field)}`, {
        ...(hint === undefined ? {} : { hint }),
      });
    }
    case "type": {
      const types = listOf(params.type);
      const hint = typeHint(types, e.data);
      return error("E_SCHEMA", path, "wrong type", {
        expected: types.map(typeName).join(" or "),
        found,
        ...(hint === undefined ? {} : { hint }),
      });
    }
    case "enum":
    case "const": {
      const allowed = e.keyword === "enum" ? listOf(params.allowedValues) : [params.allowedValue];
      const suggestion =
        typeof e.data === "string"
          ? closest(
              e.data,
              allowed.filter((a): a is string => typeof a === "string"),
            )
          : undefined;
      return error("E_VALUE", path, "value not allowed", {
        expected:
          allowed.length === 1 ? showValue(allowed[0]) : `one of ${allowed.map(showValue).join(", ")}`,
        found,
        ...(suggestion === undefined ? {} : { hint: `did you mean ${JSON.stringify(suggestion)}?` }),
      });
    }
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum":
      return error("E_VALUE", path, "value out of range", {
        expected: stringOf(schema["x-expected"]) ?? rangeText(schema),
        found,
      });
    case "pattern":
    case "format":
      return error("E_VALUE", path, "value has the wrong format", {
        expected:
          stringOf(schema["x-expected"]) ??
          (e.keyword === "pattern"
            ? `a string matching /${String(params.pattern)}/`
            : `a ${String(params.format)}`),
        found,
      });
    case "minItems":
    case "maxItems":
    case "minLength":
    case "maxLength":
    case "minProperties":
    case "maxProperties":
      return sizeIssue(e.keyword, Number(params.limit), path, e.data);
    case "anyOf":
    case "oneOf":
      return error("E_SCHEMA", path, "value does not match any of the allowed forms", { found });
    default:
      return error("E_VALUE", path, `value not allowed (${e.keyword})`, { found });
  }
}

function sizeIssue(keyword: string, limit: number, path: FieldPath, data: unknown): Issue {
  const [unit, what] = keyword.endsWith("Items")
    ? ["item", "list"]
    : keyword.endsWith("Length")
      ? ["character", "string"]
      : ["field", "mapping"];
  const plural = (n: number) => `${n} ${unit}${n === 1 ? "" : "s"}`;
  const isMin = keyword.startsWith("min");
  const size = Array.isArray(data)
    ? data.length
    : typeof data === "string"
      ? data.length
      : typeof data === "object" && data !== null
        ? Object.keys(data).length
        : 0;
  const message =
    isMin && limit === 1 ? `${what} must not be empty` : `${what} is too ${isMin ? "short" : "long"}`;
  return error("E_VALUE", path, message, {
    expected: `${isMin ? "at least" : "at most"} ${plural(limit)}`,
    found: size === 0 ? showValue(data) : plural(size),
  });
}

function rangeText(schema: SchemaObject): string {
  const kind = listOf(schema.type).includes("integer") ? "an integer" : "a number";
  const min = typeof schema.minimum === "number" ? schema.minimum : undefined;
  const max = typeof schema.maximum === "number" ? schema.maximum : undefined;
  const xmin = typeof schema.exclusiveMinimum === "number" ? schema.exclusiveMinimum : undefined;
  const xmax = typeof schema.exclusiveMaximum === "number" ? schema.exclusiveMaximum : undefined;
  if (min !== undefined && max !== undefined) return `${kind} from ${min} to ${max}`;
  const bounds: string[] = [];
  if (min !== undefined) bounds.push(`>= ${min}`);
  if (xmin !== undefined) bounds.push(`> ${xmin}`);
  if (max !== undefined) bounds.push(`<= ${max}`);
  if (xmax !== undefined) bounds.push(`< ${xmax}`);
  return `${kind} ${bounds.join(" and ")}`;
}

function typeName(t: unknown): string {
  if (t === "object") return "mapping";
  if (t === "array") return "list";
  return String(t);
}

/** The two YAML slips behind most type errors: an unquoted number where a string belongs, and the reverse. */
function typeHint(types: readonly unknown[], data: unknown): string | undefined {
  if (
    types.length === 1 &&
    types[0] === "string" &&
    (typeof data === "number" || typeof data === "boolean")
  ) {
    return "put the value in quotes so YAML reads it as a string";
  }
  const wantsNumber = types.includes("integer") || types.includes("number");
  // Only a plain decimal: "0o644" or "1e3" came from YAML unquoted and read as a string.
  if (
    wantsNumber &&
    !types.includes("string") &&
    typeof data === "string" &&
    /^-?[0-9]+(\.[0-9]+)?$/.test(data)
  ) {
    if (types.includes("number") || Number.isInteger(Number(data))) {
      return "write the number without quotes";
    }
  }
  return undefined;
}

function suggestField(field: string, schema: SchemaObject, data: unknown): string | undefined {
  const present = typeof data === "object" && data !== null ? new Set(Object.keys(data)) : new Set<string>();
  const known = Object.keys(recordOf(schema.properties)).filter((k) => !present.has(k));
  const match = closest(field, known);
  return match === undefined ? undefined : `did you mean ${JSON.stringify(match)}?`;
}
