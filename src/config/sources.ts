// The sources section: each source inherits sourceDefaults field by field; local repo paths
// become absolute; credentials are resolved.

import { isAbsolute } from "node:path";
import { problem } from "./errors.js";
import type { FieldParser } from "./field-parser.js";
import type { RawConfig, RawSource } from "./raw.js";
import type { SourceConfig, SourceSettings } from "./types.js";
import type { FieldPath } from "../manifest/issue.js";

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
  };
}

export function source(p: FieldParser, raw: RawSource, d: SourceSettings, i: number): SourceConfig {
  const at = (...rest: (string | number)[]): FieldPath => ["sources", i, ...rest];
  const out: SourceConfig = {
    name: raw.name,
    repo: isRemoteRepo(raw.repo) ? raw.repo : p.path(raw.repo),
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
  };
  if (raw.path !== undefined) checkRepoPath(p, raw.path, at("path"));
  const c = raw.credentials;
  if (c) {
    const creds: NonNullable<SourceConfig["credentials"]> = {};
    if (c.username !== undefined) creds.username = c.username;
    const password =
      c.password === undefined ? undefined : p.secret(c.password, at("credentials", "password"));
    if (password) creds.password = password;
    const key =
      c.sshPrivateKey === undefined
        ? undefined
        : p.secret(c.sshPrivateKey, at("credentials", "sshPrivateKey"));
    if (key) creds.sshPrivateKey = key;
    out.credentials = creds;
  }
  return out;
}

/** URLs and scp-style git@host:path stay as written; anything else is a local path. */
function isRemoteRepo(repo: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(repo) || /^[^/\s]+@[^/\s:]+:/.test(repo);
}
