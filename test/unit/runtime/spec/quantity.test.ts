import { describe, expect, it } from "vitest";
import { milliValue, parseQuantity, value } from "../../../../src/runtime/spec/quantity.js";

describe("quantities", () => {
  it.each([
    ["250m", 250],
    ["0.5", 500],
    ["1", 1000],
    ["2.5", 2500],
    ["0.1m", 1],
    ["1e-1", 100],
    ["1e3", 1000000],
    ["100n", 1],
  ])("cpu %s = %d millicores (rounded up)", (q, m) => {
    expect(milliValue(q)).toBe(m);
  });

  it.each([
    ["64Mi", 64 * 1024 * 1024],
    ["1Gi", 1073741824],
    ["1G", 1e9],
    ["128974848", 128974848],
    ["129e6", 129e6],
    ["123Mi", 128974848],
    ["1.5Ki", 1536],
    ["100m", 1],
  ])("memory %s = %d bytes", (q, b) => {
    expect(value(q)).toBe(b);
  });

  it("rejects what is not a quantity", () => {
    for (const bad of ["", "abc", "1.2.3", "5 Mi", "1Zi", "--1"]) {
      expect(() => parseQuantity(bad), bad).toThrow(/not a resource quantity/);
    }
  });
});
