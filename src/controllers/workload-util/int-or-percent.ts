// intstr.GetScaledValueFromIntOrPercent: an absolute count, or a percentage of `total` rounded up or
// down. The manifest stage already rejected strings that are not percentages.

import type { IntOrString } from "../../manifest/types.js";

export function scaledValue(v: IntOrString | undefined, total: number, roundUp: boolean): number {
  if (v === undefined) return 0;
  if (typeof v === "number") return v;
  const m = /^(\d+)%$/.exec(v.trim());
  if (!m) {
    const n = Number.parseInt(v, 10);
    return Number.isNaN(n) ? 0 : n;
  }
  const exact = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}
