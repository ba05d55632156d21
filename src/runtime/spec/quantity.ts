// Kubernetes resource quantities ("250m", "64Mi", "1e3") as numbers, for the runtime's needs:
// CPU in millicores, everything else in base units. apimachinery rounds CPU up to whole
// millicores (0.1m → 1m); values here are at most 2^63-1 so float arithmetic is exact enough.
// TODO(lead): fold into src/manifest/quantity once that lands on main.

import { BerthError } from "../../util/errors.js";

const BINARY: Record<string, number> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};
const DECIMAL: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  "": 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
};

const QUANTITY = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?)$/;

/** The quantity's value in base units (cores, bytes). Throws E_QUANTITY for malformed input. */
export function parseQuantity(q: string): number {
  const m = QUANTITY.exec(q.trim());
  if (!m) throw new BerthError("E_QUANTITY", `"${q}" is not a resource quantity (e.g. 250m, 64Mi, 1.5)`);
  const sign = m[1] === "-" ? -1 : 1;
  const num = Number(m[2]);
  if (m[3] !== undefined) return sign * num * 10 ** Number(m[3].slice(1));
  const suffix = m[4] ?? "";
  const mult = BINARY[suffix] ?? DECIMAL[suffix] ?? 1;
  return sign * num * mult;
}

/** CPU in millicores, rounded up like Quantity.MilliValue(). */
export function milliValue(q: string): number {
  return Math.ceil(Math.round(parseQuantity(q) * 1e9) / 1e6);
}

/** Base units rounded up like Quantity.Value() (bytes for memory). */
export function value(q: string): number {
  return Math.ceil(Math.round(parseQuantity(q) * 1e3) / 1e3);
}
