// A changed ConfigMap or Secret reaches pods only through the workloads that read it, and how
// depends on how they read it: environment variables are fixed when a container starts, mounted
// files are rewritten in place (except subPath mounts).

import { idOf } from "../manifest/identity.js";
import type { ConfigMap, KObject, Secret } from "../manifest/types.js";
import type { ConfigUse, ImplicationContext } from "./refs.js";
import type { FieldChange, Implication } from "./types.js";

const VALUE_FIELDS = new Set(["data", "binaryData", "stringData"]);

/** Keys whose values changed; undefined when a whole value map came or went. */
function changedKeys(changes: readonly FieldChange[]): Set<string> | undefined {
  const keys = new Set<string>();
  for (const c of changes) {
    const [field, key] = c.segments;
    if (typeof field !== "string" || !VALUE_FIELDS.has(field)) continue;
    if (typeof key !== "string") return undefined;
    keys.add(key);
  }
  return keys;
}

function joinAnd(parts: string[]): string {
  return parts.length <= 1 ? (parts[0] ?? "") : `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`;
}

export function describeUse(use: ConfigUse): string {
  const ways: string[] = [];
  if (use.env) ways.push("as environment variables (pods keep old values until restarted)");
  if (use.files) ways.push("as files (updated in place)");
  if (use.subPathFiles) ways.push("as files mounted with subPath (pods keep old files until restarted)");
  return `used by ${use.user}: ${joinAnd(ways)}`;
}

export function configImplications(
  desired: KObject,
  recorded: KObject,
  changes: readonly FieldChange[],
  ctx: ImplicationContext,
): Implication[] {
  const kind = desired.kind;
  if (kind !== "ConfigMap" && kind !== "Secret") return [];
  const valuesChanged = changes.some(
    (c) => typeof c.segments[0] === "string" && VALUE_FIELDS.has(c.segments[0]),
  );
  const out: Implication[] = [];
  const wasImmutable = (recorded as ConfigMap | Secret).immutable === true;
  if (wasImmutable && (valuesChanged || changes.some((c) => c.segments[0] === "immutable"))) {
    out.push({
      code: "REPLACE",
      message: `${kind} is immutable → the object will be deleted and recreated`,
    });
  }
  if (!valuesChanged) return out;
  const id = idOf(desired);
  for (const use of ctx.usersOf(kind, id.namespace, id.name, changedKeys(changes))) {
    out.push({ code: "CONFIG_USED_BY", message: describeUse(use) });
  }
  return out;
}
