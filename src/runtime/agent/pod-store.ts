// What a pod worker writes to the store: its pod's status (only while the store still holds that
// very pod — same uid), and the final delete of a pod whose deletion it has carried out.

import { idOf } from "../../manifest/identity.js";
import type { Pod, PodStatus } from "../../manifest/types.js";
import type { ObjectStore } from "../../state/store.js";
import { isBerthError } from "../../util/errors.js";

export function writePodStatus(store: ObjectStore, uid: string, pod: Pod, status: PodStatus): void {
  const id = idOf(pod);
  if (store.get("Pod", id.namespace, id.name)?.metadata.uid !== uid) return;
  try {
    // A no-op (no watch event) when nothing changed.
    store.updateStatus(id, status);
  } catch (e) {
    if (!isBerthError(e, "E_NOT_FOUND")) throw e;
  }
}

/** The pod's containers are gone: a pod being deleted leaves the store now. */
export function finalizeDeletion(store: ObjectStore, uid: string, pod: Pod): void {
  const id = idOf(pod);
  const current = store.get("Pod", id.namespace, id.name);
  if (current?.metadata.uid === uid && current.metadata.deletionTimestamp !== undefined) store.delete(id);
}
