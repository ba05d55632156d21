// The parts of a Deployment sync every strategy shares (k8s pkg/controller/deployment/sync.go and
// deployment_controller.go): claiming ReplicaSets, telling scaling from rollout, pruning history,
// status. The new ReplicaSet is found or made in new-replicaset.ts, sizes in scale.ts.

import { claimObjects } from "../claim.js";
import { controllerOf, isTerminating } from "../owner.js";
import type { Deployment, Pod, ReplicaSet } from "../../manifest/types.js";
import { desiredReplicasOf } from "./annotations.js";
import { hasRevisionHistoryLimit, replicasOf } from "./fenceposts.js";
import { allReplicaSetsAndSyncRevision } from "./new-replicaset.js";
import { byRevision, filterActive, rsReplicas } from "./replicasets.js";
import { scale } from "./scale.js";
import type { DeploymentSync } from "./session.js";
import { calculateStatus } from "./status.js";

/**
 * The ReplicaSets this Deployment controls after adopting matching orphans and releasing the ones
 * its selector no longer matches (getReplicaSetsForDeployment). Returns working copies.
 */
export function replicaSetsForDeployment(s: DeploymentSync): ReplicaSet[] {
  const all = s.ctx.view.list("ReplicaSet", { namespace: s.namespace });
  const claim = claimObjects(s.d, s.d.spec.selector, all);
  const byName = new Map(all.map((rs) => [rs.metadata.name, rs]));
  const changed = new Set(claim.changed);
  for (const rs of claim.released) {
    const stored = byName.get(rs.metadata.name);
    if (stored) s.track(stored, rs);
  }
  return claim.claimed.map((rs) => {
    const stored = byName.get(rs.metadata.name) ?? rs;
    return s.track(stored, changed.has(rs) ? rs : structuredClone(rs));
  });
}

/** Pods matching the selector, by the uid of the claimed ReplicaSet controlling them, terminating ones included. */
export function podMapForDeployment(s: DeploymentSync, rsList: readonly ReplicaSet[]): Map<string, Pod[]> {
  const map = new Map<string, Pod[]>();
  for (const rs of rsList) if (rs.metadata.uid !== undefined) map.set(rs.metadata.uid, []);
  for (const pod of s.ctx.view.list("Pod", { namespace: s.namespace, selector: s.d.spec.selector })) {
    const ref = controllerOf(pod);
    if (ref) map.get(ref.uid)?.push(pod);
  }
  return map;
}

/** A replicas change, not a template change: some active ReplicaSet was sized for another count. */
export function isScalingEvent(s: DeploymentSync, rsList: ReplicaSet[]): boolean {
  const { newRS, oldRSs } = allReplicaSetsAndSyncRevision(s, rsList, false);
  const want = replicasOf(s.d);
  return filterActive([...oldRSs, newRS]).some((rs) => {
    const desired = desiredReplicasOf(rs);
    return desired !== undefined && desired !== want;
  });
}

/**
 * Deletes the oldest ReplicaSets beyond revisionHistoryLimit (cleanupDeployment), only ones scaled
 * to 0 whose pods are gone and whose status has caught up.
 */
export function cleanupDeployment(s: DeploymentSync, oldRSs: ReplicaSet[]): void {
  const d = s.d;
  if (!hasRevisionHistoryLimit(d)) return;
  const cleanable = oldRSs.filter((rs) => !isTerminating(rs)).sort(byRevision);
  const diff = cleanable.length - (d.spec.revisionHistoryLimit ?? 0);
  for (let i = 0; i < diff; i++) {
    const rs = cleanable[i];
    if (!rs) break;
    const observed = rs.status?.observedGeneration ?? 0;
    if ((rs.status?.replicas ?? 0) !== 0 || rsReplicas(rs) !== 0) continue;
    if ((rs.metadata.generation ?? 0) > observed || s.wasScaled(rs)) continue;
    s.delete(rs);
  }
}

/** syncDeploymentStatus: status without progress estimation (scaling, paused). */
export function syncDeploymentStatus(
  s: DeploymentSync,
  allRSs: (ReplicaSet | undefined)[],
  newRS: ReplicaSet | undefined,
): void {
  s.d.status = calculateStatus(allRSs, newRS, s.d, s.now);
}

/** sync(): for scaling events and paused Deployments; never starts a rollout. */
export function sync(s: DeploymentSync, rsList: ReplicaSet[]): void {
  const { newRS, oldRSs } = allReplicaSetsAndSyncRevision(s, rsList, false);
  scale(s, newRS, oldRSs);
  if (s.d.spec.paused === true) cleanupDeployment(s, oldRSs);
  syncDeploymentStatus(s, [...oldRSs, newRS], newRS);
}

export function selectsEverything(d: Deployment): boolean {
  const sel = d.spec.selector;
  return Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0;
}
