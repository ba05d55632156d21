// Recreate (k8s pkg/controller/deployment/recreate.go): scale every old ReplicaSet to 0, wait
// until no old pod is left (terminating ones included — they may still hold ports or volumes),
// only then create or scale up the new ReplicaSet to the full count.

import type { Pod, ReplicaSet } from "../../manifest/types.js";
import { replicasOf } from "./fenceposts.js";
import { deploymentComplete, syncRolloutStatus } from "./progress.js";
import { actualReplicas, filterActive } from "./replicasets.js";
import type { DeploymentSync } from "./session.js";
import { allReplicaSetsAndSyncRevision } from "./new-replicaset.js";
import { scaleReplicaSetAndRecordEvent } from "./scale.js";
import { cleanupDeployment } from "./sync.js";

export function rolloutRecreate(s: DeploymentSync, rsList: ReplicaSet[], podMap: Map<string, Pod[]>): void {
  // The new ReplicaSet is not created yet: nothing may scale up before the old pods are gone.
  let { newRS, oldRSs } = allReplicaSetsAndSyncRevision(s, rsList, false);
  let allRSs: (ReplicaSet | undefined)[] = [...oldRSs, newRS];

  let scaledDown = false;
  for (const rs of filterActive(oldRSs)) if (scaleReplicaSetAndRecordEvent(s, rs, 0)) scaledDown = true;
  if (scaledDown) return syncRolloutStatus(s, allRSs, newRS);

  if (oldPodsRunning(newRS, oldRSs, podMap)) return syncRolloutStatus(s, allRSs, newRS);

  if (!newRS) {
    ({ newRS, oldRSs } = allReplicaSetsAndSyncRevision(s, rsList, true));
    allRSs = [...oldRSs, newRS];
  }
  if (newRS) scaleReplicaSetAndRecordEvent(s, newRS, replicasOf(s.d));
  if (deploymentComplete(s.d, s.d.status)) cleanupDeployment(s, oldRSs);
  syncRolloutStatus(s, allRSs, newRS);
}

/** Old ReplicaSets still report pods, or some old pod has not finished (Unknown counts as running). */
export function oldPodsRunning(
  newRS: ReplicaSet | undefined,
  oldRSs: ReplicaSet[],
  podMap: Map<string, Pod[]>,
): boolean {
  if (actualReplicas(oldRSs) > 0) return true;
  for (const [uid, pods] of podMap) {
    if (newRS?.metadata.uid !== undefined && uid === newRS.metadata.uid) continue;
    for (const pod of pods) {
      const phase = pod.status?.phase;
      if (phase !== "Failed" && phase !== "Succeeded") return true;
    }
  }
  return false;
}
