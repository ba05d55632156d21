// Sizing ReplicaSets (k8s sync.go scale, scaleReplicaSet; deployment_util.go NewRSNewReplicas):
// how far the new one may grow, and how a replica-count change is spread while several are active.

import type { Deployment, ReplicaSet } from "../../manifest/types.js";
import { replicasAnnotationsNeedUpdate, setReplicasAnnotations } from "./annotations.js";
import { isRollingUpdate, maxSurge, replicasOf } from "./fenceposts.js";
import {
  bySizeNewer,
  bySizeOlder,
  filterActive,
  findActiveOrLatest,
  isSaturated,
  proportion,
  rsReplicas,
  specReplicas,
} from "./replicasets.js";
import type { DeploymentSync } from "./session.js";

/** How big the new ReplicaSet may be now (NewRSNewReplicas). */
export function newRSNewReplicas(d: Deployment, allRSs: readonly ReplicaSet[], newRS: ReplicaSet): number {
  const replicas = replicasOf(d);
  if (!isRollingUpdate(d)) return replicas;
  const maxTotal = replicas + maxSurge(d);
  const current = specReplicas(allRSs);
  if (current >= maxTotal) return rsReplicas(newRS);
  const scaleUp = Math.min(maxTotal - current, replicas - rsReplicas(newRS));
  return rsReplicas(newRS) + scaleUp;
}

/** scaleReplicaSet: size and replica annotations; true when the size changed. */
export function scaleReplicaSet(s: DeploymentSync, rs: ReplicaSet, newScale: number): boolean {
  const d = s.d;
  const oldScale = rsReplicas(rs);
  const sizeNeedsUpdate = oldScale !== newScale;
  const desired = replicasOf(d);
  const max = desired + maxSurge(d);
  if (!sizeNeedsUpdate && !replicasAnnotationsNeedUpdate(rs, desired, max)) return false;
  rs.spec.replicas = newScale;
  setReplicasAnnotations(rs, desired, max);
  if (!sizeNeedsUpdate) return false;
  const op = oldScale < newScale ? "up" : "down";
  s.event(
    "Normal",
    "ScalingReplicaSet",
    `Scaled ${op} replica set ${rs.metadata.name} from ${oldScale} to ${newScale}`,
  );
  return true;
}

/** scaleReplicaSetAndRecordEvent: nothing when the size is already right. */
export function scaleReplicaSetAndRecordEvent(s: DeploymentSync, rs: ReplicaSet, newScale: number): boolean {
  if (rsReplicas(rs) === newScale) return false;
  return scaleReplicaSet(s, rs, newScale);
}

/**
 * scale(): one active ReplicaSet takes the whole count; a saturated new one leaves nothing to the
 * old; otherwise, mid-rollout, the difference is spread over the active ReplicaSets in proportion
 * to their size, the leftover going to the largest.
 */
export function scale(s: DeploymentSync, newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): void {
  const d = s.d;
  const want = replicasOf(d);
  const activeOrLatest = findActiveOrLatest(newRS, oldRSs);
  if (activeOrLatest) {
    if (rsReplicas(activeOrLatest) !== want) scaleReplicaSetAndRecordEvent(s, activeOrLatest, want);
    return;
  }
  if (isSaturated(d, newRS)) {
    for (const old of filterActive(oldRSs)) scaleReplicaSetAndRecordEvent(s, old, 0);
    return;
  }
  if (!isRollingUpdate(d)) return;
  const all = filterActive([...oldRSs, newRS]);
  const allowed = want > 0 ? want + maxSurge(d) : 0;
  const toAdd = allowed - specReplicas(all);
  if (toAdd > 0) all.sort(bySizeNewer);
  else if (toAdd < 0) all.sort(bySizeOlder);
  let added = 0;
  const sizes = new Map<ReplicaSet, number>();
  for (const rs of all) {
    if (toAdd !== 0) {
      const p = proportion(rs, d, toAdd, added);
      sizes.set(rs, rsReplicas(rs) + p);
      added += p;
    } else sizes.set(rs, rsReplicas(rs));
  }
  all.forEach((rs, i) => {
    let size = sizes.get(rs) ?? rsReplicas(rs);
    if (i === 0 && toAdd !== 0) size = Math.max(0, size + toAdd - added);
    scaleReplicaSet(s, rs, size);
  });
}
