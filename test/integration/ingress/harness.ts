// Real backends on loopback, a resolver over them, and the ingress controller in front, for the
// ingress integration tests.

import http from "node:http";
import type { AddressInfo } from "node:net";
import net from "node:net";
import type { Service, ServiceBackendPort } from "../../../src/manifest/types.js";
import type { AccessLogEntry } from "../../../src/network/ingress/access-log.js";
import type {
  BackendEndpoint,
  BackendResolver,
  ResolvedBackend,
} from "../../../src/network/ingress/resolver.js";
import { IngressController, type IngressControllerOptions } from "../../../src/network/ingress/server.js";
import type { EventInput } from "../../../src/state/events.js";
import { ObjectStore } from "../../../src/state/store.js";

export interface Backend {
  name: string;
  port: number;
  endpoint: BackendEndpoint;
  /** Requests received, in order. */
  seen: { method: string; url: string; headers: http.IncomingHttpHeaders }[];
  server: http.Server;
  close(): Promise<void>;
}

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse, backend: Backend) => void;

/** Answers with JSON naming the backend and echoing the request (body included). */
export const echo: Handler = (req, res, backend) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    const body = JSON.stringify({
      backend: backend.name,
      method: req.method,
      url: req.url,
      headers: req.headers,
      body: Buffer.concat(chunks).toString("utf8"),
    });
    res.writeHead(200, { "Content-Type": "application/json" });
    res.end(body);
  });
};

export async function startBackend(name: string, handler: Handler = echo): Promise<Backend> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const backend: Backend = {
    name,
    port,
    endpoint: { host: "127.0.0.1", port, pod: `default/${name}` },
    seen: [],
    server,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  server.on("request", (req: http.IncomingMessage, res: http.ServerResponse) => {
    backend.seen.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers });
    handler(req, res, backend);
  });
  return backend;
}

/** A loopback port nothing listens on (bound, then released). */
export async function deadPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

export function deadEndpoint(port: number): BackendEndpoint {
  return { host: "127.0.0.1", port, pod: "default/dead" };
}

/** Services by namespace/name, endpoints by port name and number. */
export class TestResolver implements BackendResolver {
  private readonly services = new Map<
    string,
    { service: Service; endpoints: Map<string, BackendEndpoint[]> }
  >();

  set(
    namespace: string,
    name: string,
    ports: { name?: string; port: number; endpoints: BackendEndpoint[] }[],
  ): void {
    const service: Service = {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name, namespace, labels: {}, annotations: {} },
      spec: {
        ports: ports.map((p) => (p.name === undefined ? { port: p.port } : { name: p.name, port: p.port })),
      },
    };
    const endpoints = new Map<string, BackendEndpoint[]>();
    for (const p of ports) {
      endpoints.set(`#${p.port}`, p.endpoints);
      if (p.name !== undefined) endpoints.set(p.name, p.endpoints);
    }
    this.services.set(`${namespace}/${name}`, { service, endpoints });
  }

  private readonly broken = new Map<string, string>();

  /** Makes resolve() throw for this service, as a bug in the networking module would. */
  breakService(namespace: string, name: string, message: string): void {
    this.broken.set(`${namespace}/${name}`, message);
  }

  resolve(namespace: string, service: string, port: ServiceBackendPort): ResolvedBackend {
    const failure = this.broken.get(`${namespace}/${service}`);
    if (failure !== undefined) throw new Error(failure);
    const s = this.services.get(`${namespace}/${service}`);
    if (!s) return { endpoints: [] };
    const key = port.number !== undefined ? `#${port.number}` : (port.name ?? "");
    return { endpoints: s.endpoints.get(key) ?? [], service: s.service };
  }
}

export interface RunningIngress {
  controller: IngressController;
  store: ObjectStore;
  resolver: TestResolver;
  httpPort: number;
  httpsPort: number;
  logs: AccessLogEntry[];
  events: EventInput[];
  stop(): Promise<void>;
}

export async function startIngress(
  opts: Partial<Omit<IngressControllerOptions, "store" | "resolver">> & { store?: ObjectStore } = {},
): Promise<RunningIngress> {
  const store = opts.store ?? new ObjectStore();
  const resolver = new TestResolver();
  const logs: AccessLogEntry[] = [];
  const events: EventInput[] = [];
  const controller = new IngressController({
    http: "127.0.0.1:0",
    ...opts,
    store,
    resolver,
    log: (e) => logs.push(e),
    onEvent: (e) => events.push(e),
  });
  const addresses = await controller.start();
  return {
    controller,
    store,
    resolver,
    httpPort: addresses.http?.port ?? 0,
    httpsPort: addresses.https?.port ?? 0,
    logs,
    events,
    stop: () => controller.stop(),
  };
}

export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export function request(
  port: number,
  o: {
    host?: string;
    path?: string;
    method?: string;
    headers?: http.OutgoingHttpHeaders;
    body?: string;
  } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers: http.OutgoingHttpHeaders = { ...o.headers };
    if (o.host !== undefined) headers.host = o.host;
    // Node frames a GET body only when told its length.
    if (o.body !== undefined) headers["content-length"] ??= String(Buffer.byteLength(o.body));
    const req = http.request(
      { host: "127.0.0.1", port, path: o.path ?? "/", method: o.method ?? "GET", headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString("utf8"),
          });
        });
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(o.body);
  });
}

/** The JSON an echo backend answered. */
export function echoed(r: Reply): {
  backend: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
} {
  return JSON.parse(r.body) as {
    backend: string;
    method: string;
    url: string;
    headers: Record<string, string>;
    body: string;
  };
}

/** Waits until `check` holds, polling every 10 ms (for log lines written on close). */
export async function until(check: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 10));
  }
}
