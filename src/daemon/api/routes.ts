// The API's endpoints: method, path pattern, whether the bearer token guards it, and the handler.
// Reference: docs/observability.md, "HTTP API".

import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "pino";
import type { BerthMetrics } from "../../notify/metrics.js";
import { badRequest, notFound, sendJson, sendText } from "./http.js";
import { streamLogs } from "./logs.js";
import { onlyParams, parseBool, parseCount, parseEventQuery, parseObjectQuery } from "./query.js";
import { redactForApi } from "./redact.js";
import type { DaemonView } from "./types.js";
import { handleWebhook, type WebhookContext } from "./webhooks/handler.js";
import { PROVIDERS, type Provider } from "./webhooks/payload.js";

export interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  params: string[];
  /** Aborted when the client goes away or the server closes. */
  signal: AbortSignal;
}

export interface Deps {
  view: DaemonView;
  metrics: BerthMetrics | undefined;
  webhook: Omit<WebhookContext, "view">;
  logger: Logger;
  secretSalt: string;
}

export interface Route {
  method: "GET" | "POST";
  pattern: RegExp;
  /** Open to anyone who reaches the port: liveness probes and webhooks (which carry signatures). */
  public?: boolean;
  handle(ctx: RouteContext, deps: Deps): Promise<void>;
}

const SEGMENT = "([^/]+)";

async function triggerSync(ctx: RouteContext, deps: Deps, app: string | undefined): Promise<void> {
  onlyParams(ctx.url.searchParams, ["wait"]);
  const wait = parseBool(ctx.url.searchParams, "wait");
  const result = await deps.view.triggerSync(app, { wait, signal: ctx.signal });
  if (!wait) {
    sendJson(ctx.res, 202, { triggered: result.apps });
    return;
  }
  const results = result.results ?? [];
  sendJson(ctx.res, 200, {
    triggered: result.apps,
    result: results.every((r) => r.result === "succeeded") ? "succeeded" : "failed",
    results,
  });
}

async function appStatus(ctx: RouteContext, deps: Deps): Promise<void> {
  onlyParams(ctx.url.searchParams, []);
  const name = ctx.params[0] ?? "";
  const app = (await deps.view.status()).apps.find((a) => a.name === name);
  if (app === undefined) throw notFound(`app "${name}" is not configured`);
  sendJson(ctx.res, 200, app);
}

export const ROUTES: readonly Route[] = [
  {
    method: "GET",
    pattern: /^\/healthz$/,
    public: true,
    handle: async ({ res }) => sendText(res, 200, "ok\n"),
  },
  {
    method: "GET",
    pattern: /^\/readyz$/,
    handle: async ({ res }, { view }) => {
      const r = view.ready();
      if (r.ready) sendText(res, 200, "ok\n");
      else sendText(res, 503, `not ready: ${r.reason}\n`);
    },
  },
  {
    method: "GET",
    pattern: /^\/metrics$/,
    handle: async ({ res }, { metrics }) => {
      if (metrics === undefined) throw notFound("metrics are not collected by this server");
      const text = await metrics.metricsText();
      sendText(res, 200, text, { "content-type": metrics.contentType });
    },
  },
  {
    method: "GET",
    pattern: /^\/api\/v1\/status$/,
    handle: async ({ res, url }, { view }) => {
      onlyParams(url.searchParams, []);
      sendJson(res, 200, await view.status());
    },
  },
  {
    method: "GET",
    pattern: /^\/api\/v1\/apps$/,
    handle: async ({ res, url }, { view }) => {
      onlyParams(url.searchParams, []);
      sendJson(res, 200, { items: (await view.status()).apps });
    },
  },
  { method: "GET", pattern: new RegExp(`^/api/v1/apps/${SEGMENT}$`), handle: appStatus },
  {
    method: "GET",
    pattern: /^\/api\/v1\/objects$/,
    handle: async ({ res, url }, { view, secretSalt }) => {
      const objects = await view.objects(parseObjectQuery(url.searchParams));
      sendJson(res, 200, { items: objects.map((o) => redactForApi(o, secretSalt)) });
    },
  },
  {
    method: "GET",
    pattern: /^\/api\/v1\/events$/,
    handle: async ({ res, url }, { view }) => {
      sendJson(res, 200, { items: await view.events(parseEventQuery(url.searchParams)) });
    },
  },
  {
    method: "GET",
    pattern: /^\/api\/v1\/nodes$/,
    handle: async ({ res, url }, { view }) => {
      onlyParams(url.searchParams, []);
      sendJson(res, 200, { items: await view.nodes() });
    },
  },
  { method: "POST", pattern: /^\/api\/v1\/sync$/, handle: (ctx, deps) => triggerSync(ctx, deps, undefined) },
  {
    method: "POST",
    pattern: new RegExp(`^/api/v1/apps/${SEGMENT}/sync$`),
    handle: (ctx, deps) => triggerSync(ctx, deps, ctx.params[0]),
  },
  {
    method: "GET",
    pattern: new RegExp(`^/api/v1/pods/${SEGMENT}/${SEGMENT}/logs$`),
    handle: async (ctx, { view }) => {
      const p = ctx.url.searchParams;
      onlyParams(p, ["container", "tail", "follow", "previous", "timestamps"]);
      const container = p.get("container");
      const tail = parseCount(p, "tail");
      const stream = await view.logs(ctx.params[0] ?? "", ctx.params[1] ?? "", {
        ...(container !== null && container !== "" ? { container } : {}),
        ...(tail !== undefined ? { tail } : {}),
        follow: parseBool(p, "follow"),
        previous: parseBool(p, "previous"),
        timestamps: parseBool(p, "timestamps"),
        signal: ctx.signal,
      });
      await streamLogs(ctx.res, stream, ctx.signal);
    },
  },
  {
    method: "POST",
    pattern: new RegExp(`^/api/webhook/${SEGMENT}$`),
    public: true,
    handle: async (ctx, deps) => {
      const provider = ctx.params[0] ?? "";
      if (!(PROVIDERS as readonly string[]).includes(provider)) {
        throw notFound(`no webhook "${provider}" (berth has ${PROVIDERS.join(", ")})`);
      }
      if (ctx.url.search !== "") throw badRequest("webhooks take no query parameters");
      await handleWebhook(
        provider as Provider,
        ctx.req,
        ctx.res,
        { ...deps.webhook, view: deps.view },
        ctx.signal,
      );
    },
  },
];
