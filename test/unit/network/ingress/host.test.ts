import { describe, expect, it } from "vitest";
import {
  hostFromHeader,
  hostMatches,
  normalizeHost,
  wildcardFor,
} from "../../../../src/network/ingress/host.js";

describe("hostFromHeader", () => {
  it.each([
    ["example.com", "example.com"],
    ["Example.COM:8080", "example.com"],
    ["example.com.", "example.com"],
    ["[::1]:443", "[::1]"],
    ["[::1]", "[::1]"],
    ["127.0.0.1:80", "127.0.0.1"],
    ["  foo.bar  ", "foo.bar"],
    ["", ""],
  ])("%j → %j", (header, host) => {
    expect(hostFromHeader(header)).toBe(host);
  });

  it("is empty without a header", () => {
    expect(hostFromHeader(undefined)).toBe("");
  });
});

describe("wildcard hosts (Kubernetes: * matches exactly one label)", () => {
  it.each([
    ["*.foo.com", "bar.foo.com", true],
    ["*.foo.com", "baz.bar.foo.com", false],
    ["*.foo.com", "foo.com", false],
    ["*.foo.com", "barfoo.com", false],
    ["foo.bar.com", "foo.bar.com", true],
    ["foo.bar.com", "bar.com", false],
    ["foo.bar.com", "x.foo.bar.com", false],
  ])("%s vs %s → %s", (pattern, host, expected) => {
    expect(hostMatches(pattern, host)).toBe(expected);
  });

  it("wildcardFor replaces the first label only", () => {
    expect(wildcardFor("a.b.example.com")).toBe("*.b.example.com");
    expect(wildcardFor("localhost")).toBeUndefined();
    expect(wildcardFor("[::1]")).toBeUndefined();
    expect(wildcardFor(".com")).toBeUndefined();
  });

  it("normalizeHost lower-cases and drops the root dot", () => {
    expect(normalizeHost("Demo-App.K8s.Fscker.org.")).toBe("demo-app.k8s.fscker.org");
  });
});
