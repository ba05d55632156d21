// The PodScheduled condition as kube-scheduler writes it (pure): True when the pod is bound, False
// with reason Unschedulable and the FitError message while no node fits.

import type { Condition, Pod, PodStatus } from "../manifest/types.js";
import { isoTime } from "../util/clock.js";

function withCondition(pod: Pod, condition: Condition): PodStatus {
  const status: PodStatus = pod.status ? structuredClone(pod.status) : { phase: "Pending" };
  const conditions = status.conditions ?? [];
  const i = conditions.findIndex((c) => c.type === condition.type);
  const old = i >= 0 ? conditions[i] : undefined;
  // lastTransitionTime stays while the condition's status does not change.
  if (old?.status === condition.status && old.lastTransitionTime !== undefined) {
    condition.lastTransitionTime = old.lastTransitionTime;
  }
  if (i >= 0) conditions[i] = condition;
  else conditions.push(condition);
  status.conditions = conditions;
  return status;
}

export function scheduledStatus(pod: Pod, nowMs: number): PodStatus {
  return withCondition(pod, { type: "PodScheduled", status: "True", lastTransitionTime: isoTime(nowMs) });
}

export function unschedulableStatus(pod: Pod, message: string, nowMs: number): PodStatus {
  const status = withCondition(pod, {
    type: "PodScheduled",
    status: "False",
    reason: "Unschedulable",
    message,
    lastTransitionTime: isoTime(nowMs),
  });
  status.phase = "Pending";
  return status;
}
