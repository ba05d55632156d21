// How a workload controller rolls out a change, in words: the numbers Kubernetes would use.

import type { IntOrString } from "../manifest/types.js";

export function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

/**
 * intstr.GetScaledValueFromIntOrPercent: "25%" of total, rounded up or down; plain numbers as they
 * are. Unparsable strings count as 0 (validation rejects them before a plan is made).
 */
export function scaled(value: IntOrString | undefined, total: number, roundUp: boolean): number {
  if (value === undefined) return 0;
  if (typeof value === "number") return value;
  const m = /^(\d+)%$/.exec(value.trim());
  if (!m) {
    const n = Number(value);
    return Number.isInteger(n) ? n : 0;
  }
  const exact = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

/** Deployment ResolveFenceposts: surge rounds up, unavailable down; both 0 means unavailable 1. */
export function resolveFenceposts(
  maxSurge: IntOrString | undefined,
  maxUnavailable: IntOrString | undefined,
  replicas: number,
): { surge: number; unavailable: number } {
  const surge = scaled(maxSurge ?? "25%", replicas, true);
  let unavailable = scaled(maxUnavailable ?? "25%", replicas, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}

/** StatefulSet pod names for ordinals [from, to), in the given order. */
export function ordinalNames(set: string, from: number, to: number, reverse = false): string[] {
  const out: string[] = [];
  for (let i = from; i < to; i++) out.push(`${set}-${i}`);
  return reverse ? out.reverse() : out;
}

/** "a, b, c" up to `max` names, then "…". */
export function listNames(names: string[], max = 5): string {
  return names.length <= max ? names.join(", ") : `${names.slice(0, max).join(", ")}, …`;
}
