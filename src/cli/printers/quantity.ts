// Kubernetes quantities for the node columns and describe's resource totals: parse requests and
// capacities to millicores and bytes, sum them, and print the sums the way Quantity.String does.
// TODO(quantity): parse with src/manifest/quantity.ts once it lands on main (same grammar as here:
// apimachinery's <signed number><suffix>, binary Ki..Ei, decimal n u m "" k M G T P E, or e<n>).

const PATTERN = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(?:[eE]([+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E))?$/;
const DECIMAL_EXP: Readonly<Record<string, number>> = {
  n: -9,
  u: -6,
  m: -3,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};
const BINARY_EXP: Readonly<Record<string, number>> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };

/** The value × 1000 (millis), rounded up as Kubernetes rounds; undefined when not a quantity. */
function parseMillis(text: string): bigint | undefined {
  const m = PATTERN.exec(text.trim());
  if (!m) return undefined;
  const [, sign = "", number = "", exponent, suffix = ""] = m;
  const [intPart = "", fracPart = ""] = number.split(".");
  let num = BigInt((intPart || "0") + fracPart) * 1000n;
  let den = 10n ** BigInt(fracPart.length);
  const exp10 = exponent !== undefined ? Number.parseInt(exponent, 10) : (DECIMAL_EXP[suffix] ?? 0);
  if (Math.abs(exp10) > 40) return undefined;
  const bin = BINARY_EXP[suffix];
  if (bin !== undefined) num *= 1n << BigInt(bin);
  if (exp10 >= 0) num *= 10n ** BigInt(exp10);
  else den *= 10n ** BigInt(-exp10);
  const q = num / den + (num % den > 0n ? 1n : 0n);
  return sign === "-" ? -q : q;
}

/** CPU in millicores ("250m" → 250, "0.5" → 500, "2" → 2000); undefined if malformed. */
export function parseCpuMillis(text: string): number | undefined {
  const m = parseMillis(text);
  return m === undefined ? undefined : Number(m);
}

/** Memory (or any byte count) in bytes, rounded up ("64Mi" → 67108864); undefined if malformed. */
export function parseMemoryBytes(text: string): number | undefined {
  const m = parseMillis(text);
  return m === undefined ? undefined : Math.ceil(Number(m) / 1000);
}

/** Millicores as Quantity.String prints a DecimalSI CPU: "850m", "2", "0". */
export function formatCpuMillis(millis: number): string {
  return millis % 1000 === 0 ? String(millis / 1000) : `${millis}m`;
}

const BINARY_UNITS: readonly [string, number][] = [
  ["Ei", 2 ** 60],
  ["Pi", 2 ** 50],
  ["Ti", 2 ** 40],
  ["Gi", 2 ** 30],
  ["Mi", 2 ** 20],
  ["Ki", 2 ** 10],
];
const DECIMAL_UNITS: readonly [string, number][] = [
  ["E", 1e18],
  ["P", 1e15],
  ["T", 1e12],
  ["G", 1e9],
  ["M", 1e6],
  ["k", 1e3],
];

/**
 * Bytes in the largest unit that divides them exactly, binary first: "192Mi", "100M", "0". The
 * canonical form of a sum of memory quantities, close to what kubectl describe prints.
 */
export function formatBytes(bytes: number): string {
  if (bytes === 0) return "0";
  for (const [unit, size] of BINARY_UNITS) if (bytes % size === 0) return `${bytes / size}${unit}`;
  for (const [unit, size] of DECIMAL_UNITS) if (bytes % size === 0) return `${bytes / size}${unit}`;
  return String(bytes);
}

/** kubectl describe node's percentages: truncated, 0 when there is no capacity. */
export function percentOf(part: number, whole: number): number {
  return whole > 0 ? Math.trunc((part / whole) * 100) : 0;
}
