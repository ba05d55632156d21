import { describe, expect, it } from "vitest";
import {
  normalizeRequestPath,
  prefixKey,
  prefixMatches,
  removeDotSegments,
} from "../../../../src/network/ingress/paths.js";

// The single-path rows of the "Examples" table in the Kubernetes Ingress documentation.
describe("Prefix matching (Kubernetes docs examples)", () => {
  it.each([
    ["/", "/anything/at/all", true],
    ["/foo", "/foo", true],
    ["/foo", "/foo/", true],
    ["/foo/", "/foo", true],
    ["/foo/", "/foo/", true],
    ["/aaa/bb", "/aaa/bbb", false],
    ["/aaa/bbb", "/aaa/bbb", true],
    ["/aaa/bbb/", "/aaa/bbb", true],
    ["/aaa/bbb", "/aaa/bbb/", true],
    ["/aaa/bbb", "/aaa/bbb/ccc", true],
    ["/aaa/bbb", "/aaa/bbbxyz", false],
    ["/aaa", "/ccc", false],
    ["/foo", "/foobar", false],
    ["/foo", "/Foo", false],
  ])("Prefix %s, request %s → %s", (rulePath, path, expected) => {
    expect(prefixMatches(prefixKey(rulePath), path)).toBe(expected);
  });

  it("prefixKey drops every trailing slash; / becomes the empty key", () => {
    expect(prefixKey("/")).toBe("");
    expect(prefixKey("/foo//")).toBe("/foo");
    expect(prefixKey("/foo")).toBe("/foo");
  });
});

describe("normalizeRequestPath", () => {
  it.each([
    ["", "/"],
    ["/", "/"],
    ["/foo/bar", "/foo/bar"],
    ["/%61pi", "/api"],
    ["/%7Euser", "/~user"],
    ["/a%2Fb", "/a%2Fb"],
    ["/a%20b", "/a%20b"],
    ["/api/../admin", "/admin"],
    ["/%2e%2e/admin", "/admin"],
    ["/a/./b", "/a/b"],
    ["/a/b/..", "/a/"],
    ["/a/b/.", "/a/b/"],
    ["/..", "/"],
    ["/foo.bar/..baz", "/foo.bar/..baz"],
  ])("%j → %j", (raw, normalized) => {
    expect(normalizeRequestPath(raw)).toBe(normalized);
  });

  it("removeDotSegments follows RFC 3986 5.2.4", () => {
    expect(removeDotSegments("/a/b/c/./../../g")).toBe("/a/g");
    expect(removeDotSegments("/mid/content=5/../6")).toBe("/mid/6");
  });
});
