// The order of a plan's entries: kind in apply order (unknown kinds last, by name), then namespace,
// then name. planDiff puts each entry, as it makes it, straight into the group of its kind and
// namespace: there are few of either, so ordering the groups is cheap, and the sorts proper run on
// small groups comparing names only. A plan holds an entry per object, thousands of them, so no
// list of all entries is built before the sorted one, and each group holds its entries' common key
// prefix ("Deployment/default/"): a key is then one concatenation, not four.

import { KINDS } from "../manifest/types.js";
import type { PlanEntry } from "./types.js";

const KIND_ORDER = new Map<string, number>(KINDS.map((k, i) => [k, i]));

export interface EntryGroup {
  /** `${kind}/${namespace}/`: an entry's key is this and its name. */
  readonly keyPrefix: string;
  readonly entries: PlanEntry[];
}

function byName(a: PlanEntry, b: PlanEntry): number {
  // Equality second: it is the cheap test (lengths, or hashes once computed, tell most strings apart).
  return a.name < b.name ? -1 : a.name === b.name ? 0 : 1;
}

/** Known kinds in apply order, then the others by name. */
function byKindOrder(a: string, b: string): number {
  const ra = KIND_ORDER.get(a) ?? KINDS.length;
  const rb = KIND_ORDER.get(b) ?? KINDS.length;
  if (ra !== rb) return ra - rb;
  return a < b ? -1 : a > b ? 1 : 0;
}

export class EntryOrder {
  /** Kind, then namespace: its group. */
  private readonly groups = new Map<string, Map<string, EntryGroup>>();

  /** The group for entries of this kind and namespace, created on first use. */
  group(kind: string, namespace: string): EntryGroup {
    let namespaces = this.groups.get(kind);
    if (namespaces === undefined) this.groups.set(kind, (namespaces = new Map<string, EntryGroup>()));
    let group = namespaces.get(namespace);
    if (group === undefined) {
      group = { keyPrefix: `${kind}/${namespace}/`, entries: [] };
      namespaces.set(namespace, group);
    }
    return group;
  }

  /** Every entry of every group, in order. */
  sorted(): PlanEntry[] {
    let count = 0;
    for (const namespaces of this.groups.values())
      for (const g of namespaces.values()) count += g.entries.length;
    // Sized up front: filled by index, it never grows (and is never copied while growing).
    const out = new Array<PlanEntry>(count);
    let i = 0;
    for (const kind of [...this.groups.keys()].sort(byKindOrder)) {
      const namespaces = this.groups.get(kind);
      if (namespaces === undefined) continue;
      for (const namespace of [...namespaces.keys()].sort()) {
        const entries = namespaces.get(namespace)?.entries ?? [];
        entries.sort(byName);
        for (const e of entries) out[i++] = e;
      }
    }
    return out;
  }
}
