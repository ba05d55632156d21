// The CLI's client of a running daemon's HTTP API. Where the daemon is and which token to send come
// from, in order: flags (--server, --token), the environment (BERTH_SERVER, BERTH_TOKEN), berth.yaml
// (api.listen, api.token / tokenFile / tokenEnv). Failures are BerthErrors the CLI prints as they are:
// E_API_UNREACHABLE (nothing answers), E_API_UNAUTHORIZED (token missing or wrong), or the server's
// own error code and message. The token is never printed.

import type {
  AppStatusView,
  ApiErrorBody,
  EventQuery,
  ObjectQuery,
  StatusView,
  SyncPassResult,
} from "../daemon/api/types.js";
import { formatSelector } from "../manifest/selector.js";
import type { KObject } from "../manifest/types.js";
import type { NodeState, StateEvent } from "../state/types.js";
import { BerthError } from "../util/errors.js";
import type { ApiConfig } from "./api-config.js";

export const E_API_UNREACHABLE = "E_API_UNREACHABLE";
export const E_API_UNAUTHORIZED = "E_API_UNAUTHORIZED";

export interface ClientFlags {
  server?: string;
  token?: string;
}

export interface ServerTarget {
  /** "http://127.0.0.1:7070", no trailing slash. */
  baseUrl: string;
  token?: string;
  /** Where the address came from: only a daemon found through berth.yaml or the default is "local". */
  from: "flag" | "env" | "config";
  /** Why berth.yaml's token could not be read in this shell, for the message of a 401. */
  tokenProblem?: string;
}

/** The URL a client uses for a listen address: a wildcard host means this machine's loopback. */
export function listenToUrl(listen: string): string {
  const m = /^(\[[^\]]*\]|[^:]*):(\d+)$/.exec(listen);
  const host = m?.[1] ?? "";
  const port = m?.[2] ?? "7070";
  const shown =
    host === "" || host === "0.0.0.0" ? "127.0.0.1" : host === "[::]" || host === "[::0]" ? "[::1]" : host;
  return `http://${shown}:${port}`;
}

/** --server / BERTH_SERVER: a URL, or host:port for http. */
export function normalizeServer(text: string): string {
  const t = text.trim().replace(/\/+$/, "");
  if (/^https?:\/\//i.test(t)) return t;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(t)) {
    throw new BerthError("E_USAGE", `--server ${t}: only http:// and https:// are supported`);
  }
  return `http://${t}`;
}

/**
 * The daemon to talk to. `apiConfig` (berth.yaml's api section) is only read when flags and
 * environment leave the address or the token open, so a remote daemon needs no local berth.yaml.
 */
export function resolveServer(
  flags: ClientFlags,
  env: NodeJS.ProcessEnv,
  apiConfig: () => ApiConfig,
): ServerTarget {
  const server = flags.server ?? (env.BERTH_SERVER || undefined);
  const token = flags.token ?? (env.BERTH_TOKEN || undefined);
  const config = server === undefined || token === undefined ? apiConfig() : undefined;
  const baseUrl = server !== undefined ? normalizeServer(server) : listenToUrl(config?.listen ?? "");
  const from = flags.server !== undefined ? "flag" : server !== undefined ? "env" : "config";
  const resolvedToken = token ?? config?.token;
  return {
    baseUrl,
    from,
    ...(resolvedToken !== undefined ? { token: resolvedToken } : {}),
    ...(resolvedToken === undefined && config?.tokenProblem !== undefined
      ? { tokenProblem: config.tokenProblem }
      : {}),
  };
}

export interface SyncResponse {
  triggered: string[];
  /** With wait. */
  result?: "succeeded" | "failed";
  results?: SyncPassResult[];
}

/** Why fetch failed, shortest first: the system error code (ECONNREFUSED), else the cause's message. */
function causeCode(e: unknown): string {
  const cause = (e as { cause?: { code?: unknown; message?: unknown } }).cause;
  if (typeof cause?.code === "string") return cause.code;
  if (typeof cause?.message === "string" && cause.message !== "") return cause.message;
  return e instanceof Error ? e.message : String(e);
}

export class BerthClient {
  constructor(readonly target: ServerTarget) {}

  private async request(
    method: "GET" | "POST",
    path: string,
    signal?: AbortSignal,
    accept: (status: number) => boolean = (status) => status >= 200 && status < 300,
  ): Promise<Response> {
    const headers: Record<string, string> = { accept: "application/json" };
    if (this.target.token !== undefined) headers.authorization = `Bearer ${this.target.token}`;
    let res: Response;
    try {
      res = await fetch(`${this.target.baseUrl}${path}`, { method, headers, ...(signal ? { signal } : {}) });
    } catch (e) {
      if (signal?.aborted) throw signal.reason;
      throw new BerthError(
        E_API_UNREACHABLE,
        `no berth daemon answers at ${this.target.baseUrl} (${causeCode(e)})`,
        {
          hint: "is `berth run` running? point at it with --server or BERTH_SERVER",
          cause: e,
        },
      );
    }
    if (accept(res.status)) return res;
    const body = (await res.json().catch(() => undefined)) as ApiErrorBody | undefined;
    const message = body?.error.message ?? `HTTP ${res.status}`;
    if (res.status === 401) {
      throw new BerthError(
        E_API_UNAUTHORIZED,
        `berth at ${this.target.baseUrl} refused the request: ${message}`,
        {
          hint:
            this.target.token !== undefined
              ? "the token given is not the daemon's api.token"
              : this.target.tokenProblem !== undefined
                ? `berth.yaml's api token cannot be read here (${this.target.tokenProblem}); or give --token or BERTH_TOKEN`
                : "give the API token with --token, BERTH_TOKEN or api.token in berth.yaml",
        },
      );
    }
    throw new BerthError(body?.error.code ?? "E_API", message);
  }

  /**
   * Whether a daemon answers and accepts the token: resolves with its readiness (a daemon still on its
   * first sync answers too); throws E_API_UNREACHABLE or E_API_UNAUTHORIZED.
   */
  async probe(): Promise<{ ready: boolean }> {
    const res = await this.request("GET", "/readyz", undefined, (s) => s === 200 || s === 503);
    await res.arrayBuffer();
    return { ready: res.status === 200 };
  }

  private async json<T>(path: string): Promise<T> {
    return (await (await this.request("GET", path)).json()) as T;
  }

  status(): Promise<StatusView> {
    return this.json("/api/v1/status");
  }

  app(name: string): Promise<AppStatusView> {
    return this.json(`/api/v1/apps/${encodeURIComponent(name)}`);
  }

  async objects(q: ObjectQuery = {}): Promise<KObject[]> {
    const p = new URLSearchParams();
    if (q.kind !== undefined) p.set("kind", q.kind);
    if (q.namespace !== undefined) p.set("namespace", q.namespace);
    if (q.name !== undefined) p.set("name", q.name);
    if (q.selector !== undefined) p.set("selector", formatSelector(q.selector));
    const query = p.size > 0 ? `?${p.toString()}` : "";
    return (await this.json<{ items: KObject[] }>(`/api/v1/objects${query}`)).items;
  }

  async events(q: EventQuery = {}): Promise<StateEvent[]> {
    const p = new URLSearchParams();
    if (q.kind !== undefined) p.set("kind", q.kind);
    if (q.namespace !== undefined) p.set("namespace", q.namespace);
    if (q.name !== undefined) p.set("name", q.name);
    const query = p.size > 0 ? `?${p.toString()}` : "";
    return (await this.json<{ items: StateEvent[] }>(`/api/v1/events${query}`)).items;
  }

  async nodes(): Promise<NodeState[]> {
    return (await this.json<{ items: NodeState[] }>("/api/v1/nodes")).items;
  }

  /** Asks for a sync pass of `app` (every app when undefined); with `wait`, resolves with its outcome. */
  async sync(app: string | undefined, opts: { wait: boolean; signal?: AbortSignal }): Promise<SyncResponse> {
    const path = app === undefined ? "/api/v1/sync" : `/api/v1/apps/${encodeURIComponent(app)}/sync`;
    const res = await this.request("POST", `${path}${opts.wait ? "?wait=true" : ""}`, opts.signal);
    return (await res.json()) as SyncResponse;
  }

  /** A pod's log bytes as they come (for `berth logs` through the daemon). */
  async logs(
    namespace: string,
    pod: string,
    opts: { container?: string; tail?: number; follow?: boolean; previous?: boolean; timestamps?: boolean },
    signal?: AbortSignal,
  ): Promise<AsyncIterable<Uint8Array>> {
    const p = new URLSearchParams();
    if (opts.container !== undefined) p.set("container", opts.container);
    if (opts.tail !== undefined) p.set("tail", String(opts.tail));
    for (const flag of ["follow", "previous", "timestamps"] as const)
      if (opts[flag] === true) p.set(flag, "true");
    const query = p.size > 0 ? `?${p.toString()}` : "";
    const path = `/api/v1/pods/${encodeURIComponent(namespace)}/${encodeURIComponent(pod)}/logs${query}`;
    const res = await this.request("GET", path, signal);
    if (res.body === null) throw new BerthError("E_API", "the log response has no body");
    return res.body;
  }
}
