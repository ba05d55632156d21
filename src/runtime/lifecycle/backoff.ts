// kubelet's flowcontrol.Backoff without jitter: a delay per key that doubles on each use up to a cap,
// and is forgotten when the event that would use it comes long enough after the last use.

import type { BackoffEntry } from "./types.js";

export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
  resetMs: number;
}

function expired(entry: BackoffEntry, eventMs: number, policy: BackoffPolicy): boolean {
  return eventMs - entry.lastUpdateMs > policy.resetMs;
}

/** IsInBackOffSince: is `eventMs` (a container's finish) still within the delay at `nowMs`? */
export function inBackoffSince(
  entry: BackoffEntry | undefined,
  eventMs: number,
  nowMs: number,
  policy: BackoffPolicy,
): boolean {
  if (!entry || expired(entry, eventMs, policy)) return false;
  return nowMs - eventMs < entry.delayMs;
}

/** IsInBackOffSinceUpdate: is `nowMs` within the delay counted from the last use? */
export function inBackoffSinceUpdate(
  entry: BackoffEntry | undefined,
  nowMs: number,
  policy: BackoffPolicy,
): boolean {
  if (!entry || expired(entry, nowMs, policy)) return false;
  return nowMs - entry.lastUpdateMs < entry.delayMs;
}

/** Next: the first delay for a new or forgotten entry, else double the delay up to the cap. */
export function nextBackoff(
  entry: BackoffEntry | undefined,
  eventMs: number,
  nowMs: number,
  policy: BackoffPolicy,
): BackoffEntry {
  if (!entry || expired(entry, eventMs, policy)) return { delayMs: policy.initialMs, lastUpdateMs: nowMs };
  return { delayMs: Math.min(entry.delayMs * 2, policy.maxMs), lastUpdateMs: nowMs };
}
