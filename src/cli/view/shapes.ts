// Nodes and events as the state file records them, reshaped into core/v1 Node and Event objects,
// so `-o json|yaml` prints what tools written for kubectl expect and the printers work on one shape.

import { createHash } from "node:crypto";
import { CURRENT_API_VERSION, type Labels, type ObjectMeta, type Taint } from "../../manifest/types.js";
import type { NodeCondition, NodeResources, NodeState, StateEvent } from "../../state/types.js";

export interface NodeObject {
  apiVersion: "v1";
  kind: "Node";
  metadata: ObjectMeta & { labels: Labels; annotations: Record<string, string> };
  spec: { taints?: Taint[]; unschedulable?: boolean };
  status: {
    capacity: NodeResources;
    allocatable: NodeResources;
    conditions: NodeCondition[];
    nodeInfo?: {
      containerRuntimeVersion: string;
      operatingSystem: string;
      architecture: string;
      kernelVersion?: string;
    };
  };
}

export interface EventObject {
  apiVersion: "v1";
  kind: "Event";
  metadata: ObjectMeta & { namespace: string; creationTimestamp: string };
  involvedObject: { apiVersion: string; kind: string; namespace?: string; name: string; uid?: string };
  reason: string;
  message: string;
  source: { component: string; host?: string };
  firstTimestamp: string;
  lastTimestamp: string;
  count: number;
  type: "Normal" | "Warning";
  reportingComponent: string;
  reportingInstance: string;
}

/**
 * The Node of a NodeState. The agent's heartbeat goes where Kubernetes keeps it: on each condition
 * that has none of its own.
 */
export function nodeObject(n: NodeState): NodeObject {
  const spec: NodeObject["spec"] = {};
  if (n.taints !== undefined && n.taints.length > 0) spec.taints = n.taints;
  if (n.unschedulable === true) spec.unschedulable = true;
  const status: NodeObject["status"] = {
    capacity: n.capacity,
    allocatable: n.allocatable,
    conditions: n.conditions.map((c) => ({
      ...c,
      lastHeartbeatTime: c.lastHeartbeatTime ?? n.lastHeartbeatTime,
    })),
  };
  if (n.nodeInfo) status.nodeInfo = n.nodeInfo;
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: { name: n.name, labels: n.labels, annotations: {} },
    spec,
    status,
  };
}

/** Events of cluster-scoped objects live in "default", as Kubernetes files them. */
export function eventNamespace(e: StateEvent): string {
  return e.involvedObject.namespace || "default";
}

/**
 * A stable, unique-enough name: Kubernetes names events `<object>.<hex>`; berth's hex is a hash of
 * what identifies the event (its aggregation key and first time), so it survives re-reads.
 */
export function eventName(e: StateEvent): string {
  const o = e.involvedObject;
  const key = [o.kind, o.namespace, o.name, o.uid ?? "", e.type, e.reason, e.message, e.source.component]
    .concat([e.source.host ?? "", e.firstTimestamp])
    .join("\u0000");
  return `${o.name}.${createHash("sha256").update(key).digest("hex").slice(0, 16)}`;
}

export function eventObject(e: StateEvent): EventObject {
  const o = e.involvedObject;
  const involved: EventObject["involvedObject"] = {
    apiVersion: CURRENT_API_VERSION[o.kind],
    kind: o.kind,
    name: o.name,
  };
  if (o.namespace !== "") involved.namespace = o.namespace;
  if (o.uid !== undefined) involved.uid = o.uid;
  const source: EventObject["source"] = { component: e.source.component };
  if (e.source.host !== undefined) source.host = e.source.host;
  return {
    apiVersion: "v1",
    kind: "Event",
    metadata: { name: eventName(e), namespace: eventNamespace(e), creationTimestamp: e.firstTimestamp },
    involvedObject: involved,
    reason: e.reason,
    message: e.message,
    source,
    firstTimestamp: e.firstTimestamp,
    lastTimestamp: e.lastTimestamp,
    count: e.count,
    type: e.type,
    reportingComponent: e.source.component,
    reportingInstance: e.source.host ?? "",
  };
}
