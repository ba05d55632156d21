import { describe, expect, it } from "vitest";
import {
  hasProgressDeadline,
  maxSurge,
  maxUnavailable,
  resolveFenceposts,
  scaledValue,
} from "../../../../src/controllers/deployment/fenceposts.js";
import { deployment } from "../../../support/controller-cluster.js";

describe("maxSurge / maxUnavailable (ResolveFenceposts)", () => {
  it.each([
    // [maxSurge, maxUnavailable, replicas, surge, unavailable]
    ["25%", "25%", 10, 3, 2], // 2.5 → up 3, down 2
    ["25%", "25%", 3, 1, 0],
    ["25%", "25%", 4, 1, 1],
    ["25%", "25%", 1, 1, 0],
    ["10%", "10%", 5, 1, 0],
    [0, "10%", 5, 0, 1], // both 0 after rounding → 1 unavailable
    ["0%", "0%", 10, 0, 1],
    [3, 2, 10, 3, 2],
    ["100%", 0, 7, 7, 0],
    ["50%", "50%", 0, 0, 1],
  ] as const)("surge %s, unavailable %s of %i → %i and %i", (s, u, replicas, surge, unavailable) => {
    expect(resolveFenceposts(s, u, replicas)).toEqual({ surge, unavailable });
  });

  it("maxUnavailable is capped at replicas and is 0 for 0 replicas or Recreate", () => {
    expect(maxUnavailable(deployment("d", { replicas: 2, maxSurge: 0, maxUnavailable: 5 }))).toBe(2);
    expect(maxUnavailable(deployment("d", { replicas: 0 }))).toBe(0);
    expect(maxUnavailable(deployment("d", { replicas: 3, strategy: { type: "Recreate" } }))).toBe(0);
    expect(maxSurge(deployment("d", { replicas: 3, strategy: { type: "Recreate" } }))).toBe(0);
    expect(maxSurge(deployment("d", { replicas: 10 }))).toBe(3);
  });

  it("rejects strings that are not percentages", () => {
    expect(() => scaledValue("5", 10, true)).toThrow(/not a number or percentage/);
    expect(scaledValue("33%", 10, true)).toBe(4);
    expect(scaledValue("33%", 10, false)).toBe(3);
  });

  it("MaxInt32 progressDeadlineSeconds (converted extensions/v1beta1) means no deadline", () => {
    expect(hasProgressDeadline(deployment("d", { progressDeadlineSeconds: 600 }))).toBe(true);
    expect(hasProgressDeadline(deployment("d", { progressDeadlineSeconds: 2147483647 }))).toBe(false);
    expect(hasProgressDeadline(deployment("d", { progressDeadlineSeconds: undefined }))).toBe(false);
  });
});
