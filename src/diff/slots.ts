// The objects of a plan by identity (kind, namespace, name). planDiff looks up every desired object
// and inserts every recorded one, so this is on the hot path: one Map keyed by name (a string the
// object already holds, so no key is built and its hash is computed once), with the few objects
// sharing a name (a Deployment and its Service) chained behind each other. Recorded slots are also
// kept in an array, so objects gone from git are found without walking the map.

import { isClusterScoped } from "../manifest/identity.js";
import type { Kind, KObject } from "../manifest/types.js";
import { isFromGit } from "./normalize.js";

export function namespaceOf(obj: KObject): string {
  return isClusterScoped(obj.kind) ? "" : (obj.metadata.namespace ?? "default");
}

export interface Slot {
  kind: Kind;
  namespace: string;
  /** Unset for an object only desired (a create). */
  recorded: KObject | undefined;
  /** The desired object with this identity, once seen. */
  desired: KObject | undefined;
  /** The next slot with the same name: another kind or namespace. */
  next: Slot | undefined;
}

export class Slots {
  private readonly byName = new Map<string, Slot>();
  /** One slot per recorded identity, in the order first seen. */
  readonly recorded: Slot[] = [];

  /** The slot of this identity, or a new empty one. */
  private slot(kind: Kind, namespace: string, name: string): Slot {
    const head = this.byName.get(name);
    for (let s = head; s !== undefined; s = s.next)
      if (s.kind === kind && s.namespace === namespace) return s;
    // Every field set, in one order, so all slots share one shape.
    const slot: Slot = {
      kind,
      namespace,
      recorded: undefined,
      desired: undefined,
      next: head,
    };
    this.byName.set(name, slot);
    return slot;
  }

  addRecorded(obj: KObject): void {
    const slot = this.slot(obj.kind, namespaceOf(obj), obj.metadata.name);
    if (slot.recorded === undefined) {
      this.recorded.push(slot);
      slot.recorded = obj;
      return;
    }
    // Rare: two recorded objects with one identity. A git object wins over a generated one;
    // otherwise the last one does. Asked only here and for deletions (isFromGit reads the
    // annotations, one more object per recorded object to fetch from memory).
    if (isFromGit(slot.recorded) && !isFromGit(obj)) return;
    slot.recorded = obj;
  }

  /** The slot of a desired object's identity, created empty when nothing recorded has it. */
  forDesired(obj: KObject, namespace: string): Slot {
    return this.slot(obj.kind, namespace, obj.metadata.name);
  }
}
