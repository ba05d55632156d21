import { describe, expect, it } from "vitest";
import { parseBool, parseEventQuery, parseKind, parseObjectQuery } from "../../../../src/daemon/api/query.js";
import { isBerthError } from "../../../../src/util/errors.js";

const q = (s: string) => new URLSearchParams(s);

function badRequest(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (isBerthError(e, "E_INVALID_REQUEST")) return e.message;
    throw e;
  }
  return undefined;
}

describe("API query parameters", () => {
  it("reads kinds by name, plural or short name in any case", () => {
    expect(parseKind("Deployment")).toBe("Deployment");
    expect(parseKind("deployments")).toBe("Deployment");
    expect(parseKind("deploy")).toBe("Deployment");
    expect(parseKind("ingresses")).toBe("Ingress");
    expect(parseKind("svc")).toBe("Service");
    expect(badRequest(() => parseKind("Widget"))).toMatch(/unknown kind "Widget"/);
  });

  it("parses object queries with selectors", () => {
    expect(parseObjectQuery(q("kind=pods&namespace=shop&selector=app%3Dweb,tier!%3Ddb"))).toEqual({
      kind: "Pod",
      namespace: "shop",
      selector: {
        matchLabels: { app: "web" },
        matchExpressions: [{ key: "tier", operator: "NotIn", values: ["db"] }],
      },
    });
    expect(parseObjectQuery(q(""))).toEqual({});
  });

  it("refuses unknown, repeated and empty parameters and bad selectors", () => {
    expect(badRequest(() => parseObjectQuery(q("selectr=a")))).toMatch(/unknown query parameter "selectr"/);
    expect(badRequest(() => parseObjectQuery(q("kind=Pod&kind=Service")))).toMatch(/given twice/);
    expect(badRequest(() => parseObjectQuery(q("name=")))).toMatch(/"name" is empty/);
    expect(badRequest(() => parseObjectQuery(q("selector=a%20in%20b")))).toMatch(/selector/);
    expect(badRequest(() => parseEventQuery(q("selector=a")))).toMatch(/unknown query parameter/);
  });

  it("parses flags", () => {
    expect(parseBool(q("wait"), "wait")).toBe(true);
    expect(parseBool(q("wait=true"), "wait")).toBe(true);
    expect(parseBool(q("wait=0"), "wait")).toBe(false);
    expect(parseBool(q(""), "wait")).toBe(false);
    expect(badRequest(() => parseBool(q("wait=yes"), "wait"))).toMatch(/true or false/);
  });
});
