// Small pieces the ajv-error mapping (schema-errors.ts) shares: reading ajv errors and the
// annotated schemas they point at, and the "missing required field" issue.
import type { ErrorObject } from "ajv";
import { error, type Issue } from "./issue.js";

export type SchemaObject = Record<string, unknown>;

export function missingIssue(
  r: ErrorObject,
  data: unknown,
  fields: readonly string[],
  hint: string | undefined,
): Issue {
  const first = fields[0] ?? missingProperty(r);
  const message =
    fields.length > 1
      ? `missing required fields ${quoteList(fields)}`
      : `missing required field ${JSON.stringify(first)}`;
  return error("E_SCHEMA", [...pathOf(r, data), first], message, hint === undefined ? {} : { hint });
}

export function missingProperty(e: ErrorObject): string {
  return String((e.params as { missingProperty?: unknown }).missingProperty);
}

/** The instance path as segments; list indexes become numbers (decided by walking the data). */
export function pathOf(e: ErrorObject, data: unknown): (string | number)[] {
  if (e.instancePath === "") return [];
  const segments: (string | number)[] = [];
  let node: unknown = data;
  for (const raw of e.instancePath.slice(1).split("/")) {
    const seg = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (Array.isArray(node)) {
      const index = Number(seg);
      segments.push(index);
      node = (node as unknown[])[index];
    } else {
      segments.push(seg);
      node = typeof node === "object" && node !== null ? (node as Record<string, unknown>)[seg] : undefined;
    }
  }
  return segments;
}

export function schemaOf(e: ErrorObject): SchemaObject {
  return recordOf(e.parentSchema);
}

export function recordOf(v: unknown): SchemaObject {
  return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as SchemaObject) : {};
}

export function listOf(v: unknown): unknown[] {
  if (Array.isArray(v)) return v as unknown[];
  return v === undefined ? [] : [v];
}

export function stringOf(v: unknown): string | undefined {
  return typeof v === "string" ? v : undefined;
}

export function quoteList(items: readonly string[]): string {
  const quoted = items.map((s) => JSON.stringify(s));
  return quoted.length <= 1
    ? quoted.join("")
    : `${quoted.slice(0, -1).join(", ")} and ${quoted.at(-1) ?? ""}`;
}
