import { describe, expect, it } from "vitest";
import { parseRequestTarget } from "../../../../src/network/ingress/request-target.js";

describe("parseRequestTarget", () => {
  it("origin-form: Host header and the path without query", () => {
    expect(parseRequestTarget("/a/%61?x=1&token=s", "Demo.example.com:8080")).toEqual({
      host: "demo.example.com",
      hostHeader: "Demo.example.com:8080",
      path: "/a/%61",
      matchPath: "/a/a",
      upstreamTarget: "/a/%61?x=1&token=s",
    });
  });

  it("absolute-form: the authority wins over Host (RFC 9112 3.2.2), userinfo dropped", () => {
    const t = parseRequestTarget("http://user:pw@Other.example.com:81/p?q", "ignored.example.com");
    expect(t).toMatchObject({
      host: "other.example.com",
      hostHeader: "Other.example.com:81",
      path: "/p",
      upstreamTarget: "/p?q",
    });
    expect(parseRequestTarget("https://a.com", undefined)).toMatchObject({
      host: "a.com",
      path: "/",
      upstreamTarget: "/",
    });
    expect(parseRequestTarget("http://a.com?x", undefined)).toMatchObject({
      path: "/",
      upstreamTarget: "/?x",
    });
  });

  it("no Host at all", () => {
    expect(parseRequestTarget("/", undefined)).toMatchObject({ host: "", hostHeader: undefined });
  });
});
