// The ingress controller: HTTP and HTTPS listeners inside the berth process, a routing table and
// TLS contexts rebuilt from the store whenever an Ingress or Secret changes (no restart; open
// connections keep going), and the proxy behind them.

import http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { Agent } from "undici";
import type { Kind, ObjectOfKind } from "../../manifest/types.js";
import type { EventInput } from "../../state/events.js";
import type { ListOptions, Watcher } from "../../state/store.js";
import { systemClock, type Clock } from "../../util/clock.js";
import { BerthError } from "../../util/errors.js";
import type { AccessLogger } from "./access-log.js";
import { RoundRobin } from "./balancer.js";
import {
  CertificateCache,
  contextForServername,
  generateDefaultCertificate,
  type PemPair,
  type TlsContexts,
} from "./certificates.js";
import { servedIngresses } from "./ingress-set.js";
import { formatListenAddress, parseListenAddress, type ListenAddress } from "./listen-address.js";
import { DEFAULT_PROXY_TIMEOUTS, proxyRequest, type ProxyDeps, type ProxyTimeouts } from "./proxy.js";
import type { BackendResolver } from "./resolver.js";
import { compileRoutes, type RoutingTable } from "./routes.js";
import { compileTls, type SecretLookup } from "./tls-plan.js";
import { warningEvent, warningKey, type IngressWarning } from "./warnings.js";
import { proxyUpgrade } from "./websocket.js";

/** The part of the object store the ingress reads. */
export interface IngressStore {
  list<K extends Kind>(kind: K, opts?: ListOptions): ObjectOfKind<K>[];
  get<K extends Kind>(kind: K, namespace: string, name: string): ObjectOfKind<K> | undefined;
  watch(w: Watcher): () => void;
}

/** The `ingress` section of berth's config. */
export interface IngressConfig {
  /** Listen address for plain HTTP, e.g. "127.0.0.1:8080"; omitted: no HTTP listener. */
  http?: string;
  /** Listen address for HTTPS, e.g. "127.0.0.1:8443"; omitted: no HTTPS listener. */
  https?: string;
  /** IngressClass served besides Ingresses without class (default "berth"). */
  className?: string;
  connectTimeoutMs?: number;
  upstreamTimeoutMs?: number;
  maxAttempts?: number;
}

export interface IngressControllerOptions extends IngressConfig {
  store: IngressStore;
  resolver: BackendResolver;
  log?: AccessLogger;
  /** Warning events about Ingresses (conflicts, missing Secrets), each reported once per change. */
  onEvent?: (event: EventInput) => void;
  /** The certificate for names no Secret covers; generated (self-signed) when omitted. */
  defaultCertificate?: PemPair;
  clock?: Clock;
  /** How long stop() lets requests in flight finish. */
  shutdownGraceMs?: number;
}

export interface IngressListeners {
  http?: ListenAddress;
  https?: ListenAddress;
}

const SERVER_OPTIONS: http.ServerOptions = {
  keepAliveTimeout: 60_000,
  // Slow uploads are bounded by the upstream idle timeout instead of a whole-request deadline.
  requestTimeout: 0,
};

export class IngressController {
  private table: RoutingTable | undefined;
  private contexts: TlsContexts = { hosts: new Map(), warnings: [] };
  private readonly certificates = new CertificateCache();
  private reported = new Set<string>();
  private dirty = true;
  private refreshQueued = false;
  private unwatch: (() => void) | undefined;
  private httpServer: http.Server | undefined;
  private httpsServer: https.Server | undefined;
  private defaultPem: PemPair | undefined;
  private installedFallback = "";
  private readonly tunnels = new Set<Duplex>();
  private readonly deps: ProxyDeps;
  private readonly dispatcher: Agent;

  constructor(private readonly opts: IngressControllerOptions) {
    const timeouts: ProxyTimeouts = {
      connectTimeoutMs: opts.connectTimeoutMs ?? DEFAULT_PROXY_TIMEOUTS.connectTimeoutMs,
      upstreamTimeoutMs: opts.upstreamTimeoutMs ?? DEFAULT_PROXY_TIMEOUTS.upstreamTimeoutMs,
      maxAttempts: opts.maxAttempts ?? DEFAULT_PROXY_TIMEOUTS.maxAttempts,
    };
    // One keep-alive pool per endpoint; pools close when their last connection does.
    this.dispatcher = new Agent({
      connect: { timeout: timeouts.connectTimeoutMs },
      keepAliveTimeout: 30_000,
      pipelining: 1,
    });
    this.deps = {
      routes: () => this.routes(),
      resolver: opts.resolver,
      balancer: new RoundRobin(opts.clock ?? systemClock),
      dispatcher: this.dispatcher,
      log: opts.log ?? (() => undefined),
      timeouts,
    };
  }

  /** The current routing table (recompiled first if an Ingress or Secret changed). */
  routes(): RoutingTable {
    if (this.dirty || !this.table) this.refresh();
    return this.table ?? compileRoutes([]);
  }

  /** Starts watching the store and listening. Resolves with the bound addresses (port 0 → chosen). */
  async start(): Promise<IngressListeners> {
    this.unwatch = this.opts.store.watch((e) => {
      if (e.object.kind === "Ingress" || e.object.kind === "Secret") this.invalidate();
    });
    this.refresh();
    const out: IngressListeners = {};
    try {
      if (this.opts.http !== undefined) {
        const server = http.createServer(SERVER_OPTIONS);
        this.httpServer = server;
        this.attach(server, "http");
        out.http = await listen(server, parseListenAddress(this.opts.http, "ingress.http"), "ingress.http");
      }
      if (this.opts.https !== undefined) {
        this.defaultPem = this.opts.defaultCertificate ?? (await generateDefaultCertificate());
        const server = https.createServer({
          ...SERVER_OPTIONS,
          ...this.defaultPem,
          SNICallback: (name, cb) => {
            if (this.dirty) this.refresh();
            cb(null, contextForServername(this.contexts, name));
          },
        });
        this.httpsServer = server;
        this.installFallback();
        this.attach(server, "https");
        out.https = await listen(
          server,
          parseListenAddress(this.opts.https, "ingress.https"),
          "ingress.https",
        );
      }
    } catch (e) {
      await this.stop();
      throw e;
    }
    return out;
  }

  /** Stops listening, lets requests in flight finish for the grace period, then closes the rest. */
  async stop(): Promise<void> {
    this.unwatch?.();
    this.unwatch = undefined;
    const grace = this.opts.shutdownGraceMs ?? 5_000;
    const servers = [this.httpServer, this.httpsServer].filter((s): s is http.Server => s !== undefined);
    this.httpServer = undefined;
    this.httpsServer = undefined;
    const cutOff = (): void => {
      for (const s of servers) s.closeAllConnections();
      for (const t of this.tunnels) t.destroy();
    };
    const timer = setTimeout(cutOff, grace);
    timer.unref();
    await Promise.all(servers.map((s) => closeServer(s)));
    clearTimeout(timer);
    await this.dispatcher.destroy();
  }

  private attach(server: http.Server, proto: "http" | "https"): void {
    server.on("request", (req: http.IncomingMessage, res: http.ServerResponse) => {
      proxyRequest(this.deps, req, res, proto);
    });
    server.on("upgrade", (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
      this.tunnels.add(socket);
      socket.on("close", () => this.tunnels.delete(socket));
      proxyUpgrade(this.deps, req, socket, head, proto);
    });
  }

  private invalidate(): void {
    this.dirty = true;
    if (this.refreshQueued) return;
    this.refreshQueued = true;
    // Rebuild soon even without traffic, so warnings and certificates follow changes promptly.
    setImmediate(() => {
      this.refreshQueued = false;
      if (this.dirty) this.refresh();
    });
  }

  private refresh(): void {
    this.dirty = false;
    const store = this.opts.store;
    const ingresses = store.list("Ingress");
    const table = compileRoutes(ingresses, this.classOption());
    const warnings: IngressWarning[] = [...table.warnings];
    if (this.opts.https !== undefined) {
      const lookup: SecretLookup = (ns, name) => store.get("Secret", ns, name);
      const plan = compileTls(servedIngresses(ingresses, this.opts.className), lookup);
      this.contexts = this.certificates.build(plan, lookup);
      warnings.push(...this.contexts.warnings);
      this.installFallback();
    }
    this.table = table;
    this.report(warnings);
  }

  private classOption(): { className?: string } {
    return this.opts.className === undefined ? {} : { className: this.opts.className };
  }

  /** The listener's own certificate (for clients without SNI): a fallback Secret, else the default. */
  private installFallback(): void {
    const server = this.httpsServer;
    if (!server || !this.defaultPem) return;
    const pem = this.contexts.fallbackPem;
    const id = pem?.digest ?? "default";
    if (id === this.installedFallback) return;
    server.setSecureContext(pem ? { cert: pem.cert, key: pem.key } : this.defaultPem);
    this.installedFallback = id;
  }

  private report(warnings: IngressWarning[]): void {
    const now = new Set<string>();
    for (const w of warnings) {
      const key = warningKey(w);
      now.add(key);
      if (this.reported.has(key)) continue;
      try {
        this.opts.onEvent?.(warningEvent(w));
      } catch {
        // Reporting is best effort; routing must not depend on it.
      }
    }
    this.reported = now;
  }
}

function listen(server: http.Server, at: ListenAddress, key: string): Promise<ListenAddress> {
  return new Promise((resolve, reject) => {
    const onError = (e: NodeJS.ErrnoException): void => {
      reject(
        new BerthError(
          "E_INGRESS_LISTEN",
          `${key}: cannot listen on ${formatListenAddress(at)}: ${e.message}`,
          {
            hint: `set ${key} to a free address`,
            cause: e,
          },
        ),
      );
    };
    server.once("error", onError);
    const ready = (): void => {
      server.removeListener("error", onError);
      const a = server.address() as AddressInfo;
      resolve({ host: a.address, port: a.port });
    };
    if (at.host === "") server.listen(at.port, ready);
    else server.listen(at.port, at.host, ready);
  });
}

function closeServer(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}
