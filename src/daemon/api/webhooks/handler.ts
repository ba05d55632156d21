// POST /api/webhook/<provider>: read the body (capped), check its signature, and ask for a sync pass of
// the sources the pushed repository feeds. Responses (docs/observability.md, "Webhooks"):
//   202 {triggered: [apps]}            a push for one or more configured sources
//   200 {triggered: [], message}       a push for a repository no source follows
//   200 {event: "ping"} / {ignored}    a ping, or an event berth does not act on
//   401 bad or missing signature · 404 provider not configured · 413 body too large · 400 not JSON

import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "pino";
import type { BerthConfig } from "../../../config/types.js";
import { redactUrl } from "../../../sync/url.js";
import { errorCode } from "../../../notify/log-events.js";
import { HttpError, readBody, sendJson } from "../http.js";
import type { DaemonView } from "../types.js";
import { parseDelivery, type Provider } from "./payload.js";
import { sourcesForRepos, type NamedRepo } from "./repo-match.js";
import { verifyGeneric, verifyGitea, verifyGithub, verifyGitlab, type Verdict } from "./verify.js";

export interface WebhookContext {
  webhooks: BerthConfig["webhooks"];
  sources: readonly NamedRepo[];
  view: Pick<DaemonView, "triggerSync">;
  logger: Logger;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** The configured check for `provider`, or undefined when that webhook is off. */
function verifier(
  provider: Provider,
  webhooks: BerthConfig["webhooks"],
): ((req: IncomingMessage, body: Buffer) => Verdict) | undefined {
  switch (provider) {
    case "github": {
      const secret = webhooks.github?.secret;
      return secret
        ? (req, body) =>
            verifyGithub(
              body,
              {
                "x-hub-signature-256": header(req, "x-hub-signature-256"),
                "x-hub-signature": header(req, "x-hub-signature"),
              },
              secret.reveal(),
            )
        : undefined;
    }
    case "gitlab": {
      const token = webhooks.gitlab?.token;
      return token ? (req) => verifyGitlab(header(req, "x-gitlab-token"), token.reveal()) : undefined;
    }
    case "gitea": {
      const secret = webhooks.gitea?.secret;
      return secret
        ? (req, body) =>
            verifyGitea(
              body,
              header(req, "x-gitea-signature") ?? header(req, "x-forgejo-signature"),
              secret.reveal(),
            )
        : undefined;
    }
    case "generic": {
      const secret = webhooks.generic?.secret;
      return secret
        ? (req, body) => verifyGeneric(body, header(req, "x-berth-signature"), secret.reveal())
        : undefined;
    }
  }
}

function eventHeader(provider: Provider, req: IncomingMessage): string | undefined {
  switch (provider) {
    case "github":
      return header(req, "x-github-event");
    case "gitlab":
      return header(req, "x-gitlab-event");
    case "gitea":
      return header(req, "x-gitea-event") ?? header(req, "x-forgejo-event") ?? header(req, "x-gogs-event");
    case "generic":
      return undefined;
  }
}

function deliveryId(req: IncomingMessage): string | undefined {
  return (
    header(req, "x-github-delivery") ??
    header(req, "x-gitea-delivery") ??
    header(req, "x-gitlab-event-uuid") ??
    header(req, "x-berth-delivery")
  );
}

export async function handleWebhook(
  provider: Provider,
  req: IncomingMessage,
  res: ServerResponse,
  ctx: WebhookContext,
  signal: AbortSignal,
): Promise<void> {
  const check = verifier(provider, ctx.webhooks);
  if (check === undefined) {
    throw new HttpError(
      404,
      "E_NOT_FOUND",
      `the ${provider} webhook is not configured (berth.yaml webhooks.${provider})`,
    );
  }
  const body = await readBody(req, ctx.webhooks.maxBodyBytes);
  const delivery = deliveryId(req);
  const fields = {
    provider,
    ...(delivery !== undefined ? { delivery } : {}),
    remote: req.socket.remoteAddress,
  };
  const verdict = check(req, body);
  if (!verdict.ok) {
    ctx.logger.warn({ ...fields, reason: verdict.reason }, "webhook rejected");
    throw new HttpError(401, "E_WEBHOOK_SIGNATURE", `webhook rejected: ${verdict.reason}`);
  }

  const parsed = parseDelivery(provider, body, {
    event: eventHeader(provider, req),
    contentType: header(req, "content-type"),
  });
  if (parsed.kind === "ping") {
    ctx.logger.info({ ...fields, event: parsed.event }, "webhook ping");
    sendJson(res, 200, { event: parsed.event, message: "pong: the secret matches" });
    return;
  }
  if (parsed.kind === "ignored") {
    ctx.logger.debug({ ...fields, event: parsed.event }, "webhook event ignored");
    sendJson(res, 200, {
      event: parsed.event,
      ignored: true,
      message: `berth acts on pushes only, not on "${parsed.event}"`,
    });
    return;
  }

  const apps = parsed.all ? ctx.sources.map((s) => s.name) : sourcesForRepos(ctx.sources, parsed.repos);
  const repository = parsed.repos[0] === undefined ? undefined : redactUrl(parsed.repos[0]);
  const triggered: string[] = [];
  for (const app of apps) {
    try {
      await ctx.view.triggerSync(app, { wait: false, signal });
      triggered.push(app);
    } catch (e) {
      ctx.logger.warn(
        { ...fields, app, code: errorCode(e), error: (e as Error).message },
        "webhook trigger failed",
      );
    }
  }
  ctx.logger.info({ ...fields, event: parsed.event, repository, triggered }, "webhook");
  if (triggered.length > 0) {
    sendJson(res, 202, { event: parsed.event, triggered });
    return;
  }
  sendJson(res, 200, {
    event: parsed.event,
    triggered: [],
    message:
      repository === undefined
        ? "no source is configured"
        : `no source follows ${repository}; sources are matched by repository URL (host and path)`,
  });
}
