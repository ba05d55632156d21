// Where a source's repository lives, and how to name it without leaking credentials. Tokens ride in
// URLs (https://user:token@host/repo); they are split off here, handed to git through the
// environment (see git.ts), and every name berth shows or stores is built from the stripped URL.

import { createHash } from "node:crypto";
import { isAbsolute, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { BerthError } from "../util/errors.js";

export type RepoKind = "local" | "file" | "http" | "https" | "ssh" | "git";

export interface Credentials {
  username: string;
  password: string;
}

export interface RepoLocation {
  kind: RepoKind;
  /** What git is given: credentials removed; local paths absolute. */
  url: string;
  /** For people (logs, errors, status): the URL with any secret replaced by "***". */
  display: string;
  /** Only for http(s), where git must be handed them separately. */
  credentials?: Credentials;
  /** Local repositories (a path or file://): their directory, whose refs can be watched. */
  localPath?: string;
  /** Literal strings that must never appear in any text that leaves src/sync. */
  secrets: string[];
}

const SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i;
// git's rule: "[user@]host:path" with no "/" before the first ":" is ssh ("scp-like").
const SCP_LIKE = /^(?:[^@/:]+@)?[^/:]+:(?!\/\/)/;

/** Classifies and normalizes a source's `repo` field. Relative paths resolve against `cwd`. */
export function parseRepo(repo: string, cwd: string = process.cwd()): RepoLocation {
  const raw = repo.trim();
  if (raw === "") throw invalid(repo, "the repository is empty");
  const scheme = SCHEME.exec(raw)?.[1]?.toLowerCase();
  if (scheme === undefined) {
    // "<helper>::<address>" runs a remote helper; "ext::" runs any command.
    if (/^[a-z0-9+.-]+::/i.test(raw)) throw invalid(repo, 'remote helpers ("ext::", "fd::") are not allowed');
    // A one-letter "host" is a Windows drive (C:/repo), which git treats as a path too.
    if (SCP_LIKE.test(raw) && !/^[a-z]:/i.test(raw)) {
      return { kind: "ssh", url: raw, display: raw, secrets: [] };
    }
    const localPath = isAbsolute(raw) ? raw : resolve(cwd, raw);
    return { kind: "local", url: localPath, display: localPath, localPath, secrets: [] };
  }
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw invalid(repo, "it is not a valid URL");
  }
  switch (scheme) {
    case "file": {
      if (parsed.username !== "" || parsed.password !== "")
        throw invalid(repo, "file:// URLs take no credentials");
      const localPath = fileURLToPath(parsed);
      return { kind: "file", url: parsed.href, display: parsed.href, localPath, secrets: [] };
    }
    case "http":
    case "https":
      return withCredentials(scheme, parsed);
    case "ssh":
    case "git": {
      // ssh authenticates with keys; a password in the URL is never used, so it is dropped.
      const secrets = parsed.password === "" ? [] : secretForms(parsed.password);
      parsed.password = "";
      return { kind: scheme, url: parsed.href, display: parsed.href, secrets };
    }
    default:
      throw invalid(repo, `the scheme "${scheme}" is not supported`);
  }
}

function withCredentials(kind: "http" | "https", parsed: URL): RepoLocation {
  const username = safeDecode(parsed.username);
  const password = safeDecode(parsed.password);
  const display = redactUrl(parsed.href);
  parsed.username = "";
  parsed.password = "";
  if (username === "" && password === "") return { kind, url: parsed.href, display, secrets: [] };
  // A lone username over http(s) is usually a token (https://TOKEN@github.com/...).
  const secrets = password === "" ? secretForms(username) : secretForms(password);
  return { kind, url: parsed.href, display, credentials: { username, password }, secrets };
}

/**
 * The URL with secrets replaced by "***": "https://user:***@host/repo". Over http(s) a lone username
 * is hidden too ("https://***@host/repo"), since it is usually a token; ssh user names ("git@") are kept.
 * Text that is not a URL with credentials comes back unchanged.
 */
export function redactUrl(url: string): string {
  return url.replace(/\b([a-z][a-z0-9+.-]*:\/\/)([^\s/?#]*)@/gi, (_m, scheme: string, userinfo: string) => {
    const colon = userinfo.indexOf(":");
    if (colon >= 0) return `${scheme}${userinfo.slice(0, colon)}:***@`;
    return /^https?:\/\//i.test(scheme) ? `${scheme}***@` : `${scheme}${userinfo}@`;
  });
}

/** A readable, credential-free, collision-safe directory name for the clone of `location`. */
export function cacheDirName(location: RepoLocation): string {
  // A path and its file:// URL are the same repository.
  const key = location.localPath !== undefined ? `file://${location.localPath}` : location.url;
  const hash = createHash("sha256").update(key).digest("hex").slice(0, 16);
  const base = location.url
    .replace(/[/:]+$/, "")
    .split(/[/:]/)
    .pop()
    ?.replace(/\.git$/, "")
    .replace(/[^A-Za-z0-9._-]/g, "_")
    .replace(/^\.+/, "")
    .slice(0, 40);
  return base ? `${base}-${hash}` : hash;
}

/** The secret as typed, percent-encoded and decoded: any of them may surface in a message. */
function secretForms(secret: string): string[] {
  return [...new Set([secret, encodeURIComponent(secret), safeDecode(secret)])].filter((s) => s !== "");
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function invalid(repo: string, why: string): BerthError {
  // A malformed URL may hide its userinfo from redactUrl (a space in a token); cut it all out.
  const shown = redactUrl(repo).replace(/^([a-z][a-z0-9+.-]*:\/\/).*@/i, "$1***@");
  return new BerthError("E_GIT_SOURCE_INVALID", `repository "${shown}" is not usable: ${why}`, {
    hint: "use a local path, file://, http(s)://, ssh://, git:// or git@host:path",
  });
}
