// `berth get nodes`: kubectl's NAME STATUS ROLES first (so scripts reading them keep working), then
// berth's own columns — what the scheduler has handed out against what each node offers — and the
// Docker engine version where kubectl prints the kubelet's. Nodes have no creation time in berth,
// so there is no AGE; wide adds the OS, kernel, architecture, taints and the agent's last heartbeat.

import type { Taint } from "../../manifest/types.js";
import type { NodeObject } from "../view/shapes.js";
import type { ViewContext } from "./context.js";
import { age, orNone } from "./format.js";
import { podRequests } from "./pod-resources.js";
import { formatBytes, formatCpuMillis, parseCpuMillis, parseMemoryBytes, percentOf } from "./quantity.js";
import type { Column } from "./table.js";

const ROLE_PREFIX = "node-role.kubernetes.io/";
const ROLE_LABEL = "kubernetes.io/role";

/** STATUS: Ready / NotReady / Unknown, plus SchedulingDisabled when cordoned (kubectl's printNode). */
export function nodeStatus(n: NodeObject): string {
  const ready = n.status.conditions.find((c) => c.type === "Ready");
  const status = [ready === undefined ? "Unknown" : ready.status === "True" ? "Ready" : "NotReady"];
  if (n.spec.unschedulable === true) status.push("SchedulingDisabled");
  return status.join(",");
}

/** ROLES from node-role.kubernetes.io/<role> and kubernetes.io/role labels; `<none>` without. */
export function nodeRoles(n: NodeObject): string {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(n.metadata.labels)) {
    if (k.startsWith(ROLE_PREFIX) && k.length > ROLE_PREFIX.length) roles.add(k.slice(ROLE_PREFIX.length));
    else if (k === ROLE_LABEL && v !== "") roles.add(v);
  }
  return roles.size === 0 ? "<none>" : [...roles].sort().join(",");
}

/** Requests of the pods on the node, in millicores and bytes. */
export function nodeRequested(n: NodeObject, ctx: ViewContext): { cpuMillis: number; memoryBytes: number } {
  const sum = { cpuMillis: 0, memoryBytes: 0 };
  for (const p of ctx.podsOnNode(n.metadata.name)) {
    const r = podRequests(p);
    sum.cpuMillis += r.cpuMillis;
    sum.memoryBytes += r.memoryBytes;
  }
  return sum;
}

/** "850m/2 (42%)": requested / allocatable (what the scheduler may hand out), with the share. */
function usage(requested: number, allocatable: number | undefined, format: (n: number) => string): string {
  if (allocatable === undefined) return `${format(requested)}/<unknown>`;
  return `${format(requested)}/${format(allocatable)} (${percentOf(requested, allocatable)}%)`;
}

export function formatTaints(taints: readonly Taint[] | undefined): string {
  return orNone((taints ?? []).map((t) => `${t.key}${t.value ? `=${t.value}` : ""}:${t.effect}`).join(","));
}

/** The newest heartbeat on any condition (the view puts the agent's heartbeat there). */
function lastHeartbeat(n: NodeObject): string | undefined {
  let newest: string | undefined;
  for (const c of n.status.conditions) {
    const t = c.lastHeartbeatTime;
    if (t !== undefined && (newest === undefined || t > newest)) newest = t;
  }
  return newest;
}

function allocatableOf(n: NodeObject, key: "cpu" | "memory" | "pods"): string | undefined {
  return n.status.allocatable[key] ?? n.status.capacity[key];
}

export const NODE_COLUMNS: readonly Column<NodeObject, ViewContext>[] = [
  { header: "NAME", name: true, cell: (n) => n.metadata.name },
  { header: "STATUS", cell: (n) => nodeStatus(n) },
  { header: "ROLES", cell: (n) => nodeRoles(n) },
  {
    header: "CPU(REQ/CAP)",
    cell: (n, ctx) => {
      const cap = allocatableOf(n, "cpu");
      return usage(
        nodeRequested(n, ctx).cpuMillis,
        cap === undefined ? undefined : parseCpuMillis(cap),
        formatCpuMillis,
      );
    },
  },
  {
    header: "MEMORY(REQ/CAP)",
    cell: (n, ctx) => {
      const cap = allocatableOf(n, "memory");
      return usage(
        nodeRequested(n, ctx).memoryBytes,
        cap === undefined ? undefined : parseMemoryBytes(cap),
        formatBytes,
      );
    },
  },
  {
    header: "PODS",
    cell: (n, ctx) => {
      const count = ctx.podsOnNode(n.metadata.name).length;
      const cap = allocatableOf(n, "pods");
      return cap === undefined ? String(count) : `${count}/${cap}`;
    },
  },
  { header: "VERSION", cell: (n) => n.status.nodeInfo?.containerRuntimeVersion ?? "<unknown>" },
  { header: "OS-IMAGE", wide: true, cell: (n) => n.status.nodeInfo?.operatingSystem ?? "<unknown>" },
  { header: "KERNEL-VERSION", wide: true, cell: (n) => n.status.nodeInfo?.kernelVersion ?? "<unknown>" },
  { header: "ARCH", wide: true, cell: (n) => n.status.nodeInfo?.architecture ?? "<unknown>" },
  { header: "TAINTS", wide: true, cell: (n) => formatTaints(n.spec.taints) },
  { header: "LAST HEARTBEAT", wide: true, cell: (n, ctx) => age(lastHeartbeat(n), ctx.now) },
];
