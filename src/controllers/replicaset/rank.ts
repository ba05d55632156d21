// Which surplus pods a ReplicaSet deletes first (k8s controller.ActivePodsWithRanks and
// replicaset getPodsToDelete): the ones whose loss hurts least.
//   1. not yet scheduled before scheduled
//   2. Pending before Unknown before Running
//   3. not ready before ready
//   4. lower controller.kubernetes.io/pod-deletion-cost first
//   5. more pods of the same workload on its node first (spreads what stays)
//   6. both ready: ready more recently first
//   7. more container restarts first
//   8. created more recently first
// Kubernetes 1.22+ compares 6 and 8 in log2 buckets of age with a random (uid) tie-break
// (LogarithmicScaleDown); berth keeps the exact order and breaks ties by name, so which pod goes is
// predictable. See docs/controllers.md.

import type { Pod } from "../../manifest/types.js";
import { isPodActive, isPodReady, podReadySince } from "../pod-status.js";

export const DELETION_COST_ANNOTATION = "controller.kubernetes.io/pod-deletion-cost";

const PHASE_ORDINAL: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

function deletionCost(pod: Pod): number {
  const raw = pod.metadata.annotations?.[DELETION_COST_ANNOTATION];
  if (raw === undefined || !/^[+-]?\d+$/.test(raw.trim())) return 0;
  const n = Number(raw.trim());
  // The API server rejects values outside int32; treat them as unset.
  return n >= -(2 ** 31) && n <= 2 ** 31 - 1 ? n : 0;
}

function maxRestarts(pod: Pod): number {
  let max = 0;
  for (const c of pod.status?.containerStatuses ?? []) max = Math.max(max, c.restartCount);
  return max;
}

function time(iso: string | undefined): number | undefined {
  if (iso === undefined) return undefined;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? undefined : t;
}

/** afterOrZero: a missing time sorts first, otherwise the later one. Returns <0 when a goes first. */
function laterFirst(a: number | undefined, b: number | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return -1;
  if (b === undefined) return 1;
  return b - a;
}

interface Ranked {
  pod: Pod;
  /** Active pods of the same workload on this pod's node, this one included. */
  colocated: number;
}

function compare(x: Ranked, y: Ranked): number {
  const a = x.pod;
  const b = y.pod;
  const nodeA = a.spec.nodeName ?? "";
  const nodeB = b.spec.nodeName ?? "";
  if (nodeA !== nodeB && (nodeA === "" || nodeB === "")) return nodeA === "" ? -1 : 1;
  const phaseA = PHASE_ORDINAL[a.status?.phase ?? ""] ?? 0;
  const phaseB = PHASE_ORDINAL[b.status?.phase ?? ""] ?? 0;
  if (phaseA !== phaseB) return phaseA - phaseB;
  const readyA = isPodReady(a);
  const readyB = isPodReady(b);
  if (readyA !== readyB) return readyA ? 1 : -1;
  const costA = deletionCost(a);
  const costB = deletionCost(b);
  if (costA !== costB) return costA - costB;
  if (x.colocated !== y.colocated) return y.colocated - x.colocated;
  if (readyA && readyB) {
    const byReady = laterFirst(podReadySince(a), podReadySince(b));
    if (byReady !== 0) return byReady;
  }
  const restartsA = maxRestarts(a);
  const restartsB = maxRestarts(b);
  if (restartsA !== restartsB) return restartsB - restartsA;
  const byAge = laterFirst(time(a.metadata.creationTimestamp), time(b.metadata.creationTimestamp));
  if (byAge !== 0) return byAge;
  return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
}

/** Pods in deletion order: the first ones are the ones to delete. */
export function rankForDeletion(pods: readonly Pod[], related: readonly Pod[]): Pod[] {
  const onNode = new Map<string, number>();
  for (const p of related) {
    if (!isPodActive(p)) continue;
    const node = p.spec.nodeName ?? "";
    onNode.set(node, (onNode.get(node) ?? 0) + 1);
  }
  return pods
    .map((pod) => ({ pod, colocated: onNode.get(pod.spec.nodeName ?? "") ?? 0 }))
    .sort(compare)
    .map((r) => r.pod);
}

/** The `diff` pods to delete from `pods` (getPodsToDelete). */
export function podsToDelete(pods: readonly Pod[], related: readonly Pod[], diff: number): Pod[] {
  if (diff >= pods.length) return [...pods];
  return rankForDeletion(pods, related).slice(0, diff);
}
