// berth's HTTP API on node:http: health and readiness, Prometheus metrics, read-only JSON views of the
// daemon, sync triggers, log streaming and git hosting webhooks. It listens on api.listen
// (127.0.0.1:7070 by default); when api.token is set, every endpoint but /healthz and the webhooks
// needs `Authorization: Bearer <token>`. It talks to the daemon only through DaemonView.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import type { Logger } from "pino";
import type { BerthConfig } from "../../config/types.js";
import type { Secret } from "../../config/secret.js";
import { silentLogger } from "../../notify/log.js";
import type { BerthMetrics } from "../../notify/metrics.js";
import { newSecretSalt } from "../../state/secrets.js";
import { BerthError } from "../../util/errors.js";
import { checkBearer, unauthorized } from "./auth.js";
import { errorResponse, HttpError, sendError } from "./http.js";
import { ROUTES, type Deps, type Route } from "./routes.js";
import type { DaemonView } from "./types.js";
import type { NamedRepo } from "./webhooks/repo-match.js";

export interface ApiServerOptions {
  view: DaemonView;
  metrics?: BerthMetrics;
  api: { listen: string; token?: Secret };
  webhooks: BerthConfig["webhooks"];
  /** The configured sources (name = app, repo URL): what webhooks match pushes against. */
  sources: readonly NamedRepo[];
  /**
   * Keys the hashes that replace Secret values in responses: the state file's salt makes them equal
   * to the file's. Default: random per server.
   */
  secretSalt?: string;
  logger?: Logger;
}

/** "host:port", "[v6]:port", ":port" (every interface); port 0 picks a free one (tests). */
export function parseListen(address: string): { host: string; port: number } {
  const m = /^(\[[0-9a-fA-F:.]+\]|[^:[\]]*):(\d{1,5})$/.exec(address);
  const port = Number(m?.[2]);
  if (!m || port > 65535) {
    throw new BerthError("E_API_LISTEN", `api.listen "${address}" is not host:port`, {
      hint: 'write it as "127.0.0.1:7070", "[::1]:7070" or ":7070"',
    });
  }
  const raw = m[1] ?? "";
  return { host: raw.startsWith("[") ? raw.slice(1, -1) : raw, port };
}

function decodeParams(match: RegExpExecArray): string[] {
  try {
    return match.slice(1).map((p) => decodeURIComponent(p));
  } catch {
    throw new HttpError(400, "E_INVALID_REQUEST", "the path is not valid percent-encoding");
  }
}

export class ApiServer {
  readonly server: Server;
  private readonly deps: Deps;
  private readonly token: string | undefined;
  private readonly logger: Logger;
  private readonly inFlight = new Set<AbortController>();
  private address: AddressInfo | undefined;
  private readonly sockets = new Map<Socket, number>();
  private closing = false;

  constructor(private readonly opts: ApiServerOptions) {
    this.logger = opts.logger ?? silentLogger();
    this.token = opts.api.token?.reveal();
    this.deps = {
      view: opts.view,
      metrics: opts.metrics,
      webhook: { webhooks: opts.webhooks, sources: opts.sources, logger: this.logger },
      logger: this.logger,
      secretSalt: opts.secretSalt ?? newSecretSalt(),
    };
    this.server = createServer((req, res) => {
      this.track(req, res);
      void this.handle(req, res);
    });
    this.server.on("connection", (socket: Socket) => {
      this.sockets.set(socket, 0);
      socket.once("close", () => this.sockets.delete(socket));
    });
    // Requests are small and quick to send; responses (log follows, sync waits) may take long.
    this.server.headersTimeout = 10_000;
    this.server.requestTimeout = 60_000;
  }

  /** Starts listening on api.listen (or `address`); resolves with the bound address. */
  async listen(address: string = this.opts.api.listen): Promise<{ host: string; port: number; url: string }> {
    const { host, port } = parseListen(address);
    await new Promise<void>((resolve, reject) => {
      const onError = (e: NodeJS.ErrnoException): void => {
        reject(
          new BerthError("E_API_LISTEN", `cannot listen on ${address}: ${e.code ?? e.message}`, {
            hint:
              e.code === "EADDRINUSE"
                ? "another process (a second berth?) uses the port; change api.listen"
                : "",
            cause: e,
          }),
        );
      };
      this.server.once("error", onError);
      this.server.listen({ host: host === "" ? undefined : host, port }, () => {
        this.server.off("error", onError);
        resolve();
      });
    });
    this.address = this.server.address() as AddressInfo;
    const shown = this.address.family === "IPv6" ? `[${this.address.address}]` : this.address.address;
    const url = `http://${shown}:${this.address.port}`;
    this.logger.info({ url, auth: this.token !== undefined }, "API listening");
    return { host: this.address.address, port: this.address.port, url };
  }

  /** Stops accepting, ends streams and waits in progress, and closes every connection. */
  async close(): Promise<void> {
    if (!this.server.listening) return;
    this.closing = true;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const c of this.inFlight) c.abort();
    // Connections without a request in flight (keep-alive, or opened and never used) go now; the
    // others as soon as their response ends (aborted streams and waits end within a tick).
    for (const [socket, active] of this.sockets) if (active === 0) socket.destroy();
    // Whatever has not finished after a moment is cut: a shutdown must not hang on a slow client.
    const force = setTimeout(() => this.server.closeAllConnections(), 1000);
    await closed;
    clearTimeout(force);
  }

  /** Counts requests in flight per connection, so close() knows which connections are idle. */
  private track(req: IncomingMessage, res: ServerResponse): void {
    const socket = req.socket;
    this.sockets.set(socket, (this.sockets.get(socket) ?? 0) + 1);
    res.once("close", () => {
      const left = (this.sockets.get(socket) ?? 1) - 1;
      if (!this.sockets.has(socket)) return;
      this.sockets.set(socket, left);
      if (this.closing && left === 0) socket.destroy();
    });
  }

  private route(method: string, path: string): { route: Route; params: string[] } | { allow: string[] } {
    const allow: string[] = [];
    for (const route of ROUTES) {
      const m = route.pattern.exec(path);
      if (!m) continue;
      if (route.method === method || (method === "HEAD" && route.method === "GET")) {
        return { route, params: decodeParams(m) };
      }
      allow.push(route.method);
    }
    return { allow };
  }

  private authorize(req: IncomingMessage, route: Route): void {
    if (route.public === true || this.token === undefined) return;
    const check = checkBearer(req.headers.authorization, this.token);
    if (!check.ok) {
      this.logger.debug({ path: req.url?.split("?")[0], reason: check.reason }, "API request unauthorized");
      throw unauthorized(check);
    }
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const controller = new AbortController();
    this.inFlight.add(controller);
    res.once("close", () => {
      controller.abort();
      this.inFlight.delete(controller);
    });
    const method = req.method ?? "GET";
    let path = "/";
    try {
      const url = new URL(req.url ?? "/", "http://berth.invalid");
      path = url.pathname;
      const found = this.route(method, path);
      if ("allow" in found) {
        if (found.allow.length === 0) throw new HttpError(404, "E_NOT_FOUND", `no endpoint ${path}`);
        throw new HttpError(405, "E_METHOD_NOT_ALLOWED", `${path} takes ${found.allow.join(", ")}`, {
          allow: found.allow.join(", "),
        });
      }
      this.authorize(req, found.route);
      await found.route.handle({ req, res, url, params: found.params, signal: controller.signal }, this.deps);
    } catch (e) {
      const err = errorResponse(e);
      if (err.status >= 500) {
        this.logger.error({ method, path, code: err.code, err: e }, "API request failed");
      }
      sendError(res, err);
    } finally {
      this.logger.debug(
        { method, path, status: res.statusCode, durationMs: Math.round(performance.now() - started) },
        "API request",
      );
    }
  }
}
