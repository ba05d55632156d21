// Fetching what a get/describe request names: every object of a type (namespace and selector
// applied) or the named ones, noting names that do not exist.

import type { LabelSelector, Pod } from "../../manifest/types.js";
import type { ClusterReader } from "../reader/cluster-reader.js";
import type { ResourceRequest } from "./args.js";
import { listView, type ViewObject } from "./list.js";
import type { ResourceType } from "./resource-types.js";

export interface FetchScope {
  /** The namespace to look in; absent: all namespaces (-A). */
  namespace?: string;
  selector?: LabelSelector;
  /** describe: a name that matches no object exactly selects the objects it prefixes. */
  prefixMatch?: boolean;
}

export interface Fetched {
  type: ResourceType;
  items: ViewObject[];
  /** Names asked for that matched nothing. */
  missing: string[];
}

export async function fetchRequest(
  reader: ClusterReader,
  req: ResourceRequest,
  scope: FetchScope,
): Promise<Fetched> {
  const query = scope.namespace === undefined ? {} : { namespace: scope.namespace };
  if (req.names.length === 0) {
    const items = await listView(reader, req.type.kind, {
      ...query,
      ...(scope.selector ? { selector: scope.selector } : {}),
    });
    return { type: req.type, items, missing: [] };
  }
  const all = await listView(reader, req.type.kind, query);
  const items: ViewObject[] = [];
  const missing: string[] = [];
  for (const name of req.names) {
    const exact = all.filter((o) => o.metadata.name === name);
    const found =
      exact.length > 0 || scope.prefixMatch !== true
        ? exact
        : all.filter((o) => o.metadata.name.startsWith(name));
    if (found.length === 0) missing.push(name);
    for (const o of found) if (!items.includes(o)) items.push(o);
  }
  return { type: req.type, items, missing };
}

export async function fetchAll(
  reader: ClusterReader,
  requests: readonly ResourceRequest[],
  scope: FetchScope,
): Promise<Fetched[]> {
  const out: Fetched[] = [];
  for (const r of requests) out.push(await fetchRequest(reader, r, scope));
  return out;
}

/** Every pod, when a node is among the results (node columns sum what their pods request). */
export async function podsForNodes(reader: ClusterReader, fetched: readonly Fetched[]): Promise<Pod[]> {
  const needed = fetched.some((f) => f.type.kind === "Node" && f.items.length > 0);
  return needed ? reader.listObjects("Pod") : [];
}
