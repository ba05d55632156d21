// How long to wait before the next look at a source. Jitter spreads the polls of many sources (and
// of many berth instances watching one forge) so they do not arrive in lockstep.

export interface BackoffPolicy {
  /** Delay after the first failure. */
  initialMs: number;
  /** The delay doubles per consecutive failure up to this. */
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 5_000, maxMs: 300_000 };

/** `ms` moved by up to ±`fraction` of itself; `random` returns [0, 1). */
export function withJitter(ms: number, random: () => number, fraction = 0.1): number {
  return Math.max(0, Math.round(ms * (1 + (2 * random() - 1) * fraction)));
}

/** The delay before retrying after `failures` (≥ 1) consecutive failures, with ±10% jitter. */
export function backoffDelay(failures: number, policy: BackoffPolicy, random: () => number): number {
  const exponent = Math.min(Math.max(failures, 1) - 1, 30);
  const base = Math.min(policy.initialMs * 2 ** exponent, policy.maxMs);
  return withJitter(base, random);
}

export interface PassSummary {
  ok: boolean;
  /** A failure that may go away by itself (network, auth, server): retried with backoff. */
  retryable: boolean;
  consecutiveFailures: number;
  /** The source is pinned to a commit: once read, it can never change. */
  immutable: boolean;
}

export interface PollPolicy {
  /** 0 turns polling off (watch events and syncNow still work). */
  pollIntervalMs: number;
  backoff: BackoffPolicy;
}

/** How long until the next pass runs by itself, or undefined when only a trigger should start one. */
export function nextPassDelay(
  pass: PassSummary,
  policy: PollPolicy,
  random: () => number,
): number | undefined {
  if (!pass.ok && pass.retryable) return backoffDelay(pass.consecutiveFailures, policy.backoff, random);
  if (pass.immutable || policy.pollIntervalMs <= 0) return undefined;
  return withJitter(policy.pollIntervalMs, random);
}
