// Deployment conditions and their reasons (k8s deployment_util.go). A condition keeps its
// lastTransitionTime while its status stays the same; setting one with the same status and reason
// changes nothing.

import type { Condition, ConditionStatus, DeploymentStatus } from "../../manifest/types.js";
import { isoTime } from "../../util/clock.js";

// Progressing
export const REPLICA_SET_UPDATED = "ReplicaSetUpdated";
export const FAILED_RS_CREATE = "ReplicaSetCreateError";
export const NEW_REPLICA_SET_CREATED = "NewReplicaSetCreated";
export const FOUND_NEW_REPLICA_SET = "FoundNewReplicaSet";
export const NEW_RS_AVAILABLE = "NewReplicaSetAvailable";
export const TIMED_OUT = "ProgressDeadlineExceeded";
export const PAUSED = "DeploymentPaused";
export const RESUMED = "DeploymentResumed";
// Available
export const MINIMUM_REPLICAS_AVAILABLE = "MinimumReplicasAvailable";
export const MINIMUM_REPLICAS_UNAVAILABLE = "MinimumReplicasUnavailable";

export function newCondition(
  type: string,
  status: ConditionStatus,
  reason: string,
  message: string,
  now: number,
): Condition {
  const t = isoTime(now);
  return { type, status, lastUpdateTime: t, lastTransitionTime: t, reason, message };
}

export function getCondition(status: DeploymentStatus, type: string): Condition | undefined {
  return status.conditions?.find((c) => c.type === type);
}

export function setCondition(status: DeploymentStatus, condition: Condition): void {
  const current = getCondition(status, condition.type);
  if (current?.status === condition.status && current.reason === condition.reason) return;
  const next = { ...condition };
  if (current?.status === condition.status && current.lastTransitionTime !== undefined) {
    next.lastTransitionTime = current.lastTransitionTime;
  }
  status.conditions = [...(status.conditions ?? []).filter((c) => c.type !== condition.type), next];
}

export function removeCondition(status: DeploymentStatus, type: string): void {
  if (!status.conditions) return;
  const rest = status.conditions.filter((c) => c.type !== type);
  if (rest.length > 0) status.conditions = rest;
  else delete status.conditions;
}
