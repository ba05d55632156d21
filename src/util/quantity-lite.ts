// A minimal Kubernetes quantity parser for the scheduler and the config loader.
// TODO(quantity): replace with src/manifest/quantity.ts once it lands on main; keep these two
// signatures (parseCpuMillis, parseMemoryBytes) so callers do not change.
//
// Grammar as apimachinery's quantity.go: <signed number><suffix>, binary suffixes Ki..Ei, decimal
// n u m "" k M G T P E, or an exponent e<n>/E<n>. The arithmetic is exact (BigInt), and fractions
// round up the way Kubernetes rounds (0.1m is 1m, 0.5 bytes is 1 byte).

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

/** numerator / denominator as exact integers; undefined when `text` is not a quantity. */
function parseExact(text: string): { num: bigint; den: bigint } | undefined {
  const m = PATTERN.exec(text.trim());
  if (!m) return undefined;
  const [, sign = "", number = "", exponent, suffix = ""] = m;
  const [intPart = "", fracPart = ""] = number.split(".");
  let num = BigInt((intPart || "0") + fracPart);
  let den = 10n ** BigInt(fracPart.length);
  const exp10 = exponent !== undefined ? Number.parseInt(exponent, 10) : (DECIMAL_EXP[suffix] ?? 0);
  if (Math.abs(exp10) > 40) return undefined;
  const bin = BINARY_EXP[suffix];
  if (bin !== undefined) num *= 1n << BigInt(bin);
  if (exp10 >= 0) num *= 10n ** BigInt(exp10);
  else den *= 10n ** BigInt(-exp10);
  if (sign === "-") num = -num;
  return { num, den };
}

function ceilDiv(num: bigint, den: bigint): bigint {
  const q = num / den;
  return num % den > 0n ? q + 1n : q;
}

/** Whether `text` is a Kubernetes quantity. */
export function isQuantity(text: string): boolean {
  return parseExact(text) !== undefined;
}

/** CPU in millicores, rounded up ("250m" → 250, "0.5" → 500, "2" → 2000); undefined if malformed. */
export function parseCpuMillis(text: string): number | undefined {
  const q = parseExact(text);
  return q === undefined ? undefined : Number(ceilDiv(q.num * 1000n, q.den));
}

/** Memory in bytes, rounded up ("64Mi" → 67108864, "1G" → 1e9); undefined if malformed. */
export function parseMemoryBytes(text: string): number | undefined {
  const q = parseExact(text);
  return q === undefined ? undefined : Number(ceilDiv(q.num, q.den));
}
