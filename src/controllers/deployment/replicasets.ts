// A Deployment's ReplicaSets: which one is new, which are old, how they sort and count
// (k8s deployment_util.go and controller_utils.go).

import type { Deployment, PodTemplateSpec, ReplicaSet } from "../../manifest/types.js";
import { semanticEqual } from "../equal.js";
import { desiredReplicasOf, maxReplicasOf, revisionOf } from "./annotations.js";
import { maxSurge, replicasOf } from "./fenceposts.js";
import { POD_TEMPLATE_HASH_LABEL } from "./hash.js";

export function rsReplicas(rs: ReplicaSet): number {
  return rs.spec.replicas ?? 1;
}

function created(rs: ReplicaSet): number {
  const t = rs.metadata.creationTimestamp;
  // Not created yet (made in this reconcile): the newest of all.
  return t === undefined ? Number.MAX_SAFE_INTEGER : Date.parse(t);
}

/** ReplicaSetsByCreationTimestamp: oldest first, name as tie-break. */
export function byCreation(a: ReplicaSet, b: ReplicaSet): number {
  const d = created(a) - created(b);
  if (d !== 0) return d;
  return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
}

/** ReplicaSetsBySizeOlder: largest first, then oldest. */
export function bySizeOlder(a: ReplicaSet, b: ReplicaSet): number {
  return rsReplicas(b) - rsReplicas(a) || byCreation(a, b);
}

/** ReplicaSetsBySizeNewer: largest first, then newest. */
export function bySizeNewer(a: ReplicaSet, b: ReplicaSet): number {
  return rsReplicas(b) - rsReplicas(a) || byCreation(b, a);
}

/** ReplicaSetsByRevision: lowest revision first; creation order when equal or unreadable. */
export function byRevision(a: ReplicaSet, b: ReplicaSet): number {
  const ra = revisionOf(a);
  const rb = revisionOf(b);
  if (ra === undefined || rb === undefined || ra === rb) return byCreation(a, b);
  return ra - rb;
}

function withoutHash(t: PodTemplateSpec): PodTemplateSpec {
  const labels = { ...(t.metadata.labels ?? {}) };
  delete labels[POD_TEMPLATE_HASH_LABEL];
  return { ...t, metadata: { ...t.metadata, labels } };
}

/** Templates equal but for the pod-template-hash label (EqualIgnoreHash). */
export function equalIgnoreHash(a: PodTemplateSpec, b: PodTemplateSpec): boolean {
  return semanticEqual(withoutHash(a), withoutHash(b));
}

/** The oldest ReplicaSet whose template is the Deployment's (FindNewReplicaSet). */
export function findNewReplicaSet(d: Deployment, rsList: readonly ReplicaSet[]): ReplicaSet | undefined {
  return [...rsList].sort(byCreation).find((rs) => equalIgnoreHash(rs.spec.template, d.spec.template));
}

/** Every ReplicaSet but the new one (FindOldReplicaSets' second result). */
export function findOldReplicaSets(d: Deployment, rsList: readonly ReplicaSet[]): ReplicaSet[] {
  const newRS = findNewReplicaSet(d, rsList);
  return rsList.filter((rs) => rs !== newRS);
}

export function filterActive(rsList: readonly (ReplicaSet | undefined)[]): ReplicaSet[] {
  return rsList.filter((rs): rs is ReplicaSet => rs !== undefined && rsReplicas(rs) > 0);
}

type Counted = readonly (ReplicaSet | undefined)[];
const sum = (rsList: Counted, f: (rs: ReplicaSet) => number): number =>
  rsList.reduce((n, rs) => n + (rs ? f(rs) : 0), 0);

/** Σ spec.replicas */
export const specReplicas = (l: Counted): number => sum(l, rsReplicas);
/** Σ status.replicas */
export const actualReplicas = (l: Counted): number => sum(l, (rs) => rs.status?.replicas ?? 0);
export const readyReplicas = (l: Counted): number => sum(l, (rs) => rs.status?.readyReplicas ?? 0);
export const availableReplicas = (l: Counted): number => sum(l, (rs) => rs.status?.availableReplicas ?? 0);

/** The only active ReplicaSet, or the newest when none is active (FindActiveOrLatest). */
export function findActiveOrLatest(
  newRS: ReplicaSet | undefined,
  oldRSs: readonly ReplicaSet[],
): ReplicaSet | undefined {
  if (newRS === undefined && oldRSs.length === 0) return undefined;
  const newestFirst = [...oldRSs].sort((a, b) => byCreation(b, a));
  const active = filterActive([...newestFirst, newRS]);
  if (active.length === 0) return newRS ?? newestFirst[0];
  return active.length === 1 ? active[0] : undefined;
}

/** The new ReplicaSet runs every replica and they are all available (IsSaturated). */
export function isSaturated(d: Deployment, rs: ReplicaSet | undefined): boolean {
  if (!rs) return false;
  const desired = desiredReplicasOf(rs);
  const want = replicasOf(d);
  return rsReplicas(rs) === want && desired === want && (rs.status?.availableReplicas ?? 0) === want;
}

/** Go's math.Round: halves away from zero. */
function roundHalfAway(x: number): number {
  return Math.sign(x) * Math.round(Math.abs(x));
}

/**
 * This ReplicaSet's share of a scaling event (getReplicaSetFraction): its size scaled by
 * new maximum / maximum when it was last scaled (the max-replicas annotation).
 */
function fraction(rs: ReplicaSet, d: Deployment): number {
  const replicas = replicasOf(d);
  if (replicas === 0) return -rsReplicas(rs);
  const deploymentMax = replicas + maxSurge(d);
  let before = maxReplicasOf(rs);
  if (before === undefined || before === 0) before = d.status?.replicas ?? 0;
  // Kubernetes never scales proportionally from zero; with nothing to compare against, no change.
  if (before === 0) return 0;
  return roundHalfAway((rsReplicas(rs) * deploymentMax) / before) - rsReplicas(rs);
}

/** GetReplicaSetProportion: the fraction, bounded by what is left to add or remove. */
export function proportion(rs: ReplicaSet, d: Deployment, toAdd: number, added: number): number {
  if (rsReplicas(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  const f = fraction(rs, d);
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(f, allowed) : Math.max(f, allowed);
}
