// Upgrade requests (WebSocket and any other HTTP/1.1 Upgrade): the handshake is forwarded like a
// request; on 101 both sockets are piped together until either side closes. A backend refusing
// the upgrade gets its answer relayed (body read up to a limit) and the connection closed.

import http from "node:http";
import { performance } from "node:perf_hooks";
import type { Duplex } from "node:stream";
import { dispatch } from "./dispatch.js";
import { clientResponseHeaders, upstreamRequestHeaders } from "./forwarded.js";
import { beginLog, CLIENT_CLOSED_REQUEST, finishLog, type ProxyDeps } from "./proxy.js";
import { parseRequestTarget } from "./request-target.js";
import { endpointAddress } from "./resolver.js";
import { badGateway, gatewayTimeout, rawResponse, type ErrorResponse } from "./responses.js";
import { describeUpstreamError, shouldRetry } from "./retry.js";
import { startAttempt } from "./upstream.js";

const MAX_REFUSAL_BODY = 64 * 1024;

// Upgraded sockets leave the agent, so pooling them buys nothing.
const upgradeAgent = new http.Agent({ keepAlive: false });

function statusBlock(status: number, message: string, raw: readonly string[]): string {
  let out = `HTTP/1.1 ${status} ${message}\r\n`;
  for (let i = 0; i + 1 < raw.length; i += 2) out += `${raw[i] ?? ""}: ${raw[i + 1] ?? ""}\r\n`;
  return `${out}\r\n`;
}

function withoutHeader(raw: readonly string[], lowerName: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) {
    if ((raw[i] ?? "").toLowerCase() !== lowerName) out.push(raw[i] ?? "", raw[i + 1] ?? "");
  }
  return out;
}

export function proxyUpgrade(
  deps: ProxyDeps,
  req: http.IncomingMessage,
  client: Duplex,
  head: Buffer,
  proto: "http" | "https",
): void {
  const startedAt = performance.now();
  const target = parseRequestTarget(req.url ?? "/", req.headers.host);
  const entry = beginLog(req, target, proto);
  let logged = false;
  const log = (status: number): void => {
    if (logged) return;
    logged = true;
    entry.status = status;
    finishLog(deps.log, entry, startedAt);
  };
  let current: http.ClientRequest | undefined;
  // "tunnel": piping after a 101; "answered": a complete refusal was written.
  let state: "pending" | "tunnel" | "answered" = "pending";
  client.on("error", () => current?.destroy());
  client.on("close", () => {
    if (state === "tunnel") return;
    if (state === "pending") {
      current?.destroy();
      entry.aborted = true;
      entry.status = CLIENT_CLOSED_REQUEST;
    }
    log(entry.status);
  });
  const answer = (status: number, bytes: Buffer): void => {
    state = "answered";
    entry.status = status;
    client.end(bytes);
  };
  const refuse = (err: ErrorResponse): void => {
    entry.error = err.body.trim();
    entry.bytes = Buffer.byteLength(err.body);
    answer(err.status, Buffer.from(rawResponse(err)));
  };

  const d = dispatch(deps.routes(), deps.resolver, deps.balancer, target);
  if (d.ingress !== undefined) entry.ingress = d.ingress;
  if (d.service !== undefined) entry.service = d.service;
  if (!d.ok) {
    refuse(d.error);
    return;
  }
  const maxAttempts = Math.min(d.endpoints.length, Math.max(1, deps.timeouts.maxAttempts));
  const failures: string[] = [];

  const tryEndpoint = (i: number): void => {
    const endpoint = d.endpoints[i];
    if (!endpoint || client.destroyed) return;
    const address = endpointAddress(endpoint);
    entry.upstream = address;
    entry.attempts = i + 1;
    const attempt = startAttempt({
      endpoint,
      agent: upgradeAgent,
      method: entry.method,
      path: target.upstreamTarget,
      headers: upstreamRequestHeaders(req.rawHeaders, {
        clientAddress: entry.remoteAddress,
        proto,
        localPort: req.socket.localPort ?? 0,
        requestId: entry.requestId,
        fallbackHost: address,
        upgrade: true,
      }),
      connectTimeoutMs: deps.timeouts.connectTimeoutMs,
      idleTimeoutMs: deps.timeouts.upstreamTimeoutMs,
      send: (up) => up.end(),
    });
    const up = attempt.request;
    current = up;
    up.on("upgrade", (upRes, upSocket, upHead) => {
      attempt.done();
      deps.balancer.markSucceeded(endpoint);
      state = "tunnel";
      entry.upstreamStatus = upRes.statusCode ?? 101;
      entry.status = upRes.statusCode ?? 101;
      client.write(statusBlock(entry.status, upRes.statusMessage ?? "Switching Protocols", upRes.rawHeaders));
      if (upHead.length > 0) client.write(upHead);
      if (head.length > 0) upSocket.write(head);
      upSocket.on("data", (chunk: Buffer) => {
        entry.bytes += chunk.length;
      });
      const close = (): void => {
        client.destroy();
        upSocket.destroy();
        log(entry.status);
      };
      upSocket.on("error", close);
      upSocket.on("close", close);
      client.on("close", close);
      upSocket.pipe(client);
      client.pipe(upSocket);
    });
    up.on("response", (upRes) => {
      deps.balancer.markSucceeded(endpoint);
      entry.upstreamStatus = upRes.statusCode ?? 0;
      const chunks: Buffer[] = [];
      let size = 0;
      upRes.on("data", (c: Buffer) => {
        attempt.touch();
        if (size < MAX_REFUSAL_BODY) chunks.push(c);
        size += c.length;
      });
      upRes.on("end", () => {
        attempt.done();
        const body = Buffer.concat(chunks).subarray(0, MAX_REFUSAL_BODY);
        const headers = withoutHeader(clientResponseHeaders(upRes.rawHeaders), "content-length");
        headers.push("Content-Length", String(body.length), "Connection", "close");
        const status = upRes.statusCode ?? 502;
        entry.bytes = body.length;
        answer(
          status,
          Buffer.concat([Buffer.from(statusBlock(status, upRes.statusMessage ?? "", headers)), body]),
        );
      });
    });
    up.on("error", (err) => {
      attempt.done();
      if (attempt.outcome.responded || client.destroyed) {
        client.destroy();
        return;
      }
      failures.push(`${address} ${describeUpstreamError(err)}`);
      deps.balancer.markFailed(endpoint);
      if (i + 1 < maxAttempts && shouldRetry(attempt.outcome, true)) {
        tryEndpoint(i + 1);
        return;
      }
      refuse(
        attempt.outcome.timedOut
          ? gatewayTimeout(d.service, address, deps.timeouts.upstreamTimeoutMs)
          : badGateway(d.service, failures),
      );
    });
  };
  tryEndpoint(0);
}
