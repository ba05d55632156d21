// RollingUpdate (k8s pkg/controller/deployment/rolling.go). Each sync does one of: scale the new
// ReplicaSet up as far as maxSurge allows, or scale old ones down as far as maxUnavailable allows
// (unhealthy old replicas first, since removing them costs no availability), or, once complete,
// prune history. Then status.

import type { ReplicaSet } from "../../manifest/types.js";
import { maxUnavailable, replicasOf } from "./fenceposts.js";
import { deploymentComplete, syncRolloutStatus } from "./progress.js";
import { availableReplicas, byCreation, filterActive, rsReplicas, specReplicas } from "./replicasets.js";
import type { DeploymentSync } from "./session.js";
import { allReplicaSetsAndSyncRevision } from "./new-replicaset.js";
import { newRSNewReplicas, scaleReplicaSetAndRecordEvent } from "./scale.js";
import { cleanupDeployment } from "./sync.js";

export function rolloutRolling(s: DeploymentSync, rsList: ReplicaSet[]): void {
  const { newRS, oldRSs } = allReplicaSetsAndSyncRevision(s, rsList, true);
  if (!newRS) throw new Error("rolling update without a new ReplicaSet");
  const allRSs = [...oldRSs, newRS];
  if (reconcileNewReplicaSet(s, allRSs, newRS)) return syncRolloutStatus(s, allRSs, newRS);
  if (reconcileOldReplicaSets(s, allRSs, filterActive(oldRSs), newRS))
    return syncRolloutStatus(s, allRSs, newRS);
  if (deploymentComplete(s.d, s.d.status)) cleanupDeployment(s, oldRSs);
  syncRolloutStatus(s, allRSs, newRS);
}

function reconcileNewReplicaSet(s: DeploymentSync, allRSs: ReplicaSet[], newRS: ReplicaSet): boolean {
  const want = replicasOf(s.d);
  if (rsReplicas(newRS) === want) return false;
  if (rsReplicas(newRS) > want) return scaleReplicaSetAndRecordEvent(s, newRS, want);
  return scaleReplicaSetAndRecordEvent(s, newRS, newRSNewReplicas(s.d, allRSs, newRS));
}

/**
 * How far old ReplicaSets may shrink: every pod beyond minAvailable, less the new pods that are
 * not available yet (they may never be, and must not cost availability). Worked example from the
 * Kubernetes source: 10 replicas, maxSurge 3, maxUnavailable 2, new pods crash-looping: 13 pods,
 * minAvailable 8, 5 new unavailable → 13 − 8 − 5 = 0, the old ReplicaSet keeps its 8.
 */
function reconcileOldReplicaSets(
  s: DeploymentSync,
  allRSs: ReplicaSet[],
  oldRSs: ReplicaSet[],
  newRS: ReplicaSet,
): boolean {
  if (specReplicas(oldRSs) === 0) return false;
  const minAvailable = replicasOf(s.d) - maxUnavailable(s.d);
  const newUnavailable = rsReplicas(newRS) - (newRS.status?.availableReplicas ?? 0);
  const maxScaledDown = specReplicas(allRSs) - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return false;
  const cleaned = cleanupUnhealthyReplicas(s, oldRSs, maxScaledDown);
  const scaledDown = scaleDownOldReplicaSetsForRollingUpdate(s, [...oldRSs, newRS], oldRSs);
  return cleaned + scaledDown > 0;
}

/** Old replicas that are not available go first, oldest ReplicaSet first (kubernetes#16737). */
function cleanupUnhealthyReplicas(s: DeploymentSync, oldRSs: ReplicaSet[], maxCleanup: number): number {
  let total = 0;
  for (const rs of [...oldRSs].sort(byCreation)) {
    if (total >= maxCleanup) break;
    const replicas = rsReplicas(rs);
    const available = rs.status?.availableReplicas ?? 0;
    if (replicas === 0 || replicas === available) continue;
    const count = Math.min(maxCleanup - total, replicas - available);
    if (count <= 0) continue;
    scaleReplicaSetAndRecordEvent(s, rs, replicas - count);
    total += count;
  }
  return total;
}

/** Scales old ReplicaSets down, oldest first, while more than minAvailable pods are available. */
function scaleDownOldReplicaSetsForRollingUpdate(
  s: DeploymentSync,
  allRSs: ReplicaSet[],
  oldRSs: ReplicaSet[],
): number {
  const minAvailable = replicasOf(s.d) - maxUnavailable(s.d);
  const available = availableReplicas(allRSs);
  if (available <= minAvailable) return 0;
  const toScaleDown = available - minAvailable;
  let total = 0;
  for (const rs of [...oldRSs].sort(byCreation)) {
    if (total >= toScaleDown) break;
    const replicas = rsReplicas(rs);
    if (replicas === 0) continue;
    const count = Math.min(replicas, toScaleDown - total);
    scaleReplicaSetAndRecordEvent(s, rs, replicas - count);
    total += count;
  }
  return total;
}
