// Adoption and release by controller reference (k8s pkg/controller/controller_ref_manager.go,
// ClaimObject): a controller owns the objects whose controller reference names it and whose
// labels its selector matches. Matching orphans are adopted (the reference is added), owned
// objects that stopped matching are released (the reference removed). Objects controlled by
// someone else are never touched.

import { matchesSelector } from "../manifest/selector.js";
import type { KObject, LabelSelector } from "../manifest/types.js";
import { controllerOf, controllerRef } from "./owner.js";

export interface ClaimResult<T extends KObject> {
  /** The objects this owner controls after the claim (adopted ones with the new reference). */
  claimed: T[];
  /** Objects whose ownerReferences changed: adopted or released. Each needs an update. */
  changed: T[];
  adopted: T[];
  released: T[];
}

/** A null selector matches nothing; an empty one everything (callers pass the spec's selector). */
export function claimObjects<T extends KObject>(
  owner: KObject,
  selector: LabelSelector | undefined,
  candidates: readonly T[],
): ClaimResult<T> {
  const result: ClaimResult<T> = { claimed: [], changed: [], adopted: [], released: [] };
  const ownerDeleting = owner.metadata.deletionTimestamp !== undefined;
  const ownerNs = owner.metadata.namespace ?? "default";
  const match = (o: T): boolean =>
    selector !== undefined && matchesSelector(selector, o.metadata.labels ?? {});
  for (const obj of candidates) {
    const ref = controllerOf(obj);
    if (ref) {
      if (ref.uid !== owner.metadata.uid) continue;
      if (match(obj)) {
        result.claimed.push(obj);
        continue;
      }
      if (ownerDeleting) continue;
      const released = structuredClone(obj);
      const rest = (obj.metadata.ownerReferences ?? []).filter((r) => r.uid !== owner.metadata.uid);
      if (rest.length > 0) released.metadata.ownerReferences = rest;
      else delete released.metadata.ownerReferences;
      result.released.push(released);
      result.changed.push(released);
      continue;
    }
    if (!match(obj) || ownerDeleting || obj.metadata.deletionTimestamp !== undefined) continue;
    if ((obj.metadata.namespace ?? "default") !== ownerNs) continue;
    const adopted = structuredClone(obj);
    adopted.metadata.ownerReferences = [...(obj.metadata.ownerReferences ?? []), controllerRef(owner)];
    result.adopted.push(adopted);
    result.changed.push(adopted);
    result.claimed.push(adopted);
  }
  return result;
}
