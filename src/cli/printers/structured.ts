// -o json | yaml | name, as kubectl prints them: keys sorted at every level, JSON indented by 4
// spaces, YAML with sequences not indented (sigs.k8s.io/yaml). Several
// objects (or none) print as a v1 List. Objects are printed as recorded: Secret values are the
// hashes the state file keeps, never values.

import { dump } from "js-yaml";
import { qualifiedName, typeOf, type ViewKind } from "../view/resource-types.js";

type Json = Record<string, unknown>;

/** A v1 List of the objects. */
export function listOf(items: readonly object[]): Json {
  return { apiVersion: "v1", items, kind: "List", metadata: { resourceVersion: "" } };
}

/** One object when exactly one was asked for by name; otherwise a List (possibly empty). */
export function structuredValue(items: readonly object[], single: boolean): object {
  const [only] = items;
  return single && items.length === 1 && only !== undefined ? only : listOf(items);
}

/** Keys sorted at every level: kubectl prints objects as Go maps, which marshal sorted. */
export function sortedDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedDeep);
  if (value !== null && typeof value === "object") {
    const out: Json = {};
    for (const k of Object.keys(value).sort()) out[k] = sortedDeep((value as Json)[k]);
    return out;
  }
  return value;
}

export function toJson(value: unknown): string {
  return `${JSON.stringify(sortedDeep(value), null, 4)}\n`;
}

export function toYaml(value: unknown): string {
  return dump(sortedDeep(value), { seqNoIndent: true, lineWidth: -1, noRefs: true, quoteStyle: "double" });
}

/** `pod/web-abc12`, `deployment.apps/web`: -o name. */
export function nameOf(kind: ViewKind, name: string): string {
  return `${qualifiedName(typeOf(kind))}/${name}`;
}
