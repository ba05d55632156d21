import { describe, expect, it } from "vitest";
import { hasNullField, withoutNullFields } from "../../../src/manifest/nulls.js";

describe("null fields", () => {
  it("finds a null field at any depth", () => {
    expect(hasNullField({ a: { b: [{ c: 1 }, { d: null }] } })).toBe(true);
    expect(hasNullField({ a: { b: [{ c: 1 }, null] } })).toBe(false);
    expect(hasNullField(null)).toBe(false);
    expect(hasNullField("x")).toBe(false);
  });

  it("drops null fields, keeps null list items, and leaves the input alone", () => {
    const doc = { metadata: { name: "x", creationTimestamp: null }, spec: { args: ["a", null], env: null } };
    expect(withoutNullFields(doc)).toEqual({ metadata: { name: "x" }, spec: { args: ["a", null] } });
    expect(doc.metadata.creationTimestamp).toBeNull();
  });

  it("keeps a __proto__ key a plain field", () => {
    const doc = JSON.parse('{"labels": {"__proto__": "x", "gone": null}}') as Record<string, unknown>;
    const out = withoutNullFields(doc) as { labels: Record<string, unknown> };
    expect(Object.keys(out.labels)).toEqual(["__proto__"]);
    expect(Object.getPrototypeOf(out.labels)).toBe(Object.prototype);
  });
});
