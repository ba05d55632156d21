// Rollout progress (k8s pkg/controller/deployment/progress.go): the Progressing condition says
// whether the rollout moves (ReplicaSetUpdated, refreshed on every sign of progress), finished
// (NewReplicaSetAvailable) or stalled longer than progressDeadlineSeconds (ProgressDeadlineExceeded,
// status False). ReplicaSet failures surface as the ReplicaFailure condition. Pausing and resuming
// reset the clock (DeploymentPaused / DeploymentResumed, status Unknown).

import type { Condition, Deployment, DeploymentStatus, ReplicaSet } from "../../manifest/types.js";
import {
  getCondition,
  NEW_RS_AVAILABLE,
  newCondition,
  PAUSED,
  removeCondition,
  REPLICA_SET_UPDATED,
  RESUMED,
  setCondition,
  TIMED_OUT,
} from "./conditions.js";
import { hasProgressDeadline, replicasOf } from "./fenceposts.js";
import type { DeploymentSync } from "./session.js";
import { calculateStatus } from "./status.js";

/** All replicas updated and available, no old pods left, and the latest spec observed. */
export function deploymentComplete(d: Deployment, status: DeploymentStatus): boolean {
  const want = replicasOf(d);
  return (
    (status.updatedReplicas ?? 0) === want &&
    (status.replicas ?? 0) === want &&
    (status.availableReplicas ?? 0) === want &&
    (status.observedGeneration ?? 0) >= (d.metadata.generation ?? 0)
  );
}

/** New pods scaled up, old ones scaled down, or more ready or available than before. */
export function deploymentProgressing(d: Deployment, next: DeploymentStatus): boolean {
  const prev = d.status ?? {};
  const prevOld = (prev.replicas ?? 0) - (prev.updatedReplicas ?? 0);
  const nextOld = (next.replicas ?? 0) - (next.updatedReplicas ?? 0);
  return (
    (next.updatedReplicas ?? 0) > (prev.updatedReplicas ?? 0) ||
    nextOld < prevOld ||
    (next.readyReplicas ?? 0) > (prev.readyReplicas ?? 0) ||
    (next.availableReplicas ?? 0) > (prev.availableReplicas ?? 0)
  );
}

function progressDeadlineMs(d: Deployment): number {
  return (d.spec.progressDeadlineSeconds ?? 0) * 1000;
}

function lastUpdate(c: Condition): number | undefined {
  if (c.lastUpdateTime === undefined) return undefined;
  const t = Date.parse(c.lastUpdateTime);
  return Number.isNaN(t) ? undefined : t;
}

export function deploymentTimedOut(d: Deployment, status: DeploymentStatus, now: number): boolean {
  if (!hasProgressDeadline(d)) return false;
  const c = getCondition(status, "Progressing");
  if (!c || c.reason === NEW_RS_AVAILABLE) return false;
  if (c.reason === TIMED_OUT) return true;
  const from = lastUpdate(c);
  return from !== undefined && from + progressDeadlineMs(d) < now;
}

function replicaFailures(
  allRSs: readonly (ReplicaSet | undefined)[],
  newRS: ReplicaSet | undefined,
): Condition[] {
  const toDeployment = (c: Condition): Condition => {
    const out: Condition = { type: c.type, status: c.status };
    if (c.lastTransitionTime !== undefined) {
      out.lastUpdateTime = c.lastTransitionTime;
      out.lastTransitionTime = c.lastTransitionTime;
    }
    if (c.reason !== undefined) out.reason = c.reason;
    if (c.message !== undefined) out.message = c.message;
    return out;
  };
  const of = (rs: ReplicaSet | undefined): Condition[] =>
    (rs?.status?.conditions ?? []).filter((c) => c.type === "ReplicaFailure").map(toDeployment);
  const fromNew = of(newRS);
  if (fromNew.length > 0) return fromNew;
  return allRSs.flatMap(of);
}

/** syncRolloutStatus: status plus the Progressing and ReplicaFailure conditions. */
export function syncRolloutStatus(
  s: DeploymentSync,
  allRSs: (ReplicaSet | undefined)[],
  newRS: ReplicaSet | undefined,
): void {
  const d = s.d;
  const next = calculateStatus(allRSs, newRS, d, s.now);
  if (!hasProgressDeadline(d)) removeCondition(next, "Progressing");

  const current = getCondition(d.status, "Progressing");
  const isComplete = next.replicas === next.updatedReplicas && current?.reason === NEW_RS_AVAILABLE;
  if (hasProgressDeadline(d) && !isComplete) {
    const rsName = newRS ? `ReplicaSet "${newRS.metadata.name}"` : `Deployment "${d.metadata.name}"`;
    if (deploymentComplete(d, next)) {
      const msg = `${rsName} has successfully progressed.`;
      setCondition(next, newCondition("Progressing", "True", NEW_RS_AVAILABLE, msg, s.now));
    } else if (deploymentProgressing(d, next)) {
      const cond = newCondition(
        "Progressing",
        "True",
        REPLICA_SET_UPDATED,
        `${rsName} is progressing.`,
        s.now,
      );
      // Same reason again must still move lastUpdateTime: that is what the deadline counts from.
      if (current) {
        if (current.status === "True" && current.lastTransitionTime !== undefined) {
          cond.lastTransitionTime = current.lastTransitionTime;
        }
        removeCondition(next, "Progressing");
      }
      setCondition(next, cond);
    } else if (deploymentTimedOut(d, next, s.now)) {
      const msg = `${rsName} has timed out progressing.`;
      setCondition(next, newCondition("Progressing", "False", TIMED_OUT, msg, s.now));
    }
  }

  const failures = replicaFailures(allRSs, newRS);
  const firstFailure = failures[0];
  if (firstFailure) setCondition(next, firstFailure);
  else removeCondition(next, "ReplicaFailure");

  d.status = next;
  requeueStuckDeployment(s, next);
}

/**
 * A rollout without visible progress is looked at again when its deadline passes
 * (requeueStuckDeployment), plus a second as Kubernetes does against clock skew.
 */
function requeueStuckDeployment(s: DeploymentSync, next: DeploymentStatus): void {
  const d = s.d;
  const c = getCondition(next, "Progressing");
  if (!hasProgressDeadline(d) || !c) return;
  if (deploymentComplete(d, next) || c.reason === TIMED_OUT) return;
  // A finished rollout cannot time out (deploymentTimedOut ignores it); Kubernetes would still
  // requeue it with backoff, berth waits for the next change instead of polling.
  if (c.reason === NEW_RS_AVAILABLE) return;
  const from = lastUpdate(c);
  if (from === undefined) return;
  const after = from + progressDeadlineMs(d) - s.now;
  s.requeueAfter(Math.max(0, after) + 1000);
}

/**
 * checkPausedConditions: pausing sets Progressing Unknown/DeploymentPaused and resuming
 * Unknown/DeploymentResumed, so time spent paused never counts against the deadline.
 */
export function checkPausedConditions(s: DeploymentSync): void {
  const d = s.d;
  if (!hasProgressDeadline(d)) return;
  const c = getCondition(d.status, "Progressing");
  if (c?.reason === TIMED_OUT) return;
  const pausedCondExists = c?.reason === PAUSED;
  if (d.spec.paused === true && !pausedCondExists) {
    setCondition(d.status, newCondition("Progressing", "Unknown", PAUSED, "Deployment is paused", s.now));
  } else if (d.spec.paused !== true && pausedCondExists) {
    setCondition(d.status, newCondition("Progressing", "Unknown", RESUMED, "Deployment is resumed", s.now));
  }
}
