import { describe, expect, it } from "vitest";
import { humanAge, humanDuration } from "../../../src/util/human-duration.js";

const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;

describe("humanDuration (kubectl's HumanDuration)", () => {
  it.each([
    [-3 * s, "<invalid>"],
    [-1500, "0s"],
    [0, "0s"],
    [999, "0s"],
    [45 * s, "45s"],
    [119 * s, "119s"],
    [2 * m, "2m"],
    [2 * m + 5 * s, "2m5s"],
    [9 * m + 59 * s, "9m59s"],
    [10 * m + 30 * s, "10m"],
    [179 * m, "179m"],
    [3 * h, "3h"],
    [3 * h + 12 * m, "3h12m"],
    [7 * h + 59 * m, "7h59m"],
    [8 * h + 30 * m, "8h"],
    [47 * h, "47h"],
    [2 * d, "2d"],
    [5 * d + 2 * h, "5d2h"],
    [8 * d, "8d"],
    [729 * d, "729d"],
    [2 * 365 * d, "2y"],
    [3 * 365 * d + 10 * d, "3y10d"],
    [8 * 365 * d + 40 * d, "8y"],
  ])("%i ms → %s", (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });

  it("prints <unknown> for a missing timestamp", () => {
    expect(humanAge(undefined, 0)).toBe("<unknown>");
    expect(humanAge("2026-01-01T00:00:00Z", Date.parse("2026-01-01T00:02:05Z"))).toBe("2m5s");
  });
});
