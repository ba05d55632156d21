// The annotations a Deployment writes on its ReplicaSets (k8s deployment_util.go):
//   deployment.kubernetes.io/revision          the rollout sequence number, max existing + 1
//   deployment.kubernetes.io/revision-history  earlier numbers of a ReplicaSet reused by a rollback
//   deployment.kubernetes.io/desired-replicas  spec.replicas when last scaled (tells scaling from rollout)
//   deployment.kubernetes.io/max-replicas      replicas + maxSurge then (proportional scaling)
// plus the Deployment's own annotations (kubernetes.io/change-cause, ...), copied to the new one.

import type { Deployment, ReplicaSet } from "../../manifest/types.js";
import { maxSurge, replicasOf } from "./fenceposts.js";

export const REVISION = "deployment.kubernetes.io/revision";
export const REVISION_HISTORY = "deployment.kubernetes.io/revision-history";
export const DESIRED_REPLICAS = "deployment.kubernetes.io/desired-replicas";
export const MAX_REPLICAS = "deployment.kubernetes.io/max-replicas";
export const CHANGE_CAUSE = "kubernetes.io/change-cause";
const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
const DEPRECATED_ROLLBACK_TO = "deprecated.deployment.rollback.to";

/** Kubernetes keeps revision-history under this many characters. */
export const MAX_REVISION_HISTORY_CHARS = 2000;

const SKIPPED = new Set([
  LAST_APPLIED,
  REVISION,
  REVISION_HISTORY,
  DESIRED_REPLICAS,
  MAX_REPLICAS,
  DEPRECATED_ROLLBACK_TO,
]);

/**
 * Not copied to ReplicaSets: Kubernetes' own list, plus berth's bookkeeping (`berth.io/app` marks an
 * object as coming from git, which a generated ReplicaSet must not claim).
 */
export function skipCopyAnnotation(key: string): boolean {
  return SKIPPED.has(key) || key.startsWith("berth.io/");
}

function parseInt64(v: string | undefined): number | undefined {
  if (v === undefined || !/^[+-]?\d+$/.test(v)) return undefined;
  return Number(v);
}

/** The revision number; 0 when unset, undefined when unreadable. */
export function revisionOf(obj: { metadata: { annotations?: Record<string, string> } }): number | undefined {
  const v = obj.metadata.annotations?.[REVISION];
  return v === undefined ? 0 : parseInt64(v);
}

export function maxRevision(rsList: readonly ReplicaSet[]): number {
  let max = 0;
  for (const rs of rsList) {
    const v = revisionOf(rs);
    if (v !== undefined && v > max) max = v;
  }
  return max;
}

export function desiredReplicasOf(rs: ReplicaSet): number | undefined {
  return parseInt64(rs.metadata.annotations?.[DESIRED_REPLICAS]);
}

export function maxReplicasOf(rs: ReplicaSet): number | undefined {
  return parseInt64(rs.metadata.annotations?.[MAX_REPLICAS]);
}

function annotationsOf(o: { metadata: { annotations?: Record<string, string> } }): Record<string, string> {
  o.metadata.annotations ??= {};
  return o.metadata.annotations;
}

function copyDeploymentAnnotations(d: Deployment, rs: ReplicaSet): boolean {
  const target = annotationsOf(rs);
  let changed = false;
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) {
    if (skipCopyAnnotation(k) || target[k] === v) continue;
    target[k] = v;
    changed = true;
  }
  return changed;
}

/**
 * Brings the new ReplicaSet's annotations up to date (SetNewReplicaSetAnnotations): the
 * Deployment's annotations, the revision raised to newRevision (a reused ReplicaSet keeps its
 * earlier numbers in revision-history), and for a ReplicaSet about to be created the replica
 * annotations. Returns whether anything changed.
 */
export function setNewReplicaSetAnnotations(
  d: Deployment,
  rs: ReplicaSet,
  newRevision: number,
  exists: boolean,
): boolean {
  let changed = copyDeploymentAnnotations(d, rs);
  const annotations = annotationsOf(rs);
  const oldRaw = annotations[REVISION];
  let oldRevision = 0;
  if (oldRaw !== undefined && oldRaw !== "") {
    const parsed = parseInt64(oldRaw);
    if (parsed === undefined) return false;
    oldRevision = parsed;
  }
  if (oldRevision < newRevision) {
    annotations[REVISION] = String(newRevision);
    changed = true;
    if (oldRaw !== undefined) appendRevisionHistory(annotations, oldRaw);
  }
  if (!exists && setReplicasAnnotations(rs, replicasOf(d), replicasOf(d) + maxSurge(d))) changed = true;
  return changed;
}

function appendRevisionHistory(annotations: Record<string, string>, oldRevision: string): void {
  const history = annotations[REVISION_HISTORY] ?? "";
  const old = history.split(",");
  if ((old[0] ?? "").length === 0) {
    annotations[REVISION_HISTORY] = oldRevision;
    return;
  }
  let total = history.length + oldRevision.length + 1;
  let start = 0;
  while (total > MAX_REVISION_HISTORY_CHARS && start < old.length) {
    total -= (old[start] ?? "").length + 1;
    start++;
  }
  if (total <= MAX_REVISION_HISTORY_CHARS)
    annotations[REVISION_HISTORY] = [...old.slice(start), oldRevision].join(",");
}

export function replicasAnnotationsNeedUpdate(rs: ReplicaSet, desired: number, max: number): boolean {
  const a = rs.metadata.annotations ?? {};
  return a[DESIRED_REPLICAS] !== String(desired) || a[MAX_REPLICAS] !== String(max);
}

export function setReplicasAnnotations(rs: ReplicaSet, desired: number, max: number): boolean {
  if (!replicasAnnotationsNeedUpdate(rs, desired, max)) return false;
  const a = annotationsOf(rs);
  a[DESIRED_REPLICAS] = String(desired);
  a[MAX_REPLICAS] = String(max);
  return true;
}

/** The Deployment carries its current revision too (SetDeploymentRevision). */
export function setDeploymentRevision(d: Deployment, revision: string): boolean {
  const a = annotationsOf(d);
  if (a[REVISION] === revision) return false;
  a[REVISION] = revision;
  return true;
}
