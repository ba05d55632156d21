// Which configured sources a webhook's repository names (pure). One repository has many spellings:
// https://github.com/Org/App.git, git@github.com:org/app.git, ssh://git@github.com:22/org/app,
// https://token@github.com/org/app/. They are reduced to "host/path": no scheme, credentials or port,
// no ".git" suffix or trailing slash, lowercased.
//
// Paths are compared without case as well as hosts: GitHub, GitLab and Gitea all treat repository
// paths case-insensitively, so "Org/App" in berth.yaml is the repository a payload calls "org/app".
// A false match costs one `git ls-remote`; a missed one delays a deploy until the next poll.

import { isAbsolute, normalize } from "node:path";
import { fileURLToPath } from "node:url";

const SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i;
// git's scp-like syntax: [user@]host:path, no "/" before the first ":".
const SCP_LIKE = /^(?:[^@/:]+@)?([^/:]+):(?!\/\/)(.*)$/;

function cleanPath(path: string): string {
  let p = path.replace(/\/{2,}/g, "/").replace(/^\/+|\/+$/g, "");
  if (p.toLowerCase().endsWith(".git")) p = p.slice(0, -4).replace(/\/+$/, "");
  try {
    p = decodeURIComponent(p);
  } catch {
    // Not percent-encoded after all: compare as written.
  }
  return p.toLowerCase();
}

/**
 * "host/path" for a remote repository, "file:/abs/path" for a local one, undefined when the text is
 * no repository address at all.
 */
export function normalizeRepoUrl(url: string): string | undefined {
  const raw = url.trim();
  if (raw === "") return undefined;
  const scheme = SCHEME.exec(raw)?.[1]?.toLowerCase();
  if (scheme === undefined) {
    const scp = SCP_LIKE.exec(raw);
    if (scp && !/^[a-z]:/i.test(raw)) {
      const path = cleanPath(scp[2] ?? "");
      return path === "" ? undefined : `${(scp[1] ?? "").toLowerCase()}/${path}`;
    }
    return isAbsolute(raw)
      ? `file:${normalize(raw)
          .replace(/\/+$/, "")
          .replace(/\.git$/, "")}`
      : undefined;
  }
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    return undefined;
  }
  if (scheme === "file") {
    try {
      return `file:${normalize(fileURLToPath(parsed))
        .replace(/\/+$/, "")
        .replace(/\.git$/, "")}`;
    } catch {
      return undefined;
    }
  }
  const host = parsed.hostname.toLowerCase().replace(/^\[|\]$/g, "");
  const path = cleanPath(parsed.pathname);
  if (host === "" || path === "") return undefined;
  return `${host}/${path}`;
}

export interface NamedRepo {
  name: string;
  repo: string;
}

/** The names of the sources whose repository is one of `urls` (in the sources' order). */
export function sourcesForRepos(sources: readonly NamedRepo[], urls: readonly string[]): string[] {
  const wanted = new Set(urls.map(normalizeRepoUrl).filter((u): u is string => u !== undefined));
  return sources.filter((s) => wanted.has(normalizeRepoUrl(s.repo) ?? "")).map((s) => s.name);
}
