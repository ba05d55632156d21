import { describe, expect, it } from "vitest";
import { backoffDelay, DEFAULT_BACKOFF, nextPassDelay, withJitter } from "../../../src/sync/backoff.js";

const mid = () => 0.5; // no jitter
const low = () => 0;
const high = () => 0.999999;

describe("withJitter", () => {
  it("moves a delay by at most ±10%", () => {
    expect(withJitter(1_000, mid)).toBe(1_000);
    expect(withJitter(1_000, low)).toBe(900);
    expect(withJitter(1_000, high)).toBe(1_100);
    for (let i = 0; i < 200; i++) {
      const d = withJitter(60_000, Math.random);
      expect(d).toBeGreaterThanOrEqual(54_000);
      expect(d).toBeLessThanOrEqual(66_000);
    }
  });
});

describe("backoffDelay", () => {
  it("doubles from 5 s to a 5 min cap", () => {
    const delays = [1, 2, 3, 4, 5, 6, 7, 8, 50, 5000].map((n) => backoffDelay(n, DEFAULT_BACKOFF, mid));
    expect(delays).toEqual([
      5_000, 10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000, 300_000, 300_000,
    ]);
  });

  it("jitters around each step", () => {
    expect(backoffDelay(2, DEFAULT_BACKOFF, low)).toBe(9_000);
    expect(backoffDelay(2, DEFAULT_BACKOFF, high)).toBe(11_000);
  });
});

describe("nextPassDelay", () => {
  const policy = { pollIntervalMs: 60_000, backoff: DEFAULT_BACKOFF };
  const pass = { ok: true, retryable: false, consecutiveFailures: 0, immutable: false };

  it("polls at the interval after a good pass", () => {
    expect(nextPassDelay(pass, policy, mid)).toBe(60_000);
    expect(nextPassDelay(pass, policy, low)).toBe(54_000);
  });

  it("backs off after a retryable failure, whatever the poll interval", () => {
    const failed = { ...pass, ok: false, retryable: true, consecutiveFailures: 3 };
    expect(nextPassDelay(failed, policy, mid)).toBe(20_000);
    expect(nextPassDelay(failed, { ...policy, pollIntervalMs: 0 }, mid)).toBe(20_000);
    expect(nextPassDelay({ ...failed, immutable: true }, policy, mid)).toBe(20_000);
  });

  it("polls normally after a failure tied to the commit: only a new commit can fix it", () => {
    expect(nextPassDelay({ ...pass, ok: false, consecutiveFailures: 4 }, policy, mid)).toBe(60_000);
  });

  it("stops polling a pinned commit once read, and when polling is off", () => {
    expect(nextPassDelay({ ...pass, immutable: true }, policy, mid)).toBeUndefined();
    expect(nextPassDelay({ ...pass, ok: false, immutable: true }, policy, mid)).toBeUndefined();
    expect(nextPassDelay(pass, { ...policy, pollIntervalMs: 0 }, mid)).toBeUndefined();
  });
});
