// What the workload controllers read from a pod's status (k8s pkg/api/v1/pod/util.go and
// pkg/controller/controller_utils.go): readiness from the Ready condition the node agent writes,
// availability after minReadySeconds, and which pods still count as active.

import type { Condition, Pod } from "../../manifest/types.js";

function readyCondition(pod: Pod): Condition | undefined {
  return pod.status?.conditions?.find((c) => c.type === "Ready");
}

export function isPodReady(pod: Pod): boolean {
  return readyCondition(pod)?.status === "True";
}

/** Ready for at least minReadySeconds (Kubernetes' IsPodAvailable). */
export function isPodAvailable(pod: Pod, minReadySeconds: number, now: number): boolean {
  if (!isPodReady(pod)) return false;
  if (minReadySeconds <= 0) return true;
  const since = Date.parse(readyCondition(pod)?.lastTransitionTime ?? "");
  return !Number.isNaN(since) && since + minReadySeconds * 1000 <= now;
}

export function isTerminating(pod: Pod): boolean {
  return pod.metadata.deletionTimestamp !== undefined;
}

export function isPodFinished(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase === "Succeeded" || phase === "Failed";
}

/** Neither finished nor being deleted: what controllers count as running or about to (IsPodActive). */
export function isPodActive(pod: Pod): boolean {
  return !isPodFinished(pod) && !isTerminating(pod);
}

export function isRunningAndReady(pod: Pod): boolean {
  return pod.status?.phase === "Running" && isPodReady(pod);
}

/** Milliseconds between the next unit of work becoming possible and now; never negative. */
export function msUntil(at: number, now: number): number {
  return Math.max(0, at - now);
}

/** Parses an RFC 3339 time; undefined when absent or malformed. */
export function parseTime(t: string | undefined): number | undefined {
  if (t === undefined) return undefined;
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? undefined : ms;
}
