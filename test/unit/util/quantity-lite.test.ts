import { describe, expect, it } from "vitest";
import { isQuantity, parseCpuMillis, parseMemoryBytes } from "../../../src/util/quantity-lite.js";

describe("parseCpuMillis", () => {
  it.each([
    ["250m", 250],
    ["0.5", 500],
    ["2", 2000],
    ["1.5", 1500],
    ["0.1", 100],
    ["0.1m", 1],
    ["100u", 1],
    ["1e-3", 1],
    ["2e0", 2000],
    ["1k", 1_000_000],
    ["+3", 3000],
    [".25", 250],
    ["0", 0],
  ])("%s is %i millicores", (text, want) => {
    expect(parseCpuMillis(text)).toBe(want);
  });
});

describe("parseMemoryBytes", () => {
  it.each([
    ["64Mi", 67_108_864],
    ["1Gi", 1_073_741_824],
    ["1G", 1e9],
    ["128974848", 128_974_848],
    ["129e6", 129_000_000],
    ["123M", 123_000_000],
    ["1.5Gi", 1_610_612_736],
    ["0.5", 1],
    ["1Ki", 1024],
    ["2Ti", 2 * 1024 ** 4],
  ])("%s is %i bytes", (text, want) => {
    expect(parseMemoryBytes(text)).toBe(want);
  });
});

describe("malformed quantities", () => {
  it.each(["", "abc", "1x", "1 Gi", "1.2.3", "Mi", "--1", "1mi", "1e", "1e3m"])("rejects %j", (text) => {
    expect(isQuantity(text)).toBe(false);
    expect(parseCpuMillis(text)).toBeUndefined();
    expect(parseMemoryBytes(text)).toBeUndefined();
  });
});
