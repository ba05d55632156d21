// persistentVolumeClaimRetentionPolicy. Claims are kept by default (Retain), on scale-down and when
// the set is deleted, as Kubernetes keeps PVCs. With whenScaled: Delete, the claims of an ordinal
// beyond `replicas` go once its pod is gone; with whenDeleted: Delete, all the set's claims go
// after the set (the controller's finalize hook). Claims are Docker volumes the runtime reports
// (ctx.claims); deleting one is a deleteVolume intent the runtime carries out.

import type { StatefulSet } from "../../manifest/types.js";
import type { Action, ClaimLocation } from "../types.js";
import { claimOrdinal } from "./identity.js";

function ownClaims(
  sts: StatefulSet,
  claims: readonly ClaimLocation[],
): { claimName: string; ordinal: number }[] {
  const namespace = sts.metadata.namespace ?? "default";
  const out: { claimName: string; ordinal: number }[] = [];
  for (const c of claims) {
    if (c.namespace !== namespace) continue;
    const ordinal = claimOrdinal(sts, c.claimName);
    if (ordinal !== undefined) out.push({ claimName: c.claimName, ordinal });
  }
  return out.sort((a, b) => (a.claimName < b.claimName ? -1 : 1));
}

function deleteVolume(sts: StatefulSet, claimName: string, why: string): Action {
  return {
    type: "deleteVolume",
    namespace: sts.metadata.namespace ?? "default",
    claimName,
    reason: `StatefulSet ${sts.metadata.name}: ${why}`,
  };
}

/** whenScaled: Delete — claims of ordinals ≥ replicas whose pod no longer exists. */
export function scaledDownClaims(
  sts: StatefulSet,
  claims: readonly ClaimLocation[],
  podOrdinals: ReadonlySet<number>,
): Action[] {
  if (sts.spec.persistentVolumeClaimRetentionPolicy?.whenScaled !== "Delete") return [];
  const replicas = sts.spec.replicas ?? 1;
  return ownClaims(sts, claims)
    .filter((c) => c.ordinal >= replicas && !podOrdinals.has(c.ordinal))
    .map((c) => deleteVolume(sts, c.claimName, "scaled down (whenScaled: Delete)"));
}

/** whenDeleted: Delete — every claim of the deleted set. */
export function deletedSetClaims(sts: StatefulSet, claims: readonly ClaimLocation[]): Action[] {
  if (sts.spec.persistentVolumeClaimRetentionPolicy?.whenDeleted !== "Delete") return [];
  return ownClaims(sts, claims).map((c) => deleteVolume(sts, c.claimName, "deleted (whenDeleted: Delete)"));
}
