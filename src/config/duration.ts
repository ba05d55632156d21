// Durations in berth.yaml: Go/Kubernetes style strings ("10s", "5m", "1h30m", "1.5h", "250ms") or
// a whole number of seconds. Everything downstream works in milliseconds.

/** A duration in milliseconds. */
export type Millis = number;

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const WHOLE = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h))+$/;
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h)/g;

export const DURATION_EXPECTED = 'a duration such as "10s", "5m" or "1h30m", or whole seconds';

/** Whether `value` is a duration berth accepts. */
export function isDuration(value: unknown): boolean {
  return parseDuration(value) !== undefined;
}

/** Milliseconds, or undefined when `value` is not a duration (negative numbers included). */
export function parseDuration(value: unknown): Millis | undefined {
  if (typeof value === "number") {
    return Number.isSafeInteger(value) && value >= 0 ? value * 1000 : undefined;
  }
  if (typeof value !== "string") return undefined;
  const text = value.trim();
  if (text === "0") return 0;
  if (!WHOLE.test(text)) return undefined;
  let ms = 0;
  for (const m of text.matchAll(PART)) ms += Number(m[1]) * (UNIT_MS[m[2] ?? ""] ?? 0);
  return Math.round(ms);
}

/** The shortest Go-style spelling: 90000 → "1m30s", 250 → "250ms", 0 → "0s". */
export function formatDuration(ms: Millis): string {
  if (ms === 0) return "0s";
  let rest = Math.round(ms);
  let out = "";
  for (const [unit, size] of [
    ["h", 3_600_000],
    ["m", 60_000],
    ["s", 1000],
    ["ms", 1],
  ] as const) {
    const n = Math.floor(rest / size);
    if (n > 0) out += `${n}${unit}`;
    rest -= n * size;
  }
  return out;
}
