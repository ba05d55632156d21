// The texts `berth describe` prints for fetched objects: each object's describer, given its events
// and the related objects it mentions (pods, ReplicaSets, services), read once for the whole run.

import type { KObjectBase } from "../../manifest/types.js";
import { DESCRIBERS, type DescribeContext } from "../printers/describe/index.js";
import type { ClusterReader } from "../reader/cluster-reader.js";
import type { Fetched } from "./fetch.js";
import { listView, type ViewObject, type ViewObjectOf } from "./list.js";
import type { ViewKind } from "./resource-types.js";
import type { EventObject } from "./shapes.js";

/** Whether an event is about `o`: same kind, namespace and name (and uid, when both have one). */
export function eventIsAbout(e: EventObject, kind: ViewKind, o: ViewObject): boolean {
  const ref = e.involvedObject;
  const uid = o.metadata.uid;
  return (
    ref.kind === kind &&
    ref.name === o.metadata.name &&
    (ref.namespace ?? "") === (o.metadata.namespace ?? "") &&
    (ref.uid === undefined || uid === undefined || ref.uid === uid)
  );
}

function inNamespace<T extends KObjectBase>(list: readonly T[], ns: string | undefined): T[] {
  return ns === undefined ? [...list] : list.filter((o) => (o.metadata.namespace ?? "default") === ns);
}

export async function describeFetched(
  reader: ClusterReader,
  fetched: readonly Fetched[],
  now: number,
): Promise<string[]> {
  if (!fetched.some((f) => f.items.length > 0)) return [];
  const pods = await reader.listObjects("Pod");
  const replicaSets = await reader.listObjects("ReplicaSet");
  const services = await reader.listObjects("Service");
  const events = await listView(reader, "Event");
  const texts: string[] = [];
  for (const f of fetched) {
    const kind = f.type.kind;
    const describe = DESCRIBERS[kind] as (o: ViewObjectOf<typeof kind>, ctx: DescribeContext) => string;
    for (const o of f.items) {
      // Namespaces and nodes see every pod; everything else the objects of its own namespace.
      const ns = f.type.namespaced ? (o.metadata.namespace ?? "default") : undefined;
      texts.push(
        describe(o, {
          now,
          events: events.filter((e) => eventIsAbout(e, kind, o)),
          pods: inNamespace(pods, ns),
          replicaSets: inNamespace(replicaSets, ns),
          services: inNamespace(services, ns),
        }),
      );
    }
  }
  return texts;
}
