// Kubernetes resource quantities ("250m", "0.5", "64Mi", "1e3"), following apimachinery's
// quantity.go: the same grammar and suffixes, exact arithmetic, and the documented limits (at most
// three decimal places, rounding up anything finer; magnitudes capped at 2^63-1).
//
// Values are held exactly as a bigint count of thousandths ("milli-units"), which the
// three-decimal-place rule makes sufficient: 250m cpu is 250n, 64Mi is 67108864000n.

import { BerthError } from "../util/errors.js";

/** Which family of suffix a quantity was written with; the canonical form keeps the family. */
export type QuantityFormat = "DecimalSI" | "BinarySI" | "DecimalExponent";

export interface Quantity {
  /** The value in thousandths of the unit (millicores for cpu, millibytes for memory). */
  readonly milli: bigint;
  readonly format: QuantityFormat;
}

export type QuantityResult = { ok: true; value: Quantity } | { ok: false; reason: string };

const MAX_INT64 = (1n << 63n) - 1n;
/** The largest magnitude a quantity may have, in thousandths: 2^63-1 units. */
export const MAX_QUANTITY_MILLI = MAX_INT64 * 1000n;

const DECIMAL_SUFFIXES: Readonly<Record<string, number>> = {
  n: -9,
  u: -6,
  m: -3,
  "": 0,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};
const BINARY_SUFFIXES: Readonly<Record<string, number>> = {
  Ki: 10,
  Mi: 20,
  Gi: 30,
  Ti: 40,
  Pi: 50,
  Ei: 60,
};
const SI_BY_EXPONENT: Readonly<Record<number, string>> = {
  [-3]: "m",
  0: "",
  3: "k",
  6: "M",
  9: "G",
  12: "T",
  15: "P",
  18: "E",
};
const BINARY_BY_POWER = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"] as const;

// <sign><digits>[.<digits>]<suffix>; Kubernetes also accepts "1." (an empty fraction).
const QUANTITY_RE = /^([+-]?)([0-9]*)(?:\.([0-9]*))?([A-Za-z]*(?:[+-]?[0-9]+)?)$/;

export const QUANTITY_EXAMPLES = "a quantity such as 250m, 0.5, 64Mi or 1Gi";

function pow10(n: number): bigint {
  return 10n ** BigInt(n);
}

/** Divides, rounding the magnitude up (away from zero), as Kubernetes rounds finer precision. */
function divRoundUp(n: bigint, d: bigint): bigint {
  const q = n / d;
  return n % d === 0n ? q : q + 1n;
}

function interpretSuffix(
  suffix: string,
): { base10: number; base2: number; format: QuantityFormat } | undefined {
  const dec = DECIMAL_SUFFIXES[suffix];
  if (dec !== undefined) return { base10: dec, base2: 0, format: "DecimalSI" };
  const bin = BINARY_SUFFIXES[suffix];
  if (bin !== undefined) return { base10: 0, base2: bin, format: "BinarySI" };
  const m = /^[eE]([+-]?[0-9]+)$/.exec(suffix);
  if (m?.[1] !== undefined) {
    const exp = Number.parseInt(m[1], 10);
    // Kubernetes reads the exponent as an int32.
    if (Math.abs(exp) > 2147483647) return undefined;
    return { base10: exp, base2: 0, format: "DecimalExponent" };
  }
  return undefined;
}

/**
 * Results by input string. Manifests repeat a handful of quantities ("100m", "64Mi") thousands of
 * times, and loading parses each several times (defaults, then checks); the bigint arithmetic is
 * worth doing once. Results are frozen, so sharing them is safe. Bounded: cleared when full.
 */
const parsed = new Map<string, QuantityResult>();
const PARSED_MAX = 1024;

/** Parses a quantity as written in a manifest (YAML may give a plain number: `cpu: 0.5`). */
export function parseQuantity(input: string | number): QuantityResult {
  if (typeof input !== "string") return parse(input);
  let r = parsed.get(input);
  if (r === undefined) {
    r = parse(input);
    Object.freeze(r.ok ? r.value : r);
    Object.freeze(r);
    if (parsed.size >= PARSED_MAX) parsed.clear();
    parsed.set(input, r);
  }
  return r;
}

function parse(input: string | number): QuantityResult {
  let text: string;
  if (typeof input === "number") {
    if (!Number.isFinite(input)) return { ok: false, reason: `${String(input)} is not a finite number` };
    text = String(input);
  } else {
    // Quantity.UnmarshalJSON trims surrounding whitespace before parsing.
    text = input.trim();
  }
  if (text === "") return { ok: false, reason: "a quantity may not be empty" };
  const m = QUANTITY_RE.exec(text);
  if (!m)
    return {
      ok: false,
      reason: "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    };
  const [, sign = "", whole = "", frac = "", suffix = ""] = m;
  if (whole === "" && frac === "") return { ok: false, reason: "a quantity needs at least one digit" };
  const unit = interpretSuffix(suffix);
  if (!unit) return { ok: false, reason: `unable to parse quantity's suffix "${suffix}"` };

  const digits = BigInt(whole + frac || "0");
  let milli: bigint;
  if (digits === 0n) {
    milli = 0n;
  } else {
    // value = digits × 10^(base10 − len(frac)) × 2^base2, expressed in thousandths.
    const scale10 = unit.base10 - frac.length + 3;
    const digitCount = (whole + frac).replace(/^0+/, "").length;
    if (scale10 + digitCount + Math.floor(unit.base2 * 0.302) > 40) {
      milli = MAX_QUANTITY_MILLI; // far beyond the cap: skip the huge power
    } else if (scale10 + digitCount < -5 && unit.base2 === 0) {
      milli = 1n; // far below a thousandth: rounds up to the smallest step
    } else {
      const scaled = digits << BigInt(unit.base2);
      milli = scale10 >= 0 ? scaled * pow10(scale10) : divRoundUp(scaled, pow10(-scale10));
    }
    if (milli > MAX_QUANTITY_MILLI) milli = MAX_QUANTITY_MILLI;
  }
  if (sign === "-") milli = -milli;
  // Kubernetes parses "0" as DecimalSI whatever the suffix; only the zero form matters here.
  return { ok: true, value: { milli, format: milli === 0n ? "DecimalSI" : unit.format } };
}

function toQuantity(q: Quantity | string | number): Quantity {
  if (typeof q === "object") return q;
  const r = parseQuantity(q);
  if (!r.ok) {
    throw new BerthError("E_QUANTITY", `not a quantity: ${JSON.stringify(q)}: ${r.reason}`);
  }
  return r.value;
}

function abs(n: bigint): bigint {
  return n < 0n ? -n : n;
}

/**
 * The canonical string, as Kubernetes serialises a quantity: no fractional digits, the largest
 * suffix of the written family that keeps the value exact ("1000m" → "1", "1024Mi" → "1Gi",
 * "0.5" → "500m", "1500Mi" stays). Binary values below 1024 or with a fraction fall back to
 * decimal suffixes, as in Kubernetes. Exponent forms are printed with decimal suffixes ("1e3" →
 * "1k") so every spelling of a decimal value shares one form.
 */
export function formatQuantity(q: Quantity): string {
  if (q.milli === 0n) return "0";
  const sign = q.milli < 0n ? "-" : "";
  const mag = abs(q.milli);
  if (q.format === "BinarySI" && mag >= 1024_000n && mag % 1000n === 0n) {
    let units = mag / 1000n;
    let power = 0;
    while (power < BINARY_BY_POWER.length - 1 && units % 1024n === 0n) {
      units /= 1024n;
      power++;
    }
    return `${sign}${units}${BINARY_BY_POWER[power] ?? ""}`;
  }
  let mantissa = mag;
  let exponent = -3;
  while (mantissa % 10n === 0n && exponent < 18) {
    mantissa /= 10n;
    exponent++;
  }
  const down = ((exponent % 3) + 3) % 3;
  mantissa *= pow10(down);
  exponent -= down;
  return `${sign}${mantissa}${SI_BY_EXPONENT[exponent] ?? ""}`;
}

/** The canonical form of a written quantity; throws BerthError E_QUANTITY if it does not parse. */
export function canonicalQuantity(s: string | number): string {
  return formatQuantity(toQuantity(s));
}

/** Millicores, as the scheduler sums cpu (`MilliValue`): already exact at three decimals. */
export function cpuMillis(q: Quantity | string | number): number {
  return Number(toQuantity(q).milli);
}

/** Whole units (bytes for memory and storage), fractions rounded up like Kubernetes' `Value()`. */
export function bytes(q: Quantity | string | number): number {
  const m = toQuantity(q).milli;
  const units = divRoundUp(abs(m), 1000n);
  return Number(m < 0n ? -units : units);
}

/** -1, 0 or 1, exactly. */
export function compareQuantities(a: Quantity | string | number, b: Quantity | string | number): -1 | 0 | 1 {
  const x = toQuantity(a).milli;
  const y = toQuantity(b).milli;
  return x < y ? -1 : x > y ? 1 : 0;
}
