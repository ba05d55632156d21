// ownerReferences: how generated objects say who made them, and how controllers find theirs.
import type { KObject, OwnerReference } from "../manifest/types.js";

export function controllerRef(owner: KObject): OwnerReference {
  if (owner.metadata.uid === undefined)
    throw new Error(`${owner.kind} ${owner.metadata.name} has no uid yet`);
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name,
    uid: owner.metadata.uid,
    controller: true,
    blockOwnerDeletion: true,
  };
}

export function controllerOf(obj: KObject): OwnerReference | undefined {
  return obj.metadata.ownerReferences?.find((r) => r.controller === true);
}

export function isControlledBy(obj: KObject, owner: KObject): boolean {
  const ref = controllerOf(obj);
  return ref !== undefined && ref.uid === owner.metadata.uid;
}

/** Objects being deleted (a pod terminating on its node) no longer count as existing. */
export function isTerminating(obj: KObject): boolean {
  return obj.metadata.deletionTimestamp !== undefined;
}
