// Garbage collection: an object whose controlling owner is gone is deleted (background
// propagation, as Kubernetes does by default). Pure: the manager applies the actions.
import { idOf, keyOf } from "../manifest/identity.js";
import type { KObject } from "../manifest/types.js";
import type { Action } from "./types.js";

export function collectGarbage(objects: readonly KObject[]): Action[] {
  const uids = new Set<string>();
  for (const o of objects) if (o.metadata.uid !== undefined) uids.add(o.metadata.uid);
  const actions: Action[] = [];
  for (const o of objects) {
    const refs = o.metadata.ownerReferences;
    if (!refs || refs.length === 0 || o.metadata.deletionTimestamp !== undefined) continue;
    // Kubernetes deletes a dependent once none of its owners exists.
    if (refs.every((r) => !uids.has(r.uid))) {
      const owner = refs[0];
      actions.push({
        type: "delete",
        id: idOf(o),
        reason: owner ? `owner ${owner.kind} ${owner.name} is gone` : "owner is gone",
      });
    }
  }
  return actions;
}

/** Keys of the objects that directly depend on an owner, for cascading deletes. */
export function dependentKeys(objects: readonly KObject[], ownerUid: string): string[] {
  return objects
    .filter((o) => o.metadata.ownerReferences?.some((r) => r.uid === ownerUid))
    .map((o) => keyOf(idOf(o)));
}
