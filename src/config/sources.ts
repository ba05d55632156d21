// The sources section: each source inherits sourceDefaults field by field; local repo paths
// become absolute; credentials are resolved, and taken out of repo URLs that carry them.

import { isAbsolute } from "node:path";
import type { FieldPath } from "../manifest/issue.js";
import { stripUrlCredentials } from "../util/url-credentials.js";
import { problem } from "./errors.js";
import type { FieldParser } from "./field-parser.js";
import type { RawConfig, RawSource } from "./raw.js";
import { Secret } from "./secret.js";
import type { SourceConfig, SourceCredentials, SourceSettings } from "./types.js";

/** Manifests are read from inside the repository only. */
function checkRepoPath(p: FieldParser, path: string, at: FieldPath): void {
  if (isAbsolute(path) || path.split("/").includes("..")) {
    p.problems.push(
      problem(at, "must stay inside the repository", {
        expected: "a relative path such as deploy/prod",
        found: JSON.stringify(path),
      }),
    );
  }
}

export function sourceDefaults(p: FieldParser, raw: RawConfig["sourceDefaults"]): SourceSettings {
  const at: FieldPath = ["sourceDefaults"];
  checkRepoPath(p, raw.path, [...at, "path"]);
  return {
    ref: raw.ref,
    path: raw.path,
    namespace: raw.namespace,
    prune: { ...raw.prune },
    selfHeal: {
      enabled: raw.selfHeal.enabled,
      interval: p.duration(raw.selfHeal.interval, [...at, "selfHeal", "interval"]),
    },
    pollInterval: p.duration(raw.pollInterval, [...at, "pollInterval"]),
    watchLocal: raw.watchLocal,
  };
}

export function source(p: FieldParser, raw: RawSource, d: SourceSettings, i: number): SourceConfig {
  const at = (...rest: (string | number)[]): FieldPath => ["sources", i, ...rest];
  const out: SourceConfig = {
    name: raw.name,
    repo: isRemoteRepo(raw.repo) ? stripUrlCredentials(raw.repo) : p.path(raw.repo),
    ref: raw.ref ?? d.ref,
    path: raw.path ?? d.path,
    namespace: raw.namespace ?? d.namespace,
    prune: { ...d.prune, ...raw.prune },
    selfHeal: {
      enabled: raw.selfHeal?.enabled ?? d.selfHeal.enabled,
      interval:
        raw.selfHeal?.interval === undefined
          ? d.selfHeal.interval
          : p.duration(raw.selfHeal.interval, at("selfHeal", "interval")),
    },
    pollInterval:
      raw.pollInterval === undefined ? d.pollInterval : p.duration(raw.pollInterval, at("pollInterval")),
    watchLocal: raw.watchLocal ?? d.watchLocal,
  };
  if (raw.path !== undefined) checkRepoPath(p, raw.path, at("path"));
  const creds = credentials(p, raw, at);
  if (creds) out.credentials = creds;
  return out;
}

/** URLs and scp-style git@host:path stay as written; anything else is a local path. */
function isRemoteRepo(repo: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(repo) || /^[^/\s]+@[^/\s:]+:/.test(repo);
}

/**
 * Credentials from `credentials:` or from the repo URL (https://user:token@host/...). Those in the
 * URL move into Secrets and out of `repo`, so the URL can be shown anywhere.
 */
function credentials(
  p: FieldParser,
  raw: RawSource,
  at: (...rest: string[]) => FieldPath,
): SourceCredentials | undefined {
  const fromUrl = urlCredentials(raw.repo);
  const c = raw.credentials;
  if (fromUrl && c) {
    p.problems.push(
      problem(at("credentials"), "conflicts with the credentials in the repo URL", {
        hint: "give them in one place; credentials with {env} or {file} keep them out of this file",
      }),
    );
  }
  if (fromUrl) return fromUrl;
  if (!c) return undefined;
  const out: SourceCredentials = {};
  if (c.username !== undefined) out.username = c.username;
  const password = c.password === undefined ? undefined : p.secret(c.password, at("credentials", "password"));
  if (password) out.password = password;
  const key =
    c.sshPrivateKey === undefined ? undefined : p.secret(c.sshPrivateKey, at("credentials", "sshPrivateKey"));
  if (key) out.sshPrivateKey = key;
  return out;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** http(s) userinfo; a lone user name is a token (https://TOKEN@github.com/...), kept as the password. */
function urlCredentials(repo: string): SourceCredentials | undefined {
  if (!/^https?:\/\//i.test(repo)) return undefined;
  let url: URL;
  try {
    url = new URL(repo);
  } catch {
    return undefined;
  }
  const user = safeDecode(url.username);
  const password = safeDecode(url.password);
  if (user === "" && password === "") return undefined;
  if (password === "") return { password: new Secret(user, "repo URL") };
  return { username: user, password: new Secret(password, "repo URL") };
}

/**
 * The URL to hand to git (src/sync takes credentials in http(s) URLs): `repo` with the username
 * and password put back; a password without a username goes in the user part, as a token.
 */
export function repoUrlForGit(source: SourceConfig): string {
  const password = source.credentials?.password?.reveal();
  if (password === undefined || !/^https?:\/\//i.test(source.repo)) return source.repo;
  const url = new URL(source.repo);
  const username = source.credentials?.username;
  if (username === undefined) url.username = encodeURIComponent(password);
  else {
    url.username = encodeURIComponent(username);
    url.password = encodeURIComponent(password);
  }
  return url.href;
}
