// From the validated file (schema defaults filled in) to the typed BerthConfig: durations and
// quantities parsed, endpoints and paths resolved, secrets read, machine defaults added, and the
// checks a schema cannot express (unique names, ranges that must be ordered, a token for an API
// that listens beyond loopback). Problems are collected, not thrown, so all are reported at once.

import { defaultStatePath } from "./defaults.js";
import { isLoopback } from "./endpoint.js";
import { problem, type ConfigProblem } from "./errors.js";
import { FieldParser, type NormalizeContext } from "./field-parser.js";
import { parseListenAddress, parsePortRange } from "./formats.js";
import { nodes } from "./nodes.js";
import type { RawConfig } from "./raw.js";
import type { Secret, SecretRef } from "./secret.js";
import { source, sourceDefaults } from "./sources.js";
import type { BerthConfig, NotificationConfig } from "./types.js";
import type { FieldPath } from "../manifest/issue.js";
import { templateProblem } from "../notify/template.js";

export type { NormalizeContext } from "./field-parser.js";

function runtime(p: FieldParser, raw: RawConfig["runtime"]): BerthConfig["runtime"] {
  const at = (...rest: string[]): FieldPath => ["runtime", ...rest];
  const crash = p.backoff(raw.crashLoopBackoff, at("crashLoopBackoff"));
  return {
    allowHostPath: raw.allowHostPath,
    allowPrivileged: raw.allowPrivileged,
    allowHostNetwork: raw.allowHostNetwork,
    crashLoopBackoff: {
      ...crash,
      resetAfter: p.duration(raw.crashLoopBackoff.resetAfter, at("crashLoopBackoff", "resetAfter")),
    },
    imagePullBackoff: p.backoff(raw.imagePullBackoff, at("imagePullBackoff")),
    jobBackoff: p.backoff(raw.jobBackoff, at("jobBackoff")),
    nodeHeartbeat: {
      interval: p.duration(raw.nodeHeartbeat.interval, at("nodeHeartbeat", "interval")),
      failureThreshold: raw.nodeHeartbeat.failureThreshold,
    },
    podEvictionTimeout: p.duration(raw.podEvictionTimeout, at("podEvictionTimeout")),
    resyncInterval: p.duration(raw.resyncInterval, at("resyncInterval")),
    clusterDomain: raw.clusterDomain,
  };
}

function api(p: FieldParser, raw: RawConfig["api"]): BerthConfig["api"] {
  const given = (["token", "tokenFile", "tokenEnv"] as const).filter((k) => raw[k] !== undefined);
  if (given.length > 1) {
    p.problems.push(
      problem(["api", given[1] ?? "token"], `conflicts with api.${given[0] ?? "token"}`, {
        hint: "give the token one way only",
      }),
    );
  }
  const ref: SecretRef | undefined =
    raw.token ??
    (raw.tokenFile !== undefined
      ? { file: raw.tokenFile }
      : raw.tokenEnv !== undefined
        ? { env: raw.tokenEnv }
        : undefined);
  const out: BerthConfig["api"] = { listen: raw.listen };
  const token = ref === undefined ? undefined : p.secret(ref, ["api", given[0] ?? "token"]);
  if (token) out.token = token;
  const host = parseListenAddress(raw.listen)?.host ?? "";
  if (ref === undefined && !isLoopback(host)) {
    p.problems.push(
      problem(["api", "listen"], "listens beyond this machine without a token", {
        hint: "set api.token (or tokenFile / tokenEnv), or listen on 127.0.0.1",
      }),
    );
  }
  return out;
}

function webhooks(p: FieldParser, raw: RawConfig["webhooks"]): BerthConfig["webhooks"] {
  const out: BerthConfig["webhooks"] = {
    maxBodyBytes: p.quantity(raw.maxBodyBytes, "memory", ["webhooks", "maxBodyBytes"]),
  };
  for (const provider of ["github", "gitea", "generic"] as const) {
    const ref = raw[provider]?.secret;
    const secret = ref === undefined ? undefined : p.secret(ref, ["webhooks", provider, "secret"]);
    if (secret) out[provider] = { secret };
  }
  const gitlab =
    raw.gitlab === undefined ? undefined : p.secret(raw.gitlab.token, ["webhooks", "gitlab", "token"]);
  if (gitlab) out.gitlab = { token: gitlab };
  if (out.maxBodyBytes < 1) p.problems.push(problem(["webhooks", "maxBodyBytes"], "must be at least 1 byte"));
  return out;
}

function notifications(p: FieldParser, raw: NonNullable<RawConfig["notifications"]>): NotificationConfig[] {
  const out: NotificationConfig[] = [];
  raw.forEach((n, i) => {
    const url = p.secret(n.url, ["notifications", i, "url"]);
    // The URL may carry a token: say what is wrong with it without echoing it.
    if (url && !/^https?:\/\/[^\s/]+/.test(url.reveal())) {
      p.problems.push(
        problem(["notifications", i, "url"], "is not an http:// or https:// URL", {
          expected: "https://host/path",
        }),
      );
    }
    const templateIssue = n.template === undefined ? undefined : templateProblem(n.template);
    if (templateIssue !== undefined)
      p.problems.push(problem(["notifications", i, "template"], templateIssue));
    const headers: Record<string, Secret> = {};
    for (const [name, ref] of Object.entries(n.headers ?? {})) {
      const v = p.secret(ref, ["notifications", i, "headers", name]);
      if (v) headers[name] = v;
    }
    if (url) {
      out.push({
        name: n.name,
        type: n.type,
        url,
        triggers: n.triggers,
        ...(n.template !== undefined ? { template: n.template } : {}),
        headers,
      });
    }
  });
  p.unique(
    raw.map((n) => n.name),
    "notification name",
    (i) => ["notifications", i, "name"],
  );
  return out;
}

function listeners(p: FieldParser, cfg: Pick<BerthConfig, "ingress" | "api">): void {
  const seen: { host: string; port: number; name: string }[] = [];
  const entries: [FieldPath, string | undefined][] = [
    [["api", "listen"], cfg.api.listen],
    [["ingress", "http"], cfg.ingress.http],
    [["ingress", "https"], cfg.ingress.https],
  ];
  for (const [path, addr] of entries) {
    const parsed = addr === undefined ? undefined : parseListenAddress(addr);
    if (!parsed) continue;
    // Ports clash when the hosts are equal or either side listens on every interface.
    for (const o of seen) {
      if (o.port === parsed.port && (o.host === parsed.host || o.host === "" || parsed.host === "")) {
        p.problems.push(problem(path, `uses the same port as ${o.name}`, { found: JSON.stringify(addr) }));
      }
    }
    seen.push({ ...parsed, name: path.join(".") });
  }
}

export function normalize(
  raw: RawConfig,
  ctx: NormalizeContext,
): { config: BerthConfig; problems: ConfigProblem[] } {
  const p = new FieldParser(ctx);
  const defaults = sourceDefaults(p, raw.sourceDefaults);
  const sources = (raw.sources ?? []).map((s, i) => source(p, s, defaults, i));
  p.unique(
    sources.map((s) => s.name),
    "source name",
    (i) => ["sources", i, "name"],
  );
  const range = parsePortRange(raw.services.nodePortRange) ?? { min: 30000, max: 32767 };
  const config: BerthConfig = {
    ...(ctx.file !== undefined ? { file: ctx.file } : {}),
    nodes: nodes(p, raw, ctx),
    runtime: runtime(p, raw.runtime),
    scheduler: { percentageOfNodesToScore: raw.scheduler.percentageOfNodesToScore },
    sourceDefaults: defaults,
    sources,
    ingress: {
      ...(raw.ingress.http !== null ? { http: raw.ingress.http } : {}),
      ...(raw.ingress.https !== null ? { https: raw.ingress.https } : {}),
    },
    services: { nodePortRange: range, networkRange: raw.services.networkRange },
    api: api(p, raw.api),
    webhooks: webhooks(p, raw.webhooks),
    notifications: notifications(p, raw.notifications ?? []),
    state: { path: raw.state.path !== undefined ? p.path(raw.state.path) : defaultStatePath(ctx.env) },
    log: { ...raw.log },
  };
  listeners(p, config);
  return { config, problems: p.problems };
}
