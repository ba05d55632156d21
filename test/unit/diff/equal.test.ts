import { describe, expect, it } from "vitest";
import { deepEqual } from "../../../src/diff/equal.js";

describe("deepEqual", () => {
  it("compares leaves by value, strings by content", () => {
    const built = ["we", "b"].join("");
    expect(deepEqual("web", built)).toBe(true);
    expect(deepEqual(1, 1)).toBe(true);
    expect(deepEqual(1, "1")).toBe(false);
    expect(deepEqual(null, null)).toBe(true);
    expect(deepEqual(null, {})).toBe(false);
    expect(deepEqual({}, null)).toBe(false);
    expect(deepEqual(true, false)).toBe(false);
  });

  it("ignores map key order but not list order", () => {
    expect(deepEqual({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 })).toBe(true);
    expect(deepEqual({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
    expect(deepEqual([{ a: 1 }], [{ a: 1 }, { a: 1 }])).toBe(false);
    expect(deepEqual([], {})).toBe(false);
    expect(deepEqual({}, [])).toBe(false);
  });

  it("treats a key holding undefined as absent, on either side and at any depth", () => {
    expect(deepEqual({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(deepEqual({ a: 1 }, { a: 1, b: undefined })).toBe(true);
    expect(deepEqual({ x: { a: undefined } }, { x: {} })).toBe(true);
    expect(deepEqual({ a: undefined }, { a: null })).toBe(false);
    expect(deepEqual({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(deepEqual({ a: 1, b: 2 }, { a: 1 })).toBe(false);
  });

  it("finds a difference in a member of a list or map, whether a leaf or nested", () => {
    const base = { spec: { containers: [{ name: "web", ports: [{ containerPort: 80 }] }] } };
    const leaf = { spec: { containers: [{ name: "api", ports: [{ containerPort: 80 }] }] } };
    const nested = { spec: { containers: [{ name: "web", ports: [{ containerPort: 81 }] }] } };
    const kind = { spec: { containers: [{ name: "web", ports: { containerPort: 80 } }] } };
    expect(deepEqual(base, structuredClone(base))).toBe(true);
    for (const other of [leaf, nested, kind]) {
      expect(deepEqual(base, other)).toBe(false);
      expect(deepEqual(other, base)).toBe(false);
    }
    expect(deepEqual([1, "a", { b: [2] }], [1, "a", { b: [2] }])).toBe(true);
    expect(deepEqual([1, "a", { b: [2] }], [1, "a", { b: [3] }])).toBe(false);
  });
});
