import { describe, expect, it } from "vitest";
import { goDuration, humanDuration } from "../../../../src/runtime/lifecycle/duration.js";
import {
  inBackoffSince,
  inBackoffSinceUpdate,
  nextBackoff,
} from "../../../../src/runtime/lifecycle/backoff.js";

describe("goDuration", () => {
  it.each([
    [0, "0s"],
    [500, "500ms"],
    [1500, "1.5s"],
    [10_000, "10s"],
    [80_000, "1m20s"],
    [160_000, "2m40s"],
    [300_000, "5m0s"],
    [3_600_000, "1h0m0s"],
    [3_725_000, "1h2m5s"],
  ])("%d ms → %s", (ms, want) => {
    expect(goDuration(ms)).toBe(want);
  });
});

describe("humanDuration", () => {
  it.each([
    [-3000, "<invalid>"],
    [-1000, "0s"],
    [0, "0s"],
    [119_000, "119s"],
    [120_000, "2m"],
    [125_000, "2m5s"],
    [600_000, "10m"],
    [179 * 60_000, "179m"],
    [3 * 3_600_000, "3h"],
    [7 * 3_600_000 + 59 * 60_000, "7h59m"],
    [47 * 3_600_000, "47h"],
    [7 * 86_400_000 + 3 * 3_600_000, "7d3h"],
    [8 * 86_400_000, "8d"],
    [800 * 86_400_000, "2y70d"],
    [9 * 365 * 86_400_000, "9y"],
  ])("%d ms → %s", (ms, want) => {
    expect(humanDuration(ms)).toBe(want);
  });
});

describe("backoff", () => {
  const policy = { initialMs: 10, maxMs: 40, resetMs: 100 };
  it("doubles up to the cap and resets when the event is long after the last use", () => {
    let entry = nextBackoff(undefined, 0, 0, policy);
    expect(entry).toEqual({ delayMs: 10, lastUpdateMs: 0 });
    entry = nextBackoff(entry, 5, 5, policy);
    expect(entry.delayMs).toBe(20);
    entry = nextBackoff(entry, 10, 10, policy);
    entry = nextBackoff(entry, 15, 15, policy);
    expect(entry.delayMs).toBe(40);
    expect(nextBackoff(entry, 116, 116, policy).delayMs).toBe(10);
  });
  it("measures from the event (a container's finish) or from the last use (a pull)", () => {
    const entry = { delayMs: 20, lastUpdateMs: 100 };
    expect(inBackoffSince(entry, 150, 160, policy)).toBe(true);
    expect(inBackoffSince(entry, 150, 170, policy)).toBe(false);
    expect(inBackoffSince(undefined, 150, 151, policy)).toBe(false);
    expect(inBackoffSinceUpdate(entry, 119, policy)).toBe(true);
    expect(inBackoffSinceUpdate(entry, 120, policy)).toBe(false);
  });
});
