// Query matching for DaemonView implementations (pure): the daemon's real view and test fakes
// answer ObjectQuery and EventQuery the same way.

import { idOf } from "../../manifest/identity.js";
import { matchesSelector } from "../../manifest/selector.js";
import type { KObject } from "../../manifest/types.js";
import type { StateEvent } from "../../state/types.js";
import type { EventQuery, ObjectQuery } from "./types.js";

/** Objects matching every field given; a namespace never matches cluster-scoped objects. */
export function matchesObjectQuery(obj: KObject, q: ObjectQuery): boolean {
  const id = idOf(obj);
  if (q.kind !== undefined && id.kind !== q.kind) return false;
  if (q.namespace !== undefined && id.namespace !== q.namespace) return false;
  if (q.name !== undefined && id.name !== q.name) return false;
  if (q.selector !== undefined && !matchesSelector(q.selector, obj.metadata.labels ?? {})) return false;
  return true;
}

export function matchesEventQuery(event: StateEvent, q: EventQuery): boolean {
  const o = event.involvedObject;
  if (q.kind !== undefined && o.kind !== q.kind) return false;
  if (q.namespace !== undefined && (o.namespace || "default") !== q.namespace) return false;
  if (q.name !== undefined && o.name !== q.name) return false;
  return true;
}
