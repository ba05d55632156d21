// Field paths as people read them in kubectl output: map keys joined with dots, list items picked
// by the key Kubernetes merges them on (`containers[name=web]`, `volumeMounts[mountPath=/data]`),
// other lists by index.

import type { PathSegment } from "./types.js";

/**
 * Merge keys by list field name, from the Kubernetes API's patchMergeKey tags. A list is keyed
 * only when every item on both sides carries the key and the values are unique; otherwise items
 * are compared by index.
 */
const MERGE_KEYS: Readonly<Record<string, readonly string[]>> = {
  containers: ["name"],
  initContainers: ["name"],
  ephemeralContainers: ["name"],
  env: ["name"],
  volumes: ["name"],
  imagePullSecrets: ["name"],
  // Ports read best by name; Kubernetes merges container ports on containerPort, Service ports on port.
  ports: ["name", "containerPort", "port"],
  volumeMounts: ["mountPath"],
  volumeDevices: ["devicePath"],
  hostAliases: ["ip"],
  volumeClaimTemplates: ["metadata.name"],
  conditions: ["type"],
};

function keyValue(item: unknown, key: string): string | number | undefined {
  let cur: unknown = item;
  for (const part of key.split(".")) {
    if (cur === null || typeof cur !== "object" || Array.isArray(cur)) return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return typeof cur === "string" || typeof cur === "number" ? cur : undefined;
}

function uniqueKeyed(lists: readonly unknown[][], key: string): boolean {
  for (const list of lists) {
    const seen = new Set<string | number>();
    for (const item of list) {
      const v = keyValue(item, key);
      if (v === undefined || seen.has(v)) return false;
      seen.add(v);
    }
  }
  return true;
}

/** The merge key to match items of the list field `field` by, or undefined for by-index. */
export function listKeyFor(field: PathSegment | undefined, lists: readonly unknown[][]): string | undefined {
  if (typeof field !== "string") return undefined;
  const candidates = Object.hasOwn(MERGE_KEYS, field) ? MERGE_KEYS[field] : undefined;
  if (!candidates) return undefined;
  if (lists.every((l) => l.length === 0)) return undefined;
  return candidates.find((k) => uniqueKeyed(lists, k));
}

/** The value of `key` in a list item (the key came from listKeyFor, so it is present). */
export function itemKey(item: unknown, key: string): string | number {
  return keyValue(item, key) ?? "";
}

/** The merge key's last part, as shown in paths: `volumeClaimTemplates[name=data]`. */
function shownKey(key: string): string {
  const dot = key.lastIndexOf(".");
  return dot < 0 ? key : key.slice(dot + 1);
}

export function keyedSegment(key: string, value: string | number): PathSegment {
  return { key: shownKey(key), value };
}

const PLAIN_KEY = /^[A-Za-z_$][\w$-]*$/;
const PLAIN_VALUE = /^[^\s[\]"=]+$/;

/** "spec.template.spec.containers[name=web].env[name=MODE].value", `metadata.labels["app.kubernetes.io/name"]` */
export function formatSegments(path: readonly PathSegment[]): string {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else if (typeof seg === "string") {
      out += PLAIN_KEY.test(seg) ? (out === "" ? seg : `.${seg}`) : `[${JSON.stringify(seg)}]`;
    } else {
      const v =
        typeof seg.value === "number" || PLAIN_VALUE.test(seg.value)
          ? String(seg.value)
          : JSON.stringify(seg.value);
      out += `[${seg.key}=${v}]`;
    }
  }
  return out;
}

export function segmentsEqual(a: PathSegment, b: PathSegment): boolean {
  if (typeof a !== "object" || typeof b !== "object") return a === b;
  return a.key === b.key && a.value === b.value;
}

/** Keys that lead an object, in this order; the rest follow alphabetically (kubectl sorts them). */
const LEADING_KEYS = ["apiVersion", "kind", "metadata", "name", "namespace"];

/** A map's keys in display order: deterministic whatever order the manifest used. */
export function orderedKeys(obj: Record<string, unknown>): string[] {
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined);
  return keys.sort((a, b) => {
    const ia = LEADING_KEYS.indexOf(a);
    const ib = LEADING_KEYS.indexOf(b);
    if (ia >= 0 || ib >= 0) return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib);
    return a < b ? -1 : a > b ? 1 : 0;
  });
}
