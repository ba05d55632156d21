import { describe, expect, it } from "vitest";
import {
  clientAddress,
  clientResponseHeaders,
  upstreamRequestHeaders,
  type ForwardInfo,
} from "../../../../src/network/ingress/forwarded.js";

const info: ForwardInfo = {
  clientAddress: "10.1.2.3",
  proto: "https",
  localPort: 8443,
  requestId: "req-1",
  fallbackHost: "127.0.0.1:9000",
  upgrade: false,
};

function pairs(raw: string[]): [string, string][] {
  const out: [string, string][] = [];
  for (let i = 0; i < raw.length; i += 2) out.push([raw[i] ?? "", raw[i + 1] ?? ""]);
  return out;
}

describe("upstreamRequestHeaders", () => {
  it("keeps Host and end-to-end headers, adds X-Forwarded-* and a request id", () => {
    const out = upstreamRequestHeaders(
      ["Host", "Shop.example.com:8443", "Accept", "*/*", "Cookie", "a=1"],
      info,
    );
    expect(pairs(out)).toEqual([
      ["Host", "Shop.example.com:8443"],
      ["Accept", "*/*"],
      ["Cookie", "a=1"],
      ["X-Request-ID", "req-1"],
      ["X-Forwarded-For", "10.1.2.3"],
      ["X-Real-IP", "10.1.2.3"],
      ["X-Forwarded-Proto", "https"],
      ["X-Forwarded-Host", "Shop.example.com:8443"],
      ["X-Forwarded-Port", "8443"],
    ]);
  });

  it("appends to every X-Forwarded-For the client sent, and overrides proto/host/port", () => {
    const out = pairs(
      upstreamRequestHeaders(
        [
          "host",
          "a",
          "x-forwarded-for",
          "1.1.1.1, 2.2.2.2",
          "X-Forwarded-For",
          "3.3.3.3",
          "X-Forwarded-Proto",
          "https",
          "X-Forwarded-Host",
          "evil",
          "X-Forwarded-Port",
          "1",
          "X-Real-IP",
          "4.4.4.4",
          "X-Request-ID",
          "client-id",
        ],
        { ...info, proto: "http" },
      ),
    );
    expect(out.filter(([n]) => n.toLowerCase() === "x-forwarded-for")).toEqual([
      ["X-Forwarded-For", "1.1.1.1, 2.2.2.2, 3.3.3.3, 10.1.2.3"],
    ]);
    expect(out.filter(([n]) => /^x-(forwarded-(proto|host|port)|real-ip)$/i.test(n))).toEqual([
      ["X-Real-IP", "10.1.2.3"],
      ["X-Forwarded-Proto", "http"],
      ["X-Forwarded-Host", "a"],
      ["X-Forwarded-Port", "8443"],
    ]);
    expect(out.filter(([n]) => n.toLowerCase() === "x-request-id")).toEqual([["X-Request-ID", "client-id"]]);
  });

  it("drops hop-by-hop headers and the headers Connection names", () => {
    const out = pairs(
      upstreamRequestHeaders(
        [
          "Host",
          "a",
          "Connection",
          "keep-alive, X-Secret-Hop",
          "Keep-Alive",
          "timeout=5",
          "X-Secret-Hop",
          "1",
          "Proxy-Authorization",
          "Basic x",
          "Proxy-Connection",
          "keep-alive",
          "TE",
          "trailers",
          "Trailer",
          "Expires",
          "Upgrade",
          "h2c",
          "Expect",
          "100-continue",
          "Authorization",
          "Bearer kept",
        ],
        info,
      ),
    );
    expect(out.map(([n]) => n).slice(0, 2)).toEqual(["Host", "Authorization"]);
    expect(
      out.some(([n]) => /connection|keep-alive|secret-hop|proxy|^te$|trailer|upgrade|expect/i.test(n)),
    ).toBe(false);
  });

  it("leaves body framing to the transport", () => {
    const out = pairs(
      upstreamRequestHeaders(["Host", "a", "Transfer-Encoding", "chunked", "Content-Length", "5"], info),
    );
    expect(out.filter(([n]) => /transfer-encoding/i.test(n))).toEqual([]);
    expect(out).toContainEqual(["Content-Length", "5"]);
  });

  it("keeps Connection and Upgrade for a WebSocket handshake", () => {
    const out = pairs(
      upstreamRequestHeaders(
        ["Host", "a", "Connection", "Upgrade", "Upgrade", "websocket", "Sec-WebSocket-Key", "k"],
        { ...info, upgrade: true },
      ),
    );
    expect(out.slice(0, 4)).toEqual([
      ["Host", "a"],
      ["Connection", "Upgrade"],
      ["Upgrade", "websocket"],
      ["Sec-WebSocket-Key", "k"],
    ]);
  });

  it("adds Host and X-Forwarded-Host from the endpoint when the client sent none (HTTP/1.0)", () => {
    const out = pairs(upstreamRequestHeaders([], info));
    expect(out).toContainEqual(["Host", "127.0.0.1:9000"]);
    expect(out).toContainEqual(["X-Forwarded-Host", "127.0.0.1:9000"]);
  });
});

describe("clientResponseHeaders", () => {
  it("keeps repeated Set-Cookie and drops hop-by-hop headers", () => {
    const out = clientResponseHeaders([
      "Set-Cookie",
      "a=1",
      "Connection",
      "keep-alive, X-Hop",
      "X-Hop",
      "1",
      "Set-Cookie",
      "b=2",
      "Transfer-Encoding",
      "chunked",
      "Keep-Alive",
      "timeout=5",
      "Content-Type",
      "text/plain",
    ]);
    expect(pairs(out)).toEqual([
      ["Set-Cookie", "a=1"],
      ["Set-Cookie", "b=2"],
      ["Content-Type", "text/plain"],
    ]);
  });

  it("takes undici's Buffers (latin1), dropping a header named in Connection before or after it", () => {
    const raw = [
      "X-Before",
      "1",
      "Content-Type",
      "text/plain; charset=\u00e9",
      "CONNECTION",
      "X-Before , x-after",
      "Keep-Alive",
      "timeout=5",
      "Set-Cookie",
      "a=1",
      "X-After",
      "2",
      "Date",
      "Thu, 27 Nov 2026 05:00:00 GMT",
    ].map((s) => Buffer.from(s, "latin1"));
    expect(pairs(clientResponseHeaders(raw))).toEqual([
      ["Content-Type", "text/plain; charset=\u00e9"],
      ["Set-Cookie", "a=1"],
      ["Date", "Thu, 27 Nov 2026 05:00:00 GMT"],
    ]);
  });

  it("keeps every end-to-end header when Connection only says keep-alive or close", () => {
    for (const connection of ["keep-alive", "Keep-Alive", "close"]) {
      const raw = ["Connection", connection, "Content-Length", "3", "ETag", '"x"'].map((s) => Buffer.from(s));
      expect(pairs(clientResponseHeaders(raw))).toEqual([
        ["Content-Length", "3"],
        ["ETag", '"x"'],
      ]);
    }
  });
});

describe("clientAddress", () => {
  it("unwraps IPv4-mapped IPv6 addresses", () => {
    expect(clientAddress("::ffff:127.0.0.1")).toBe("127.0.0.1");
    expect(clientAddress("::1")).toBe("::1");
    expect(clientAddress(undefined)).toBe("");
  });
});
