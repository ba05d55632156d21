// Pod readiness and availability as Kubernetes controllers read them (k8s pkg/api/v1/pod/util.go,
// pkg/controller/controller_utils.go): from the Ready condition the node agent writes.
import type { Condition, Pod } from "../manifest/types.js";

export function podReadyCondition(pod: Pod): Condition | undefined {
  return pod.status?.conditions?.find((c) => c.type === "Ready");
}

export function isPodReady(pod: Pod): boolean {
  return podReadyCondition(pod)?.status === "True";
}

/** When the pod last became Ready (ms), undefined when not ready or unknown. */
export function podReadySince(pod: Pod): number | undefined {
  const c = podReadyCondition(pod);
  if (c?.status !== "True" || c.lastTransitionTime === undefined) return undefined;
  const t = Date.parse(c.lastTransitionTime);
  return Number.isNaN(t) ? undefined : t;
}

/**
 * Ready for at least minReadySeconds (IsPodAvailable). Kubernetes requires the Ready transition to
 * lie strictly before now − minReadySeconds; a Ready pod without a transition time is not available
 * unless minReadySeconds is 0.
 */
export function isPodAvailable(pod: Pod, minReadySeconds: number, now: number): boolean {
  if (!isPodReady(pod)) return false;
  if (minReadySeconds === 0) return true;
  const since = podReadySince(pod);
  return since !== undefined && since + minReadySeconds * 1000 < now;
}

/** Milliseconds until a Ready, not yet available pod becomes available; undefined if it will not. */
export function msUntilAvailable(pod: Pod, minReadySeconds: number, now: number): number | undefined {
  if (minReadySeconds === 0 || isPodAvailable(pod, minReadySeconds, now)) return undefined;
  const since = podReadySince(pod);
  if (since === undefined) return undefined;
  // "Strictly before": one millisecond past the boundary.
  return Math.max(0, since + minReadySeconds * 1000 - now + 1);
}

/** Counts toward a controller's replicas: not finished and not being deleted (IsPodActive). */
export function isPodActive(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase !== "Succeeded" && phase !== "Failed" && pod.metadata.deletionTimestamp === undefined;
}
