import { describe, expect, it } from "vitest";
import { formatDuration, isDuration, parseDuration } from "../../../src/config/duration.js";

describe("parseDuration", () => {
  it.each([
    ["10s", 10_000],
    ["5m", 300_000],
    ["1h30m", 5_400_000],
    ["1.5h", 5_400_000],
    ["250ms", 250],
    ["1m30s500ms", 90_500],
    ["0", 0],
    ["0s", 0],
    [" 2m ", 120_000],
    [30, 30_000],
    [0, 0],
  ])("%j is %i ms", (input, ms) => {
    expect(parseDuration(input)).toBe(ms);
    expect(isDuration(input)).toBe(true);
  });

  it.each([["10"], ["-5s"], ["5 s"], ["1d"], ["s"], [""], ["1h 30m"], [-1], [1.5], [null], [true], ["10S"]])(
    "rejects %j",
    (input) => {
      expect(parseDuration(input)).toBeUndefined();
      expect(isDuration(input)).toBe(false);
    },
  );
});

describe("formatDuration", () => {
  it.each([
    [0, "0s"],
    [250, "250ms"],
    [10_000, "10s"],
    [90_000, "1m30s"],
    [5_400_000, "1h30m"],
    [360_000, "6m"],
  ])("%i ms is %s", (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
    expect(parseDuration(text)).toBe(ms);
  });
});
