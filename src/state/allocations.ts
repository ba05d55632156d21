// Allocations: values berth hands out from a pool and must not hand out twice, even across restarts
// (node ports, cluster IPs, ...). The state file stores every pool generically; the functions here
// give typed access. Which value to pick is the owning module's decision; this only records it.

import { BerthError } from "../util/errors.js";
import { isoTime } from "../util/clock.js";
import type { ObjectReference } from "./types.js";

/**
 * Pool name → the type of value it hands out. A module that adds a pool extends this interface:
 *   declare module "../state/allocations.js" { interface AllocationPools { hostPorts: number } }
 */
export interface AllocationPools {
  nodePorts: number;
  clusterIPs: string;
}

export type PoolName = keyof AllocationPools;

/** The object holding an allocated value; its uid tells a recreated namesake apart. */
export type AllocationHolder = ObjectReference & { uid: string };

export interface Allocation<V extends string | number = string | number> {
  value: V;
  holder: AllocationHolder;
  allocatedAt: string;
}

/** Pool name → its allocations, sorted by value. Stored generically; read through the functions below. */
export type Allocations = Partial<Record<string, Allocation[]>>;

export type ValueOf<P extends PoolName> = AllocationPools[P] & (string | number);

export function allocationsIn<P extends PoolName>(
  a: Allocations,
  pool: P,
): readonly Allocation<ValueOf<P>>[] {
  return (a[pool] ?? []) as Allocation<ValueOf<P>>[];
}

export function holderOf<P extends PoolName>(
  a: Allocations,
  pool: P,
  value: ValueOf<P>,
): AllocationHolder | undefined {
  return allocationsIn(a, pool).find((x) => x.value === value)?.holder;
}

function compareValues(x: string | number, y: string | number): number {
  if (typeof x === "number" && typeof y === "number") return x - y;
  return String(x) < String(y) ? -1 : String(x) > String(y) ? 1 : 0;
}

/**
 * Records `value` as held by `holder`. Idempotent for the same holder (same uid); a value held by
 * another object is an E_ALLOCATED error (the caller picked a taken value). Returns a new Allocations.
 */
export function allocate<P extends PoolName>(
  a: Allocations,
  pool: P,
  value: ValueOf<P>,
  holder: AllocationHolder,
  now: number,
): Allocations {
  const current = allocationsIn(a, pool);
  const existing = current.find((x) => x.value === value);
  if (existing) {
    if (existing.holder.uid === holder.uid) return a;
    const h = existing.holder;
    throw new BerthError(
      "E_ALLOCATED",
      `${pool} ${value} is already allocated to ${h.kind} ${h.namespace ? `${h.namespace}/` : ""}${h.name}`,
    );
  }
  const next = [...current, { value, holder: { ...holder }, allocatedAt: isoTime(now) }];
  next.sort((x, y) => compareValues(x.value, y.value));
  return { ...a, [pool]: next };
}

/** Frees one value. Returns a new Allocations (the same one when the value was free). */
export function release<P extends PoolName>(a: Allocations, pool: P, value: ValueOf<P>): Allocations {
  const current = allocationsIn(a, pool);
  const next = current.filter((x) => x.value !== value);
  return next.length === current.length ? a : { ...a, [pool]: next };
}

/** Frees everything an object held, in every pool (the object was deleted). */
export function releaseHolder(a: Allocations, uid: string): Allocations {
  let changed = false;
  const out: Allocations = {};
  for (const [pool, list] of Object.entries(a)) {
    if (!list) continue;
    const kept = list.filter((x) => x.holder.uid !== uid);
    if (kept.length !== list.length) changed = true;
    out[pool] = kept;
  }
  return changed ? out : a;
}
