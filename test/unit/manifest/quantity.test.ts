import { describe, expect, it } from "vitest";
import {
  bytes,
  canonicalQuantity,
  compareQuantities,
  cpuMillis,
  formatQuantity,
  MAX_QUANTITY_MILLI,
  parseQuantity,
} from "../../../src/manifest/quantity.js";
import { isBerthError } from "../../../src/util/errors.js";

function milli(s: string | number): bigint {
  const r = parseQuantity(s);
  if (!r.ok) throw new Error(`${String(s)}: ${r.reason}`);
  return r.value.milli;
}

describe("parseQuantity", () => {
  it.each([
    ["250m", 250n],
    ["0.5", 500n],
    ["1", 1000n],
    ["+1", 1000n],
    ["-1", -1000n],
    ["1.", 1000n],
    [".5", 500n],
    ["1k", 1_000_000n],
    ["1M", 1_000_000_000n],
    ["1G", 1_000_000_000_000n],
    ["1T", 10n ** 15n],
    ["1P", 10n ** 18n],
    ["1E", 10n ** 21n],
    ["1Ki", 1024_000n],
    ["64Mi", 67108864_000n],
    ["1Gi", 1073741824_000n],
    ["1Ti", 1024n ** 4n * 1000n],
    ["1Pi", 1024n ** 5n * 1000n],
    ["1Ei", 1024n ** 6n * 1000n],
    ["1e3", 1_000_000n],
    ["1E3", 1_000_000n],
    ["1e+3", 1_000_000n],
    ["12e-1", 1200n],
    ["1500Mi", 1500n * 1024n ** 2n * 1000n],
    [" 1Gi ", 1073741824_000n],
    ["0", 0n],
    ["0Mi", 0n],
    ["-0", 0n],
  ])("%s is %d thousandths", (s, expected) => {
    expect(milli(s)).toBe(expected);
  });

  it("accepts numbers as YAML gives them", () => {
    expect(milli(0.5)).toBe(500n);
    expect(milli(2)).toBe(2000n);
    expect(milli(1e9)).toBe(10n ** 12n);
    expect(milli(1e21)).toBe(MAX_QUANTITY_MILLI);
  });

  it.each([
    ["0.1m", 1n],
    ["0.0001", 1n],
    ["1.2345", 1235n],
    ["100n", 1n],
    ["1500u", 2n],
    ["1e-100", 1n],
    ["-0.1m", -1n],
  ])("rounds %s up to %d thousandths (at most three decimal places)", (s, expected) => {
    expect(milli(s)).toBe(expected);
  });

  it("caps magnitudes at 2^63-1", () => {
    expect(milli("9223372036854775807")).toBe(MAX_QUANTITY_MILLI);
    expect(milli("9223372036854775808")).toBe(MAX_QUANTITY_MILLI);
    expect(milli("8Ei")).toBe(MAX_QUANTITY_MILLI);
    expect(milli("1e100")).toBe(MAX_QUANTITY_MILLI);
    expect(milli("-1e100")).toBe(-MAX_QUANTITY_MILLI);
    expect(milli("7Ei")).toBe(7n * 1024n ** 6n * 1000n);
  });

  it.each([
    ["", "may not be empty"],
    [".", "at least one digit"],
    ["1K", "suffix"],
    ["1e", "suffix"],
    ["1Mb", "suffix"],
    ["1 Gi", "regular expression"],
    ["1.2.3", "regular expression"],
    ["abc", "at least one digit"],
    ["--1", "at least one digit"],
    ["1Gi5", "suffix"],
  ])("rejects %j (%s)", (s, reason) => {
    const r = parseQuantity(s);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(reason);
  });

  it("rejects non-finite numbers", () => {
    expect(parseQuantity(Number.NaN).ok).toBe(false);
    expect(parseQuantity(Number.POSITIVE_INFINITY).ok).toBe(false);
  });

  it("remembers the suffix family", () => {
    const fmt = (s: string) => {
      const r = parseQuantity(s);
      return r.ok ? r.value.format : undefined;
    };
    expect(fmt("1Gi")).toBe("BinarySI");
    expect(fmt("1G")).toBe("DecimalSI");
    expect(fmt("1e9")).toBe("DecimalExponent");
  });
});

describe("canonicalQuantity", () => {
  it.each([
    ["1000m", "1"],
    ["1024Mi", "1Gi"],
    ["0.5", "500m"],
    ["1e3", "1k"],
    ["1500Mi", "1500Mi"],
    ["250m", "250m"],
    ["64Mi", "64Mi"],
    ["1Gi", "1Gi"],
    ["1G", "1G"],
    ["1000", "1k"],
    ["1500", "1500"],
    ["1.5k", "1500"],
    ["1.5Gi", "1536Mi"],
    ["0.5Gi", "512Mi"],
    ["0.5Ki", "512"],
    ["1.5Ki", "1536"],
    ["2048Ki", "2Mi"],
    ["1048576", "1048576"],
    ["1024", "1024"],
    ["0.1m", "1m"],
    ["100n", "1m"],
    ["12e2", "1200"],
    ["1e-3", "1m"],
    ["5e18", "5E"],
    ["+1", "1"],
    ["-1Gi", "-1Gi"],
    ["-500m", "-500m"],
    ["0Mi", "0"],
    ["0.000", "0"],
    ["9223372036854775808", "9223372036854775807"],
    ["8Ei", "9223372036854775807"],
    ["1Ei", "1Ei"],
    ["1024Ei", "9223372036854775807"],
  ])("%s → %s", (s, expected) => {
    expect(canonicalQuantity(s)).toBe(expected);
  });

  it("canonicalises numbers", () => {
    expect(canonicalQuantity(0.5)).toBe("500m");
    expect(canonicalQuantity(2)).toBe("2");
    expect(canonicalQuantity(1e9)).toBe("1G");
  });

  it("is idempotent", () => {
    for (const s of ["1000m", "1.5Gi", "0.5", "1e3", "1500Mi", "0.1m", "1536", "-2k"]) {
      const once = canonicalQuantity(s);
      expect(canonicalQuantity(once)).toBe(once);
    }
  });

  it("throws a BerthError with E_QUANTITY for a bad quantity", () => {
    expect(() => canonicalQuantity("1x")).toThrow(/not a quantity/);
    try {
      canonicalQuantity("1x");
    } catch (e) {
      expect(isBerthError(e, "E_QUANTITY")).toBe(true);
    }
  });

  it("formats zero whatever its family", () => {
    expect(formatQuantity({ milli: 0n, format: "BinarySI" })).toBe("0");
  });
});

describe("cpuMillis, bytes, compareQuantities", () => {
  it("gives millicores", () => {
    expect(cpuMillis("250m")).toBe(250);
    expect(cpuMillis("0.5")).toBe(500);
    expect(cpuMillis(2)).toBe(2000);
    expect(cpuMillis("0.1m")).toBe(1);
    const q = parseQuantity("1.5");
    if (q.ok) expect(cpuMillis(q.value)).toBe(1500);
  });

  it("gives bytes, rounded up", () => {
    expect(bytes("64Mi")).toBe(67108864);
    expect(bytes("1Gi")).toBe(1073741824);
    expect(bytes("1G")).toBe(1e9);
    expect(bytes("1e3")).toBe(1000);
    expect(bytes("0.5")).toBe(1);
    expect(bytes("1500m")).toBe(2);
    expect(bytes("-1500m")).toBe(-2);
  });

  it("compares exactly across families", () => {
    expect(compareQuantities("1Gi", "1024Mi")).toBe(0);
    expect(compareQuantities("1G", "1Gi")).toBe(-1);
    expect(compareQuantities("2", "1")).toBe(1);
    expect(compareQuantities("1000m", 1)).toBe(0);
    expect(compareQuantities("9223372036854775807", "9223372036854775806")).toBe(1);
  });

  it("throws on unparsable input", () => {
    expect(() => cpuMillis("lots")).toThrow(/not a quantity/);
    expect(() => bytes("1K")).toThrow(/suffix/);
  });
});
