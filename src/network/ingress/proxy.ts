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

/**
 * One request's exchange with the backends: its access-log entry, the endpoints to try and the
 * client's response. A class rather than closures because it is created for every request: its
 * methods live on the prototype, so a request allocates this object and one bound listener.
 */
class Exchange {
  finished = false;
  /** Aborts the attempt in flight (undici's onConnect hands it over). */
  abortUpstream: ((err: Error) => void) | undefined = undefined;
  readonly failures: string[] = [];
  readonly bodyPresent: boolean;
  readonly replayable: boolean;
  readonly maxAttempts: number;
  /**
   * With a single endpoint, a replayable request whose connection broke after sending (typically a
   * keep-alive connection the backend closed at that very moment) gets one more try on it.
   */
  sameEndpointRetried: boolean;

  constructor(
    readonly deps: ProxyDeps,
    readonly req: http.IncomingMessage,
    readonly res: http.ServerResponse,
    readonly proto: "http" | "https",
    readonly target: RequestTarget,
    readonly entry: AccessLogEntry,
    readonly startedAt: number,
    readonly endpoints: readonly [BackendEndpoint, ...BackendEndpoint[]],
    readonly service: string,
  ) {
    this.bodyPresent = hasRequestBody(req);
    this.replayable = isReplayable(entry.method, req.headers["idempotency-key"] !== undefined);
    this.maxAttempts = Math.min(endpoints.length, Math.max(1, deps.timeouts.maxAttempts));
    this.sameEndpointRetried = endpoints.length > 1;
  }

  tryEndpoint(i: number, endpoint: BackendEndpoint): void {
    if (this.finished) return;
    const { entry, req } = this;
    const { address, url } = originOf(endpoint);
    entry.upstream = address;
    entry.attempts = i + 1;
    const headers = upstreamRequestHeaders(req.rawHeaders, {
      clientAddress: entry.remoteAddress,
      proto: this.proto,
      localPort: req.socket.localPort ?? 0,
      requestId: entry.requestId,
      fallbackHost: address,
      upgrade: false,
    });
    const timeout = this.deps.timeouts.upstreamTimeoutMs;
    try {
      this.deps.dispatcher.dispatch(
        {
          origin: url,
          path: this.target.upstreamTarget,
          method: entry.method,
          headers,
          // Read from the client only once connected, and never destroy it: a refused connection
          // leaves the body unread for the next endpoint.
          // undici accepts any async iterable at run time; its types only list streams.
          body: this.bodyPresent ? (req.iterator({ destroyOnReturn: false }) as unknown as Readable) : null,
          headersTimeout: timeout,
          bodyTimeout: timeout,
        },
        new Attempt(this, i, endpoint, address),
      );
    } catch (e) {
      // undici reports bad requests through onError; this is for anything it throws.
      const failure = `${address} ${describeUpstreamError(e)}`;
      sendError(this.res, badGateway(this.service, [failure]), entry, entry.method === "HEAD");
    }
  }

  /** The client's response is over (sent, or the client went away): abort upstream, log. */
  onClose(): void {
    const { res, entry } = this;
    if (this.finished) return;
    this.finished = true;
    if (!res.writableFinished) {
      entry.aborted = true;
      this.abortUpstream?.(new Error("the client closed the connection"));
    }
    entry.status = res.headersSent ? res.statusCode : CLIENT_CLOSED_REQUEST;
    finishLog(this.deps.log, entry, this.startedAt);
  }
}

/**
 * One attempt at one endpoint, as undici's request handler. It implements undici's original
 * handler interface (onConnect, onHeaders, onData, …), which undici's own Request still calls:
 * handlers written to the newer controller interface are wrapped in an adapter that also parses
 * every response's headers into an object, which the proxy never reads (it forwards raw headers).
 */
class Attempt implements Dispatcher.DispatchHandler {
  private readonly outcome: AttemptOutcome = {
    sent: false,
    responded: false,
    timedOut: false,
    bodyConsumed: false,
  };
  private resumeUpstream: (() => void) | undefined = undefined;

  constructor(
    private readonly x: Exchange,
    private readonly index: number,
    private readonly endpoint: BackendEndpoint,
    private readonly address: string,
  ) {}

  onConnect(abort: (err?: Error) => void): void {
    this.x.abortUpstream = abort;
    this.outcome.sent = true;
    this.outcome.bodyConsumed = this.x.bodyPresent;
    if (this.x.finished) abort(new Error("the client closed the connection"));
  }

  onHeaders(statusCode: number, rawHeaders: Buffer[], resume: () => void, statusText: string): boolean {
    if (statusCode < 200) return true;
    this.outcome.responded = true;
    this.resumeUpstream = resume;
    this.x.deps.balancer.markSucceeded(this.endpoint);
    this.x.entry.upstreamStatus = statusCode;
    this.x.res.writeHead(statusCode, statusText, clientResponseHeaders(rawHeaders));
    return true;
  }

  onData(chunk: Buffer): boolean {
    this.x.entry.bytes += chunk.length;
    if (this.x.res.write(chunk)) return true;
    // Back-pressure: undici stops reading from the backend until the client has drained.
    const resume = this.resumeUpstream;
    if (resume) this.x.res.once("drain", resume);
    return false;
  }

  onComplete(): void {
    this.x.res.end();
  }

  onError(err: Error): void {
    const { x, outcome, address, endpoint, index } = this;
    if (x.finished) return;
    if (outcome.responded) {
      x.entry.error = `backend broke off the response: ${describeUpstreamError(err)}`;
      x.res.destroy();
      return;
    }
    outcome.timedOut = (err as { code?: unknown }).code === "UND_ERR_HEADERS_TIMEOUT";
    x.failures.push(`${address} ${describeUpstreamError(err)}`);
    x.deps.balancer.markFailed(endpoint);
    if (shouldRetry(outcome, x.replayable)) {
      const next = index + 1 < x.maxAttempts ? x.endpoints[index + 1] : undefined;
      if (next) {
        x.tryEndpoint(index + 1, next);
        return;
      }
      if (outcome.sent && !x.sameEndpointRetried) {
        x.sameEndpointRetried = true;
        x.tryEndpoint(index + 1, endpoint);
        return;
      }
    }
    const timeout = x.deps.timeouts.upstreamTimeoutMs;
    const error = outcome.timedOut
      ? gatewayTimeout(x.service, address, timeout)
      : badGateway(x.service, x.failures);
    sendError(x.res, error, x.entry, x.entry.method === "HEAD");
  }
}

interface Origin {
  host: string;
  port: number;
  /** `host:port` (IPv6 in brackets), for logs and messages. */
  address: string;
  /** What undici keys its per-endpoint pools on. */
  url: string;
}

/**
 * The strings of each endpoint, made once: resolvers hand out the same endpoint objects until the
 * endpoints change, and the same string objects keep their hash, so undici's pool lookup does not
 * hash a new string per request.
 */
const origins = new WeakMap<BackendEndpoint, Origin>();

function originOf(e: BackendEndpoint): Origin {
  const known = origins.get(e);
  if (known?.host === e.host && known.port === e.port) return known;
  const address = endpointAddress(e);
  const made = { host: e.host, port: e.port, address, url: `http://${address}` };
  origins.set(e, made);
  return made;
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
  const d = dispatch(deps.routes(), deps.resolver, deps.balancer, target);
  if (d.ingress !== undefined) entry.ingress = d.ingress;
  if (d.service !== undefined) entry.service = d.service;
  if (!d.ok) {
    res.once("close", () => {
      entry.status = res.headersSent ? res.statusCode : CLIENT_CLOSED_REQUEST;
      if (!res.writableFinished) entry.aborted = true;
      finishLog(deps.log, entry, startedAt);
    });
    sendError(res, d.error, entry, entry.method === "HEAD");
    return;
  }
  const x = new Exchange(deps, req, res, proto, target, entry, startedAt, d.endpoints, d.service);
  // `on`, not `once`: a response emits close once, and once's wrapper would cost every request.
  res.on("close", x.onClose.bind(x));
  x.tryEndpoint(0, d.endpoints[0]);
}
