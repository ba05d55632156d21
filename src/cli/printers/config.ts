// `berth get configmaps|secrets|namespaces`, as kubectl's printConfigMap, printSecret and
// printNamespace. Secret values are never read here: only how many keys there are.

import type { ConfigMap, Namespace, Secret } from "../../manifest/types.js";
import type { ViewContext } from "./context.js";
import { age } from "./format.js";
import type { Column } from "./table.js";

/** Keys of data, plus stringData keys not (yet) merged into data. */
export function secretKeyCount(s: Secret): number {
  const keys = new Set([...Object.keys(s.data ?? {}), ...Object.keys(s.stringData ?? {})]);
  return keys.size;
}

export const CONFIGMAP_COLUMNS: readonly Column<ConfigMap, ViewContext>[] = [
  { header: "NAME", name: true, cell: (c) => c.metadata.name },
  {
    header: "DATA",
    cell: (c) => String(Object.keys(c.data ?? {}).length + Object.keys(c.binaryData ?? {}).length),
  },
  { header: "AGE", cell: (c, ctx) => age(c.metadata.creationTimestamp, ctx.now) },
];

export const SECRET_COLUMNS: readonly Column<Secret, ViewContext>[] = [
  { header: "NAME", name: true, cell: (s) => s.metadata.name },
  { header: "TYPE", cell: (s) => s.type ?? "Opaque" },
  { header: "DATA", cell: (s) => String(secretKeyCount(s)) },
  { header: "AGE", cell: (s, ctx) => age(s.metadata.creationTimestamp, ctx.now) },
];

export const NAMESPACE_COLUMNS: readonly Column<Namespace, ViewContext>[] = [
  { header: "NAME", name: true, cell: (n) => n.metadata.name },
  { header: "STATUS", cell: (n) => n.status?.phase ?? "Active" },
  { header: "AGE", cell: (n, ctx) => age(n.metadata.creationTimestamp, ctx.now) },
];
