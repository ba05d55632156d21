// An ApiServer on a loopback port with a FakeDaemonView, and small request helpers.

import { request } from "node:http";
import { Secret } from "../../../src/config/secret.js";
import type { BerthConfig } from "../../../src/config/types.js";
import { ApiServer } from "../../../src/daemon/api/server.js";
import { BerthMetrics } from "../../../src/notify/metrics.js";
import { FakeDaemonView } from "../../support/fake-daemon-view.js";
import { captureLogger } from "../../support/log-capture.js";

export const TOKEN = "api-t0ken-4-tests";
export const SALT = "5a".repeat(32);

export interface Harness {
  server: ApiServer;
  view: FakeDaemonView;
  metrics: BerthMetrics;
  url: string;
  logs: ReturnType<typeof captureLogger>["logs"];
  /** fetch against the server, with the token unless `auth: false`. */
  get(path: string, init?: RequestInit & { auth?: boolean | string }): Promise<Response>;
  post(path: string, init?: RequestInit & { auth?: boolean | string }): Promise<Response>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  token?: string | undefined;
  webhooks?: Partial<BerthConfig["webhooks"]>;
  sources?: { name: string; repo: string }[];
}

export async function startServer(opts: HarnessOptions = {}): Promise<Harness> {
  const view = new FakeDaemonView();
  const metrics = new BerthMetrics({ defaultMetrics: false });
  const { logger, logs } = captureLogger();
  const token = "token" in opts ? opts.token : TOKEN;
  const server = new ApiServer({
    view,
    metrics,
    api: { listen: "127.0.0.1:0", ...(token !== undefined ? { token: new Secret(token) } : {}) },
    webhooks: { maxBodyBytes: 64 * 1024, ...opts.webhooks },
    sources: opts.sources ?? [{ name: "shop", repo: "https://git.example.com/org/shop.git" }],
    logger,
    secretSalt: SALT,
  });
  const { url } = await server.listen();
  const call =
    (method: string) =>
    (path: string, init: RequestInit & { auth?: boolean | string } = {}) => {
      const { auth = true, headers, ...rest } = init;
      const h = new Headers(headers);
      if (auth !== false && token !== undefined)
        h.set("authorization", `Bearer ${auth === true ? token : auth}`);
      return fetch(`${url}${path}`, { method, headers: h, ...rest });
    };
  return {
    server,
    view,
    metrics,
    url,
    logs,
    get: call("GET"),
    post: call("POST"),
    close: () => server.close(),
  };
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * A POST through node:http that keeps writing `chunks` (no Content-Length unless given) and reports
 * the response even when the server answers before the body is finished.
 */
export function rawPost(
  url: string,
  path: string,
  chunks: Buffer[],
  headers: Record<string, string> = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}${path}`, { method: "POST", headers }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      res.on("error", reject);
    });
    // The server may close the connection while the body is still going out: that is the point.
    req.on("error", (e: NodeJS.ErrnoException) => {
      if (e.code !== "EPIPE" && e.code !== "ECONNRESET") reject(e);
    });
    const write = (i: number): void => {
      const chunk = chunks[i];
      if (chunk === undefined) {
        req.end();
        return;
      }
      if (req.destroyed) return;
      if (req.write(chunk)) setImmediate(() => write(i + 1));
      else req.once("drain", () => write(i + 1));
    };
    write(0);
  });
}
