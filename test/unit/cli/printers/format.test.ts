import { describe, expect, it } from "vitest";
import {
  containerCells,
  formatLabels,
  formatSelector,
  orNone,
  printBool,
  rfc1123z,
  selectorString,
} from "../../../../src/cli/printers/format.js";

describe("cell formatting", () => {
  it("formatLabels sorts by key and prints <none> for no labels", () => {
    expect(formatLabels({ tier: "web", app: "shop" })).toBe("app=shop,tier=web");
    expect(formatLabels({})).toBe("<none>");
    expect(formatLabels(undefined)).toBe("<none>");
  });

  it("selectorString prints requirements sorted by key, set values sorted", () => {
    expect(
      selectorString({
        matchLabels: { tier: "web" },
        matchExpressions: [
          { key: "env", operator: "In", values: ["prod", "dev"] },
          { key: "canary", operator: "DoesNotExist" },
          { key: "zone", operator: "NotIn", values: ["b"] },
          { key: "app", operator: "Exists" },
        ],
      }),
    ).toBe("app,!canary,env in (dev,prod),tier=web,zone notin (b)");
    expect(selectorString({})).toBe("");
    expect(selectorString(undefined)).toBe("");
  });

  it("formatSelector prints <none> for an empty selector", () => {
    expect(formatSelector({})).toBe("<none>");
    expect(formatSelector({ matchLabels: { app: "web" } })).toBe("app=web");
  });

  it("rfc1123z prints Go's RFC1123Z in UTC", () => {
    expect(rfc1123z("2026-11-26T10:00:02Z")).toBe("Thu, 26 Nov 2026 10:00:02 +0000");
    expect(rfc1123z("2026-01-04T23:59:59.5Z")).toBe("Sun, 04 Jan 2026 23:59:59 +0000");
    expect(rfc1123z(undefined)).toBe("<unknown>");
    expect(rfc1123z("yesterday")).toBe("<unknown>");
  });

  it("small helpers", () => {
    expect(orNone("")).toBe("<none>");
    expect(orNone(undefined)).toBe("<none>");
    expect(orNone("x")).toBe("x");
    expect(printBool(true)).toBe("True");
    expect(printBool(undefined)).toBe("False");
    expect(
      containerCells([
        { name: "web", image: "web:1" },
        { name: "proxy", image: "envoy:2" },
      ]),
    ).toEqual({ names: "web,proxy", images: "web:1,envoy:2" });
  });
});
