// Kubernetes quantities for the node columns and describe's resource totals: requests and
// capacities parsed with src/manifest/quantity.ts, summed, and printed the way kubectl shows sums.

import { bytes, formatQuantity, parseQuantity } from "../../manifest/quantity.js";

/** CPU in millicores ("250m" → 250, "0.5" → 500, "2" → 2000); undefined if malformed. */
export function parseCpuMillis(text: string): number | undefined {
  const r = parseQuantity(text);
  return r.ok ? Number(r.value.milli) : undefined;
}

/** Memory (or any byte count) in bytes, rounded up ("64Mi" → 67108864); undefined if malformed. */
export function parseMemoryBytes(text: string): number | undefined {
  const r = parseQuantity(text);
  return r.ok ? bytes(r.value) : undefined;
}

/** Millicores as Quantity.String prints a DecimalSI CPU: "850m", "2", "0". */
export function formatCpuMillis(millis: number): string {
  return formatQuantity({ milli: BigInt(millis), format: "DecimalSI" });
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
