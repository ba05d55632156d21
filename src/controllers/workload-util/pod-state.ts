// What the workload controllers read from a pod's status (k8s pkg/api/v1/pod/util.go and
// pkg/controller/controller_utils.go): readiness from the Ready condition the node agent writes,
// availability after minReadySeconds, and which pods still count as active.

import type { Pod } from "../../manifest/types.js";

// Readiness, availability (strictly after minReadySeconds, as Kubernetes) and activity are the
// ReplicaSet controller's helpers; re-exported so the workload controllers read pods one way.
export { isPodActive, isPodAvailable, isPodReady, msUntilAvailable } from "../pod-status.js";
import { isPodReady } from "../pod-status.js";

export function isTerminating(pod: Pod): boolean {
  return pod.metadata.deletionTimestamp !== undefined;
}

export function isPodFinished(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase === "Succeeded" || phase === "Failed";
}

export function isRunningAndReady(pod: Pod): boolean {
  return pod.status?.phase === "Running" && isPodReady(pod);
}

/** Parses an RFC 3339 time; undefined when absent or malformed. */
export function parseTime(t: string | undefined): number | undefined {
  if (t === undefined) return undefined;
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? undefined : ms;
}
