// Forwarding end to end: headers as the backend receives them, streaming, load balancing,
// retries, 502/504 and the access log.

import http from "node:http";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ingress, rule, svcPath } from "../../support/ingress-objects.js";
import {
  deadEndpoint,
  deadPort,
  echoed,
  request,
  startBackend,
  startIngress,
  until,
  type Backend,
  type RunningIngress,
} from "./harness.js";

let ing: RunningIngress;
const started: Backend[] = [];

async function backend(name: string, handler?: Parameters<typeof startBackend>[1]): Promise<Backend> {
  const b = await startBackend(name, handler);
  started.push(b);
  return b;
}

/** An Ingress for `<name>.test` → service `name` port http. */
function route(name: string): void {
  ing.store.create(ingress(name, [rule(`${name}.test`, svcPath("/", "Prefix", name, "http"))]));
}

beforeAll(async () => {
  ing = await startIngress({ upstreamTimeoutMs: 10_000 });
});

afterEach(() => {
  ing.logs.length = 0;
});

afterAll(async () => {
  await ing.stop();
  await Promise.all(started.map((b) => b.close()));
});

describe("headers", () => {
  it("the backend sees Host preserved, X-Forwarded-* set and hop-by-hop headers gone", async () => {
    const b = await backend("fwd");
    ing.resolver.set("default", "fwd", [{ name: "http", port: 80, endpoints: [b.endpoint] }]);
    route("fwd");
    const r = await request(ing.httpPort, {
      host: "fwd.test:8080",
      path: "/p",
      headers: {
        "X-Forwarded-For": "203.0.113.9",
        "X-Forwarded-Proto": "https",
        Connection: "keep-alive, X-Hop",
        "X-Hop": "secret",
        "Keep-Alive": "timeout=3",
        "X-End-To-End": "kept",
      },
    });
    const h = echoed(r).headers;
    expect(h.host).toBe("fwd.test:8080");
    expect(h["x-forwarded-for"]).toBe("203.0.113.9, 127.0.0.1");
    expect(h["x-real-ip"]).toBe("127.0.0.1");
    expect(h["x-forwarded-proto"]).toBe("http");
    expect(h["x-forwarded-host"]).toBe("fwd.test:8080");
    expect(h["x-forwarded-port"]).toBe(String(ing.httpPort));
    expect(h["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(h["x-end-to-end"]).toBe("kept");
    expect(h["x-hop"]).toBeUndefined();
    expect(h["keep-alive"]).toBeUndefined();
  });

  it("the client sees the backend's headers (repeated Set-Cookie included) without hop-by-hop ones", async () => {
    const b = await backend("cookies", (_req, res) => {
      res.writeHead(201, "Made", [
        "Set-Cookie",
        "a=1",
        "Set-Cookie",
        "b=2",
        "Connection",
        "X-Internal",
        "X-Internal",
        "1",
        "Content-Type",
        "text/plain",
      ]);
      res.end("ok");
    });
    ing.resolver.set("default", "cookies", [{ name: "http", port: 80, endpoints: [b.endpoint] }]);
    route("cookies");
    const r = await request(ing.httpPort, { host: "cookies.test" });
    expect(r.status).toBe(201);
    expect(r.headers["set-cookie"]).toEqual(["a=1", "b=2"]);
    expect(r.headers["x-internal"]).toBeUndefined();
    expect(r.body).toBe("ok");
  });
});

describe("bodies", () => {
  it("streams both ways: each request chunk comes back before the next is sent", async () => {
    const b = await backend("stream", (req, res) => {
      res.writeHead(200, { "Content-Type": "application/octet-stream" });
      res.flushHeaders();
      req.on("data", (c: Buffer) => res.write(c));
      req.on("end", () => res.end("|end"));
    });
    ing.resolver.set("default", "stream", [{ name: "http", port: 80, endpoints: [b.endpoint] }]);
    route("stream");
    const received = await new Promise<string>((resolve, reject) => {
      const chunks = ["one", "two", "three"];
      let got = "";
      const req = http.request(
        {
          host: "127.0.0.1",
          port: ing.httpPort,
          method: "POST",
          path: "/",
          headers: { host: "stream.test" },
          agent: false,
        },
        (res) => {
          res.on("data", (c: Buffer) => {
            got += c.toString();
            const next = chunks.shift();
            if (next !== undefined) req.write(next);
            else if (!got.endsWith("|end")) req.end();
          });
          res.on("end", () => resolve(got));
        },
      );
      req.on("error", reject);
      req.flushHeaders();
      req.write(chunks.shift() ?? "");
    });
    expect(received).toBe("onetwothree|end");
  }, 10_000);

  it("forwards a 2 MB upload and download intact", async () => {
    const b = await backend("big");
    ing.resolver.set("default", "big", [{ name: "http", port: 80, endpoints: [b.endpoint] }]);
    route("big");
    const payload = "x".repeat(2 * 1024 * 1024);
    const r = await request(ing.httpPort, { host: "big.test", method: "PUT", body: payload });
    expect(echoed(r).body.length).toBe(payload.length);
    expect(echoed(r).headers["content-length"]).toBe(String(payload.length));
  });

  it("forwards bodies of methods that rarely carry one (GET with a search query)", async () => {
    const b = await backend("getbody");
    ing.resolver.set("default", "getbody", [{ name: "http", port: 80, endpoints: [b.endpoint] }]);
    route("getbody");
    for (const method of ["GET", "DELETE", "OPTIONS"]) {
      const r = await request(ing.httpPort, { host: "getbody.test", method, body: '{"query":{}}' });
      expect(echoed(r)).toMatchObject({ method, body: '{"query":{}}' });
    }
  });

  it("a client that goes away aborts the request to the backend", async () => {
    let closed = false;
    const b = await backend("slowbody", (_req, res) => {
      res.writeHead(200);
      res.write("first");
      res.on("close", () => {
        closed = true;
      });
    });
    ing.resolver.set("default", "slowbody", [{ name: "http", port: 80, endpoints: [b.endpoint] }]);
    route("slowbody");
    await new Promise<void>((resolve) => {
      const req = http.get(
        { host: "127.0.0.1", port: ing.httpPort, headers: { host: "slowbody.test" }, agent: false },
        (res) => {
          res.once("data", () => {
            req.destroy();
            resolve();
          });
        },
      );
      req.on("error", () => undefined);
    });
    await until(() => closed && ing.logs.length === 1);
    expect(ing.logs[0]).toMatchObject({ status: 200, aborted: true, bytes: 5 });
  });
});

describe("clients that leave early", () => {
  it("leaving before any response aborts the backend request and is logged as 499", async () => {
    let backendClosed = false;
    const b = await backend("never", (req) => {
      req.on("close", () => {
        backendClosed = true;
      });
    });
    ing.resolver.set("default", "never", [{ name: "http", port: 80, endpoints: [b.endpoint] }]);
    route("never");
    const req = http.get({
      host: "127.0.0.1",
      port: ing.httpPort,
      headers: { host: "never.test" },
      agent: false,
    });
    req.on("error", () => undefined);
    await until(() => b.seen.length === 1);
    req.destroy();
    await until(() => backendClosed && ing.logs.length === 1);
    expect(ing.logs[0]).toMatchObject({ status: 499, aborted: true, upstream: `127.0.0.1:${b.port}` });
  });
});

describe("load balancing and retries", () => {
  it("round-robins across endpoints", async () => {
    const bs = await Promise.all(["rr-a", "rr-b", "rr-c"].map((n) => backend(n)));
    ing.resolver.set("default", "rr", [{ name: "http", port: 80, endpoints: bs.map((b) => b.endpoint) }]);
    route("rr");
    const order: string[] = [];
    for (let i = 0; i < 6; i += 1)
      order.push(echoed(await request(ing.httpPort, { host: "rr.test" })).backend);
    expect(order).toEqual(["rr-a", "rr-b", "rr-c", "rr-a", "rr-b", "rr-c"]);
  });

  it("a refused connection is retried on another endpoint, for any method", async () => {
    const live = await backend("retry-live");
    ing.resolver.set("default", "retry", [
      { name: "http", port: 80, endpoints: [deadEndpoint(await deadPort()), live.endpoint] },
    ]);
    route("retry");
    const r = await request(ing.httpPort, { host: "retry.test", method: "POST", body: "payload" });
    expect(r.status).toBe(200);
    expect(echoed(r)).toMatchObject({ backend: "retry-live", body: "payload" });
    await until(() => ing.logs.length === 1);
    expect(ing.logs[0]).toMatchObject({ status: 200, attempts: 2, upstream: `127.0.0.1:${live.port}` });
    // The dead endpoint now goes last: later requests reach the live one first.
    for (let i = 0; i < 3; i += 1)
      expect((await request(ing.httpPort, { host: "retry.test" })).status).toBe(200);
    await until(() => ing.logs.length === 4);
    expect(ing.logs.slice(1).map((l) => l.attempts)).toEqual([1, 1, 1]);
  });

  it("a reset before any response byte is retried for GET, not for a POST with a body", async () => {
    const resetting = (): Parameters<typeof startBackend>[1] => (req) => req.socket.destroy();
    const getReset = await backend("reset-get-a", resetting());
    const getGood = await backend("reset-get-b");
    ing.resolver.set("default", "reset-get", [
      { name: "http", port: 80, endpoints: [getReset.endpoint, getGood.endpoint] },
    ]);
    route("reset-get");
    const g = await request(ing.httpPort, { host: "reset-get.test" });
    expect(echoed(g).backend).toBe("reset-get-b");
    expect(getReset.seen).toHaveLength(1);

    const postReset = await backend("reset-post-a", resetting());
    const postGood = await backend("reset-post-b");
    ing.resolver.set("default", "reset-post", [
      { name: "http", port: 80, endpoints: [postReset.endpoint, postGood.endpoint] },
    ]);
    route("reset-post");
    const p = await request(ing.httpPort, { host: "reset-post.test", method: "POST", body: "charge card" });
    expect(p.status).toBe(502);
    expect(p.body).toMatch(
      new RegExp(
        `^502 Bad Gateway: no endpoint of service default/reset-post:http answered: 127\\.0\\.0\\.1:${postReset.port} connection`,
      ),
    );
    expect(postGood.seen).toHaveLength(0);
  });

  it("a service's only endpoint gets a second try after a broken keep-alive connection, for GET", async () => {
    let first = true;
    const flaky = await backend("flaky", (req, res, b) => {
      if (first) {
        first = false;
        req.socket.destroy();
        return;
      }
      res.end(b.name);
    });
    ing.resolver.set("default", "flaky", [{ name: "http", port: 80, endpoints: [flaky.endpoint] }]);
    route("flaky");
    const r = await request(ing.httpPort, { host: "flaky.test" });
    expect(r).toMatchObject({ status: 200, body: "flaky" });
    expect(flaky.seen).toHaveLength(2);
    await until(() => ing.logs.length === 1);
    expect(ing.logs[0]).toMatchObject({ attempts: 2, status: 200 });
  });

  it("502 naming every endpoint when none can be reached", async () => {
    const [p1, p2] = [await deadPort(), await deadPort()];
    ing.resolver.set("default", "gone", [
      { name: "http", port: 80, endpoints: [deadEndpoint(p1), deadEndpoint(p2)] },
    ]);
    route("gone");
    const r = await request(ing.httpPort, { host: "gone.test", path: "/x" });
    expect(r.status).toBe(502);
    expect(r.body).toBe(
      `502 Bad Gateway: no endpoint of service default/gone:http answered: 127.0.0.1:${p1} connection refused; ` +
        `127.0.0.1:${p2} connection refused\n`,
    );
  });

  it("504 when the backend does not answer in time, without retrying elsewhere", async () => {
    const quick = await startIngress({ upstreamTimeoutMs: 300 });
    try {
      const silent = [await backend("silent-a", () => undefined), await backend("silent-b", () => undefined)];
      quick.resolver.set("default", "slow", [
        { name: "http", port: 80, endpoints: silent.map((b) => b.endpoint) },
      ]);
      quick.store.create(ingress("slow", [rule("slow.test", svcPath("/", "Prefix", "slow", "http"))]));
      const t0 = Date.now();
      const r = await request(quick.httpPort, { host: "slow.test" });
      expect(r.status).toBe(504);
      expect(r.body).toBe(
        `504 Gateway Timeout: service default/slow:http endpoint 127.0.0.1:${silent[0]?.port ?? 0} did not answer within 300 ms\n`,
      );
      expect(Date.now() - t0).toBeLessThan(2000);
      expect(silent.map((b) => b.seen.length)).toEqual([1, 0]);
    } finally {
      await quick.stop();
    }
  });
});

describe("failures inside berth", () => {
  it("500 when the endpoint resolver throws", async () => {
    ing.resolver.set("default", "buggy", [{ name: "http", port: 80, endpoints: [] }]);
    ing.resolver.breakService("default", "buggy", "endpoints index corrupt");
    route("buggy");
    const r = await request(ing.httpPort, { host: "buggy.test" });
    expect(r.status).toBe(500);
    expect(r.body).toBe(
      "500 Internal Server Error: cannot resolve service default/buggy:http: endpoints index corrupt\n",
    );
  });
});

describe("access log", () => {
  it("writes one structured line per request, without credentials or query", async () => {
    const b = await backend("logged");
    ing.resolver.set("default", "logged", [{ name: "http", port: 80, endpoints: [b.endpoint] }]);
    route("logged");
    const r = await request(ing.httpPort, {
      host: "logged.test",
      path: "/a/b?token=s3cr3t",
      headers: { Authorization: "Bearer s3cr3t", Cookie: "session=s3cr3t", "User-Agent": "vitest" },
    });
    await request(ing.httpPort, { host: "nothing.test", path: "/none" });
    await until(() => ing.logs.length === 2);
    const [ok, missing] = ing.logs;
    expect(ok).toMatchObject({
      msg: "ingress request",
      remoteAddress: "127.0.0.1",
      method: "GET",
      host: "logged.test",
      path: "/a/b",
      protocol: "http",
      status: 200,
      upstreamStatus: 200,
      bytes: Buffer.byteLength(r.body),
      upstream: `127.0.0.1:${b.port}`,
      attempts: 1,
      ingress: "default/logged",
      service: "default/logged:http",
      userAgent: "vitest",
    });
    expect(ok?.durationMs).toBeGreaterThan(0);
    expect(ok?.time).toBeGreaterThan(Date.now() - 60_000);
    expect(JSON.stringify(ing.logs)).not.toContain("s3cr3t");
    expect(missing).toMatchObject({
      status: 404,
      path: "/none",
      error: '404 Not Found: no Ingress rule matches host "nothing.test" path "/none"',
    });
    expect(missing?.upstream).toBeUndefined();
  });
});
