// Forwarding one HTTP request: route it, try endpoints in round-robin order with retries
// (retry.ts), stream both bodies without buffering, and write one access-log line when the
// exchange is over. Forwarding uses undici's dispatch API (a keep-alive pool per endpoint), which
// bench/ingress-transport.ts measured at ~15% less CPU per request than node:http's Agent.

import { randomUUID } from "node:crypto";
import type http from "node:http";
import { performance } from "node:perf_hooks";
import type { Readable } from "node:stream";
import type { Dispatcher } from "undici";
import type { AccessLogEntry, AccessLogger } from "./access-log.js";
import type { RoundRobin } from "./balancer.js";
import { dispatch } from "./dispatch.js";
import { clientAddress, clientResponseHeaders, upstreamRequestHeaders } from "./forwarded.js";
import { parseRequestTarget, type RequestTarget } from "./request-target.js";
import { endpointAddress, type BackendEndpoint, type BackendResolver } from "./resolver.js";
import { badGateway, gatewayTimeout, type ErrorResponse } from "./responses.js";
import { describeUpstreamError, isReplayable, shouldRetry, type AttemptOutcome } from "./retry.js";
import type { RoutingTable } from "./routes.js";

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

/** nginx's status for a client that went away before any response was sent. */
export const CLIENT_CLOSED_REQUEST = 499;

export interface ProxyDeps {
  routes: () => RoutingTable;
  resolver: BackendResolver;
  balancer: RoundRobin;
  /** undici dispatcher (an Agent: one keep-alive pool per endpoint). */
  dispatcher: Dispatcher;
  log: AccessLogger;
  timeouts: ProxyTimeouts;
}

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

type Controller = Dispatcher.DispatchController;

function rawHeaderStrings(raw: Controller["rawHeaders"]): string[] {
  if (!Array.isArray(raw)) return [];
  return raw.map((v: Buffer | string) => (typeof v === "string" ? v : v.toString("latin1")));
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
  let current: Controller | undefined;
  res.on("close", () => {
    finished = true;
    if (!res.writableFinished) {
      entry.aborted = true;
      current?.abort(new Error("the client closed the connection"));
    }
    entry.status = res.headersSent ? res.statusCode : CLIENT_CLOSED_REQUEST;
    finishLog(deps.log, entry, startedAt);
  });

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
  const timeout = deps.timeouts.upstreamTimeoutMs;

  // With a single endpoint, a replayable request whose connection broke after sending (typically a
  // keep-alive connection the backend closed at that very moment) gets one more try on it.
  let sameEndpointRetried = d.endpoints.length > 1;
  const tryEndpoint = (i: number, endpoint: BackendEndpoint): void => {
    if (finished) return;
    const address = endpointAddress(endpoint);
    entry.upstream = address;
    entry.attempts = i + 1;
    const outcome: AttemptOutcome = { sent: false, responded: false, timedOut: false, bodyConsumed: false };
    const headers = upstreamRequestHeaders(req.rawHeaders, {
      clientAddress: entry.remoteAddress,
      proto,
      localPort: req.socket.localPort ?? 0,
      requestId: entry.requestId,
      fallbackHost: address,
      upgrade: false,
    });
    const resume = (): void => current?.resume();
    const handler: Dispatcher.DispatchHandler = {
      onRequestStart: (controller) => {
        current = controller;
        outcome.sent = true;
        outcome.bodyConsumed = body;
        if (finished) controller.abort(new Error("the client closed the connection"));
      },
      onResponseStart: (controller, statusCode, _headers, statusMessage) => {
        if (statusCode < 200) return;
        outcome.responded = true;
        deps.balancer.markSucceeded(endpoint);
        entry.upstreamStatus = statusCode;
        res.writeHead(
          statusCode,
          statusMessage,
          clientResponseHeaders(rawHeaderStrings(controller.rawHeaders)),
        );
      },
      onResponseData: (controller, chunk) => {
        entry.bytes += chunk.length;
        if (!res.write(chunk)) {
          controller.pause();
          res.once("drain", resume);
        }
      },
      onResponseEnd: () => {
        res.end();
      },
      onResponseError: (_controller, err) => {
        if (finished) return;
        if (outcome.responded) {
          entry.error = `backend broke off the response: ${describeUpstreamError(err)}`;
          res.destroy();
          return;
        }
        outcome.timedOut = (err as { code?: unknown }).code === "UND_ERR_HEADERS_TIMEOUT";
        failures.push(`${address} ${describeUpstreamError(err)}`);
        deps.balancer.markFailed(endpoint);
        if (shouldRetry(outcome, replayable)) {
          const next = i + 1 < maxAttempts ? d.endpoints[i + 1] : undefined;
          if (next) {
            tryEndpoint(i + 1, next);
            return;
          }
          if (outcome.sent && !sameEndpointRetried) {
            sameEndpointRetried = true;
            tryEndpoint(i + 1, endpoint);
            return;
          }
        }
        sendError(
          res,
          outcome.timedOut ? gatewayTimeout(service, address, timeout) : badGateway(service, failures),
          entry,
          head,
        );
      },
    };
    try {
      deps.dispatcher.dispatch(
        {
          origin: `http://${address}`,
          path: target.upstreamTarget,
          method,
          headers,
          // Read from the client only once connected, and never destroy it: a refused connection
          // leaves the body unread for the next endpoint.
          // undici accepts any async iterable at run time; its types only list streams.
          body: body ? (req.iterator({ destroyOnReturn: false }) as unknown as Readable) : null,
          headersTimeout: timeout,
          bodyTimeout: timeout,
        },
        handler,
      );
    } catch (e) {
      // undici reports bad requests through onResponseError; this is for anything it throws.
      sendError(res, badGateway(service, [`${address} ${describeUpstreamError(e)}`]), entry, head);
    }
  };
  tryEndpoint(0, d.endpoints[0]);
}
