// Kubernetes-style events about an object, as the workload controllers record them.

import { idOf } from "../../manifest/identity.js";
import type { KObject } from "../../manifest/types.js";
import type { Action } from "../types.js";

export function eventAbout(
  obj: KObject,
  type: "Normal" | "Warning",
  reason: string,
  message: string,
): Action {
  const object = obj.metadata.uid === undefined ? idOf(obj) : { ...idOf(obj), uid: obj.metadata.uid };
  return { type: "event", event: { type, reason, message, object } };
}

/** Sorts oldest first (creationTimestamp, then name, so equal stamps order stably). */
export function byAge<T extends KObject>(a: T, b: T): number {
  const ta = a.metadata.creationTimestamp ?? "";
  const tb = b.metadata.creationTimestamp ?? "";
  if (ta !== tb) return ta < tb ? -1 : 1;
  return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
}
