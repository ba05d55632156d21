// ReplicaSet status from the pods it owns (k8s replicaset_utils.go calculateStatus): counts of
// active pods, of pods carrying every template label, of Ready pods and of pods Ready for
// minReadySeconds; the ReplicaFailure condition while creating or deleting pods fails.

import { isoTime } from "../../util/clock.js";
import type { Condition, Pod, ReplicaSet, ReplicaSetStatus } from "../../manifest/types.js";
import { isPodAvailable, isPodReady, msUntilAvailable } from "../pod-status.js";

export interface ReplicaFailure {
  reason: "FailedCreate" | "FailedDelete";
  message: string;
}

function hasAllLabels(want: Record<string, string>, labels: Record<string, string>): boolean {
  for (const [k, v] of Object.entries(want)) if (labels[k] !== v) return false;
  return true;
}

export function calculateReplicaSetStatus(
  rs: ReplicaSet,
  pods: readonly Pod[],
  failure: ReplicaFailure | undefined,
  now: number,
): ReplicaSetStatus {
  const minReady = rs.spec.minReadySeconds ?? 0;
  const templateLabels = rs.spec.template.metadata.labels ?? {};
  let fullyLabeled = 0;
  let ready = 0;
  let available = 0;
  for (const pod of pods) {
    if (hasAllLabels(templateLabels, pod.metadata.labels ?? {})) fullyLabeled++;
    if (isPodReady(pod)) {
      ready++;
      if (isPodAvailable(pod, minReady, now)) available++;
    }
  }
  let conditions = [...(rs.status?.conditions ?? [])];
  const current = conditions.find((c) => c.type === "ReplicaFailure");
  if (failure && !current) {
    const cond: Condition = {
      type: "ReplicaFailure",
      status: "True",
      reason: failure.reason,
      message: failure.message,
      lastTransitionTime: isoTime(now),
    };
    conditions = [...conditions.filter((c) => c.type !== "ReplicaFailure"), cond];
  } else if (!failure && current) {
    conditions = conditions.filter((c) => c.type !== "ReplicaFailure");
  }
  const status: ReplicaSetStatus = {
    replicas: pods.length,
    fullyLabeledReplicas: fullyLabeled,
    readyReplicas: ready,
    availableReplicas: available,
  };
  if (rs.metadata.generation !== undefined) status.observedGeneration = rs.metadata.generation;
  if (conditions.length > 0) status.conditions = conditions;
  return status;
}

/**
 * When to look again so availability is noticed on time: the moment the next Ready pod passes
 * minReadySeconds. (Kubernetes requeues after minReadySeconds as a coarse guard; this is the
 * same check, exactly when it can change.)
 */
export function availabilityRequeueMs(rs: ReplicaSet, pods: readonly Pod[], now: number): number | undefined {
  const minReady = rs.spec.minReadySeconds ?? 0;
  let next: number | undefined;
  for (const pod of pods) {
    const ms = msUntilAvailable(pod, minReady, now);
    if (ms !== undefined && (next === undefined || ms < next)) next = ms;
  }
  return next;
}
