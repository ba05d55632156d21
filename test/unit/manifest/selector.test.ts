import { describe, expect, it } from "vitest";
import {
  formatSelector,
  matchesNodeSelectorTerms,
  matchesSelector,
  parseSelector,
} from "../../../src/manifest/selector.js";

describe("matchesSelector", () => {
  const labels = { app: "web", tier: "frontend" };

  it("matches everything with an empty selector", () => {
    expect(matchesSelector({}, labels)).toBe(true);
    expect(matchesSelector({}, {})).toBe(true);
  });

  it("ANDs matchLabels and matchExpressions", () => {
    expect(matchesSelector({ matchLabels: { app: "web" } }, labels)).toBe(true);
    expect(matchesSelector({ matchLabels: { app: "web", tier: "backend" } }, labels)).toBe(false);
    const tierIn = (values: string[]) => ({
      matchLabels: { app: "web" },
      matchExpressions: [{ key: "tier", operator: "In" as const, values }],
    });
    expect(matchesSelector(tierIn(["frontend", "edge"]), labels)).toBe(true);
    expect(matchesSelector(tierIn(["edge"]), labels)).toBe(false);
  });

  it("evaluates NotIn, Exists and DoesNotExist as Kubernetes does", () => {
    const one = (key: string, operator: "NotIn" | "Exists" | "DoesNotExist", values?: string[]) =>
      matchesSelector({ matchExpressions: [{ key, operator, ...(values ? { values } : {}) }] }, labels);
    expect(one("env", "NotIn", ["prod"])).toBe(true);
    expect(one("app", "NotIn", ["web"])).toBe(false);
    expect(one("app", "Exists")).toBe(true);
    expect(one("env", "Exists")).toBe(false);
    expect(one("env", "DoesNotExist")).toBe(true);
    expect(one("app", "DoesNotExist")).toBe(false);
  });
});

describe("node selector terms", () => {
  it("ORs terms, ANDs expressions, and supports Gt/Lt", () => {
    const node = { zone: "a", cores: "8" };
    expect(
      matchesNodeSelectorTerms(
        [
          { matchExpressions: [{ key: "zone", operator: "In", values: ["b"] }] },
          { matchExpressions: [{ key: "cores", operator: "Gt", values: ["4"] }] },
        ],
        node,
      ),
    ).toBe(true);
    expect(
      matchesNodeSelectorTerms(
        [{ matchExpressions: [{ key: "cores", operator: "Lt", values: ["4"] }] }],
        node,
      ),
    ).toBe(false);
    expect(matchesNodeSelectorTerms([{}], node)).toBe(false);
  });
});

describe("parseSelector / formatSelector", () => {
  it("parses kubectl's -l syntax", () => {
    expect(parseSelector("app=web,tier in (a, b),!legacy,env!=prod,track")).toEqual({
      matchLabels: { app: "web" },
      matchExpressions: [
        { key: "tier", operator: "In", values: ["a", "b"] },
        { key: "legacy", operator: "DoesNotExist" },
        { key: "env", operator: "NotIn", values: ["prod"] },
        { key: "track", operator: "Exists" },
      ],
    });
  });

  it("round-trips through formatSelector", () => {
    const s = "app=web,tier in (a,b),!legacy";
    expect(formatSelector(parseSelector(s))).toBe(s);
  });

  it("rejects malformed parts", () => {
    expect(() => parseSelector("a in b")).toThrow(/invalid label selector part "a in b"/);
  });
});
