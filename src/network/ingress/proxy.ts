// Forwarding one HTTP request: route it, try endpoints in round-robin order with retries
// (retry.ts), stream both bodies without buffering, and write one access-log line when the
// exchange is over. node:http with a keep-alive agent per endpoint; see docs/ingress.md for why
// not undici.

import { randomUUID } from "node:crypto";
import type http from "node:http";
import { performance } from "node:perf_hooks";
import type { AccessLogEntry, AccessLogger } from "./access-log.js";
import type { AgentPool } from "./agents.js";
import type { RoundRobin } from "./balancer.js";
import { dispatch } from "./dispatch.js";
import { clientAddress, clientResponseHeaders, upstreamRequestHeaders } from "./forwarded.js";
import { parseRequestTarget, type RequestTarget } from "./request-target.js";
import { endpointAddress, type BackendResolver } from "./resolver.js";
import { badGateway, gatewayTimeout, type ErrorResponse } from "./responses.js";
import { describeUpstreamError, isReplayable, shouldRetry } from "./retry.js";
import type { RoutingTable } from "./routes.js";
import { startAttempt } from "./upstream.js";

export interface ProxyTimeouts {
  /** Connecting to an endpoint (then the next one is tried). */
  connectTimeoutMs: number;
  /** No byte from or to the backend for this long: 504 before the response, abort during it. */
  upstreamTimeoutMs: number;
  /** Endpoints tried per request at most. */
  maxAttempts: number;
}

export const DEFAULT_PROXY_TIMEOUTS: ProxyTimeouts = {
  connectTimeoutMs: 5_000,
  upstreamTimeoutMs: 60_000,
  maxAttempts: 3,
};

export interface ProxyDeps {
  routes: () => RoutingTable;
  resolver: BackendResolver;
  balancer: RoundRobin;
  agents: AgentPool;
  log: AccessLogger;
  timeouts: ProxyTimeouts;
}

/** Methods Node frames as chunked when no length is given; berth sends them Content-Length: 0. */
const BODY_METHODS = new Set(["POST", "PUT", "PATCH"]);

export function hasRequestBody(req: http.IncomingMessage): boolean {
  const len = req.headers["content-length"];
  return (len !== undefined && len !== "0") || req.headers["transfer-encoding"] !== undefined;
}

/** The access-log skeleton for a request; completed and written by finishLog. */
export function beginLog(
  req: http.IncomingMessage,
  target: RequestTarget,
  proto: "http" | "https",
): AccessLogEntry {
  const entry: AccessLogEntry = {
    msg: "ingress request",
    time: 0,
    remoteAddress: clientAddress(req.socket.remoteAddress),
    method: req.method ?? "GET",
    host: target.host,
    path: target.path,
    protocol: proto,
    status: 0,
    bytes: 0,
    durationMs: 0,
    requestId: headerValue(req.headers["x-request-id"]) ?? randomUUID(),
  };
  const ua = headerValue(req.headers["user-agent"]);
  if (ua !== undefined) entry.userAgent = ua;
  return entry;
}

export function finishLog(log: AccessLogger, entry: AccessLogEntry, startedAt: number): void {
  entry.time = Date.now();
  entry.durationMs = Math.round((performance.now() - startedAt) * 100) / 100;
  try {
    log(entry);
  } catch {
    // A broken logger must not break serving.
  }
}

function headerValue(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

function sendError(res: http.ServerResponse, err: ErrorResponse, entry: AccessLogEntry, head: boolean): void {
  entry.error = err.body.trim();
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = Buffer.from(err.body);
  res.writeHead(err.status, {
    "Content-Type": "text/plain; charset=utf-8",
    "Content-Length": String(body.length),
    "Cache-Control": "no-store",
  });
  if (!head) entry.bytes = body.length;
  res.end(head ? undefined : body);
}

export function proxyRequest(
  deps: ProxyDeps,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  proto: "http" | "https",
): void {
  const startedAt = performance.now();
  const target = parseRequestTarget(req.url ?? "/", req.headers.host);
  const entry = beginLog(req, target, proto);
  const method = entry.method;
  const head = method === "HEAD";
  let finished = false;
  let current: http.ClientRequest | undefined;
  res.on("close", () => {
    if (!res.writableFinished) {
      entry.aborted = true;
      current?.destroy();
    }
    finished = true;
    entry.status = res.statusCode;
    finishLog(deps.log, entry, startedAt);
  });
  req.on("error", () => current?.destroy());

  const d = dispatch(deps.routes(), deps.resolver, deps.balancer, target);
  if (d.ingress !== undefined) entry.ingress = d.ingress;
  if (d.service !== undefined) entry.service = d.service;
  if (!d.ok) {
    sendError(res, d.error, entry, head);
    return;
  }
  const body = hasRequestBody(req);
  const replayable = isReplayable(method, req.headers["idempotency-key"] !== undefined);
  const maxAttempts = Math.min(d.endpoints.length, Math.max(1, deps.timeouts.maxAttempts));
  const failures: string[] = [];
  const service = d.service;

  const tryEndpoint = (i: number): void => {
    const endpoint = d.endpoints[i];
    if (!endpoint || finished) return;
    const address = endpointAddress(endpoint);
    entry.upstream = address;
    entry.attempts = i + 1;
    const headers = upstreamRequestHeaders(req.rawHeaders, {
      clientAddress: entry.remoteAddress,
      proto,
      localPort: req.socket.localPort ?? 0,
      requestId: entry.requestId,
      fallbackHost: address,
      upgrade: false,
      addEmptyContentLength: !body && BODY_METHODS.has(method),
    });
    const attempt = startAttempt({
      endpoint,
      agent: deps.agents.get(endpoint),
      method,
      path: target.upstreamTarget,
      headers,
      connectTimeoutMs: deps.timeouts.connectTimeoutMs,
      idleTimeoutMs: deps.timeouts.upstreamTimeoutMs,
      send: (up) => {
        if (!body) {
          up.end();
          return;
        }
        attempt.outcome.bodyConsumed = true;
        req.on("data", attempt.touch);
        req.pipe(up);
      },
    });
    const up = attempt.request;
    current = up;
    up.on("response", (upRes) => {
      deps.balancer.markSucceeded(endpoint);
      entry.upstreamStatus = upRes.statusCode ?? 0;
      res.writeHead(upRes.statusCode ?? 502, upRes.statusMessage, clientResponseHeaders(upRes.rawHeaders));
      upRes.on("data", (chunk: Buffer) => {
        entry.bytes += chunk.length;
        attempt.touch();
      });
      upRes.on("end", attempt.done);
      upRes.on("close", () => {
        attempt.done();
        if (!upRes.complete) {
          entry.error = "backend closed the connection before the response was complete";
          res.destroy();
        }
      });
      upRes.pipe(res);
    });
    up.on("error", (err) => {
      attempt.done();
      req.removeListener("data", attempt.touch);
      req.unpipe(up);
      if (finished || attempt.outcome.responded) {
        res.destroy();
        return;
      }
      failures.push(`${address} ${describeUpstreamError(err)}`);
      deps.balancer.markFailed(endpoint);
      if (i + 1 < maxAttempts && shouldRetry(attempt.outcome, replayable)) {
        tryEndpoint(i + 1);
        return;
      }
      const answer = attempt.outcome.timedOut
        ? gatewayTimeout(service, address, deps.timeouts.upstreamTimeoutMs)
        : badGateway(service, failures);
      sendError(res, answer, entry, head);
    });
  };
  tryEndpoint(0);
}
