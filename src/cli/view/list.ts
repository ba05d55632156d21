// The objects `get` and `describe` show for one resource type: berth's objects as recorded, plus the
// views computed from them (endpoints, nodes, events, namespaces nobody declared), filtered by
// namespace and label selector and in kubectl's order (namespace, then name; events oldest first).

import {
  KINDS,
  type Kind,
  type KObject,
  type LabelSelector,
  type Namespace,
  type ObjectOfKind,
} from "../../manifest/types.js";
import { matchesSelector } from "../../manifest/selector.js";
import { computeEndpoints, hasEndpoints, type Endpoints } from "../../network/endpoints.js";
import type { ClusterReader } from "../reader/cluster-reader.js";
import type { ViewKind } from "./resource-types.js";
import { eventObject, nodeObject, type EventObject, type NodeObject } from "./shapes.js";

export type ViewObject = KObject | Endpoints | NodeObject | EventObject;

export type ViewObjectOf<K extends ViewKind> = K extends Kind
  ? ObjectOfKind<K>
  : K extends "Endpoints"
    ? Endpoints
    : K extends "Node"
      ? NodeObject
      : EventObject;

export interface Query {
  /** Only this namespace; absent: every namespace. Ignored for cluster-scoped types. */
  namespace?: string;
  selector?: LabelSelector;
}

function isKind(k: ViewKind): k is Kind {
  return (KINDS as readonly string[]).includes(k);
}

/** The label every Kubernetes namespace carries (set by the API server). */
const NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

/**
 * Declared namespaces plus the ones objects live in without a Namespace object — "default" always,
 * as in Kubernetes. An undeclared namespace is as old as its oldest object.
 */
async function namespaces(reader: ClusterReader): Promise<Namespace[]> {
  const declared = await reader.listObjects("Namespace");
  const byName = new Map<string, Namespace>();
  for (const ns of declared) {
    byName.set(ns.metadata.name, {
      ...ns,
      metadata: {
        ...ns.metadata,
        labels: { ...ns.metadata.labels, [NAMESPACE_NAME_LABEL]: ns.metadata.name },
      },
      status: ns.status ?? { phase: ns.metadata.deletionTimestamp === undefined ? "Active" : "Terminating" },
    });
  }
  const oldest = new Map<string, string | undefined>([["default", undefined]]);
  for (const kind of KINDS) {
    if (kind === "Namespace") continue;
    for (const o of await reader.listObjects(kind)) {
      const ns = o.metadata.namespace ?? "default";
      const t = o.metadata.creationTimestamp;
      const seen = oldest.get(ns);
      if (!oldest.has(ns) || (t !== undefined && (seen === undefined || t < seen))) oldest.set(ns, t);
    }
  }
  for (const [name, created] of oldest) {
    if (byName.has(name)) continue;
    const metadata: Namespace["metadata"] = {
      name,
      labels: { [NAMESPACE_NAME_LABEL]: name },
      annotations: {},
    };
    if (created !== undefined) metadata.creationTimestamp = created;
    byName.set(name, { apiVersion: "v1", kind: "Namespace", metadata, status: { phase: "Active" } });
  }
  return [...byName.values()];
}

async function unsorted(
  reader: ClusterReader,
  kind: ViewKind,
  namespace: string | undefined,
): Promise<ViewObject[]> {
  const opts = namespace === undefined ? {} : { namespace };
  switch (kind) {
    case "Namespace":
      return namespaces(reader);
    case "Endpoints": {
      const services = (await reader.listObjects("Service", opts)).filter(hasEndpoints);
      if (services.length === 0) return [];
      const pods = await reader.listObjects("Pod", opts);
      return services.map((s) => computeEndpoints(s, pods));
    }
    case "Node":
      return (await reader.listNodes()).map(nodeObject);
    case "Event":
      return (await reader.listEvents(opts)).map(eventObject);
    default:
      if (!isKind(kind)) throw new Error(`unknown view kind ${String(kind)}`);
      return reader.listObjects(kind, opts);
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The objects of one type matching the query, sorted as kubectl lists them. */
export async function listView<K extends ViewKind>(
  reader: ClusterReader,
  kind: K,
  query: Query = {},
): Promise<ViewObjectOf<K>[]> {
  const items = await unsorted(reader, kind, query.namespace);
  const selected =
    query.selector === undefined
      ? items
      : items.filter((o) => matchesSelector(query.selector ?? {}, o.metadata.labels ?? {}));
  if (kind === "Event") {
    // Oldest first, by when each last happened; stable, so the recorded order breaks ties.
    return (selected as EventObject[]).sort((a, b) =>
      compare(a.lastTimestamp, b.lastTimestamp),
    ) as ViewObjectOf<K>[];
  }
  return selected.sort(
    (a, b) =>
      compare(a.metadata.namespace ?? "", b.metadata.namespace ?? "") ||
      compare(a.metadata.name, b.metadata.name),
  ) as ViewObjectOf<K>[];
}
