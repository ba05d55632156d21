import { describe, expect, it } from "vitest";
import { formatListenAddress, parseListenAddress } from "../../../../src/network/ingress/listen-address.js";
import { isBerthError } from "../../../../src/util/errors.js";

describe("parseListenAddress", () => {
  it.each([
    ["127.0.0.1:8080", { host: "127.0.0.1", port: 8080 }],
    ["[::1]:8443", { host: "::1", port: 8443 }],
    [":8080", { host: "", port: 8080 }],
    ["8080", { host: "", port: 8080 }],
    ["localhost:0", { host: "localhost", port: 0 }],
  ])("%s", (text, want) => {
    expect(parseListenAddress(text, "ingress.http")).toEqual(want);
  });

  it.each(["", "127.0.0.1", "::1:80", "host:port", "1.2.3.4:70000"])("rejects %j", (text) => {
    let caught: unknown;
    try {
      parseListenAddress(text, "ingress.https");
    } catch (e) {
      caught = e;
    }
    expect(isBerthError(caught, "E_CONFIG_INVALID")).toBe(true);
    expect((caught as Error).message).toBe(`ingress.https: "${text}" is not a listen address`);
  });

  it("formats IPv6 with brackets", () => {
    expect(formatListenAddress({ host: "::1", port: 1 })).toBe("[::1]:1");
    expect(formatListenAddress({ host: "127.0.0.1", port: 1 })).toBe("127.0.0.1:1");
    expect(formatListenAddress({ host: "", port: 80 })).toBe(":80");
  });
});
