// WebSocket through the ingress: a real `ws` echo server behind it, a real `ws` client in front.

import type http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket, { WebSocketServer } from "ws";
import { ingress, rule, svcPath } from "../../support/ingress-objects.js";
import {
  deadEndpoint,
  deadPort,
  startBackend,
  startIngress,
  until,
  type Backend,
  type RunningIngress,
} from "./harness.js";

let ing: RunningIngress;
let echoBackend: Backend;
let refusing: Backend;
let wss: WebSocketServer;
const upgradeHeaders: http.IncomingHttpHeaders[] = [];

beforeAll(async () => {
  ing = await startIngress();
  echoBackend = await startBackend("ws-echo", (_req, res) => {
    res.writeHead(426, { "Content-Type": "text/plain" });
    res.end("upgrade required");
  });
  wss = new WebSocketServer({ server: echoBackend.server });
  wss.on("connection", (socket, req) => {
    upgradeHeaders.push(req.headers);
    socket.on("message", (data, isBinary) => socket.send(data, { binary: isBinary }));
  });
  refusing = await startBackend("ws-refusing", (_req, res) => {
    res.writeHead(403, { "Content-Type": "text/plain" });
    res.end("forbidden here");
  });
  ing.resolver.set("default", "chat", [
    { name: "http", port: 80, endpoints: [deadEndpoint(await deadPort()), echoBackend.endpoint] },
  ]);
  ing.resolver.set("default", "refusing", [{ name: "http", port: 80, endpoints: [refusing.endpoint] }]);
  ing.resolver.set("default", "nobody", [{ name: "http", port: 80, endpoints: [] }]);
  ing.store.create(
    ingress("ws", [
      rule("chat.test", svcPath("/", "Prefix", "chat", "http")),
      rule("refusing.test", svcPath("/", "Prefix", "refusing", "http")),
      rule("nobody.test", svcPath("/", "Prefix", "nobody", "http")),
    ]),
  );
});

afterAll(async () => {
  await new Promise<void>((resolve) => wss.close(() => resolve()));
  await ing.stop();
  await echoBackend.close();
  await refusing.close();
});

function connect(host: string): WebSocket {
  return new WebSocket(`ws://127.0.0.1:${ing.httpPort}/socket?room=1`, { headers: { Host: host } });
}

function refusal(ws: WebSocket): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    ws.on("unexpected-response", (_req, res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
    });
    ws.on("open", () => reject(new Error("unexpectedly upgraded")));
    ws.on("error", () => undefined);
  });
}

describe("WebSocket", () => {
  it("echoes text and binary messages through the ingress (after skipping a dead endpoint)", async () => {
    const ws = connect("chat.test");
    const received: (string | Buffer)[] = [];
    ws.on("message", (data, isBinary) =>
      received.push(isBinary ? (data as Buffer) : (data as Buffer).toString()),
    );
    await new Promise<void>((resolve, reject) => {
      ws.on("open", () => resolve());
      ws.on("error", reject);
    });
    ws.send("hello");
    ws.send(Buffer.from([0, 1, 2, 255]));
    for (let i = 0; i < 50; i += 1) ws.send(`n${i}`);
    await until(() => received.length === 52);
    expect(received[0]).toBe("hello");
    expect(received[1]).toEqual(Buffer.from([0, 1, 2, 255]));
    expect(received.slice(2)).toEqual(Array.from({ length: 50 }, (_, i) => `n${i}`));
    ws.close(1000, "bye");
    const code = await new Promise<number>((resolve) => ws.on("close", (c) => resolve(c)));
    expect(code).toBe(1000);
    await until(() => ing.logs.length > 0);
    expect(ing.logs[0]).toMatchObject({
      status: 101,
      host: "chat.test",
      path: "/socket",
      service: "default/chat:http",
      upstream: `127.0.0.1:${echoBackend.port}`,
      attempts: 2,
    });
    expect(ing.logs[0]?.bytes).toBeGreaterThan(60);
    expect(upgradeHeaders[0]).toMatchObject({
      host: "chat.test",
      "x-forwarded-proto": "http",
      upgrade: "websocket",
    });
  });

  it("relays a backend's refusal of the upgrade", async () => {
    expect(await refusal(connect("refusing.test"))).toEqual({ status: 403, body: "forbidden here" });
  });

  it("answers 503 when the service has no endpoints, and 404 for unknown hosts", async () => {
    expect(await refusal(connect("nobody.test"))).toEqual({
      status: 503,
      body: "503 Service Unavailable: no ready endpoints for service default/nobody port http\n",
    });
    expect(await refusal(connect("unknown.test"))).toEqual({
      status: 404,
      body: '404 Not Found: no Ingress rule matches host "unknown.test" path "/socket"\n',
    });
  });
});
