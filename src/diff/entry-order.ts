// The order of a plan's entries: kind in apply order (unknown kinds last, by name), then namespace,
// then name. planDiff adds each entry here as it makes it, straight into a group per kind and
// namespace: there are few of either, so ordering the groups is cheap, and the sorts proper run on
// small groups comparing names only. A plan holds an entry per object, thousands of them, so no
// list of all entries is built before the sorted one (each would be garbage the moment after).

import { KINDS } from "../manifest/types.js";
import type { PlanEntry } from "./types.js";

const KIND_ORDER = new Map<string, number>(KINDS.map((k, i) => [k, i]));

function byName(a: PlanEntry, b: PlanEntry): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

function byKindNamespaceAndName(a: PlanEntry, b: PlanEntry): number {
  if (a.kind !== b.kind) return a.kind < b.kind ? -1 : 1;
  if (a.namespace !== b.namespace) return a.namespace < b.namespace ? -1 : 1;
  return byName(a, b);
}

export class EntryOrder {
  /** By the kind's rank in KINDS: the entries of each namespace. */
  private readonly byKind: (Map<string, PlanEntry[]> | undefined)[] = [];
  /** Kinds the loader does not know (it rejects them): sorted whole, by kind first. */
  private readonly unknownKinds: PlanEntry[] = [];
  private count = 0;

  add(entry: PlanEntry): void {
    this.count++;
    const rank = KIND_ORDER.get(entry.kind);
    if (rank === undefined) {
      this.unknownKinds.push(entry);
      return;
    }
    const namespaces = (this.byKind[rank] ??= new Map<string, PlanEntry[]>());
    const group = namespaces.get(entry.namespace);
    if (group === undefined) namespaces.set(entry.namespace, [entry]);
    else group.push(entry);
  }

  /** Every entry added, in order. */
  sorted(): PlanEntry[] {
    // Sized up front: filled by index, it never grows (and is never copied while growing).
    const out = new Array<PlanEntry>(this.count);
    let i = 0;
    for (const namespaces of this.byKind) {
      if (namespaces === undefined) continue;
      for (const namespace of [...namespaces.keys()].sort()) {
        const group = namespaces.get(namespace) ?? [];
        group.sort(byName);
        for (const e of group) out[i++] = e;
      }
    }
    this.unknownKinds.sort(byKindNamespaceAndName);
    for (const e of this.unknownKinds) out[i++] = e;
    return out;
  }
}
