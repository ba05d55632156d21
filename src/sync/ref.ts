// What a source's `ref` means and how `git ls-remote` answers it. A full commit SHA needs no network
// (it can never move); anything else is looked up on the remote each time, so a moved branch or a
// re-pointed tag is followed.

import { BerthError } from "../util/errors.js";

export type RefSpec =
  /** No ref, or "HEAD": whatever the remote's HEAD points to (its default branch). */
  | { kind: "default" }
  /** A full 40 (SHA-1) or 64 (SHA-256) hex commit id, lowercased. */
  | { kind: "commit"; sha: string }
  /** "refs/heads/x", "refs/tags/v1": exactly that ref. */
  | { kind: "full"; name: string }
  /** "main", "v1.2": a branch, else a tag of that name. */
  | { kind: "short"; name: string };

const FULL_SHA = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i;
const ABBREVIATED_SHA = /^[0-9a-f]{7,39}$/i;

export function isFullSha(s: string): boolean {
  return FULL_SHA.test(s);
}

export function parseRef(ref: string | undefined): RefSpec {
  const r = ref?.trim() ?? "";
  if (r === "" || r === "HEAD") return { kind: "default" };
  if (FULL_SHA.test(r)) return { kind: "commit", sha: r.toLowerCase() };
  const problem = refNameProblem(r);
  if (problem !== undefined) {
    throw new BerthError("E_GIT_SOURCE_INVALID", `ref "${r}" is not a valid git ref name: ${problem}`, {
      hint: "use a branch, a tag, or a full commit SHA",
    });
  }
  return r.startsWith("refs/") ? { kind: "full", name: r } : { kind: "short", name: r };
}

/** The rules of `git check-ref-format` that a typo or an injection attempt would break. */
function refNameProblem(r: string): string | undefined {
  if (r.startsWith("-")) return 'it starts with "-"';
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is rejected
  if (/[\x00-\x20\x7f~^:?*[\\]/.test(r)) return "it contains a space, a control character or one of ~^:?*[\\";
  if (r.includes("..") || r.includes("@{") || r === "@") return 'it contains ".." or "@{"';
  if (r.includes("//") || r.startsWith("/") || r.endsWith("/")) return 'it has an empty "/" component';
  if (r.endsWith(".") || r.endsWith(".lock")) return 'it ends with "." or ".lock"';
  if (r.split("/").some((c) => c.startsWith("."))) return 'a component starts with "."';
  return undefined;
}

/** The patterns to give `git ls-remote` (the server filters by them, so the answer stays small). */
export function lsRemotePatterns(spec: RefSpec): string[] {
  switch (spec.kind) {
    case "default":
      return ["HEAD"];
    case "commit":
      return [];
    case "full":
      return [spec.name, `${spec.name}^{}`];
    case "short":
      return [`refs/heads/${spec.name}`, `refs/tags/${spec.name}`, `refs/tags/${spec.name}^{}`];
  }
}

export interface LsRemoteListing {
  /** Ref name → object id; annotated tags also appear as "refs/tags/x^{}" → the commit. */
  refs: Map<string, string>;
  /** From --symref: "HEAD" → "refs/heads/main". */
  symrefs: Map<string, string>;
}

export function parseLsRemote(out: string): LsRemoteListing {
  const refs = new Map<string, string>();
  const symrefs = new Map<string, string>();
  for (const line of out.split("\n")) {
    const tab = line.indexOf("\t");
    if (tab < 0) continue;
    const left = line.slice(0, tab).trim();
    const name = line.slice(tab + 1).trim();
    if (left.startsWith("ref: ")) symrefs.set(name, left.slice(5));
    else refs.set(name, left.toLowerCase());
  }
  return { refs, symrefs };
}

export interface ResolvedRef {
  /** The remote ref to fetch: "refs/heads/main", "refs/tags/v1", or "HEAD" for a detached remote HEAD. */
  refName: string;
  /** The commit it points to (annotated tags peeled). */
  sha: string;
}

/**
 * Picks the ref that `spec` means out of an ls-remote listing. A short name prefers the branch over a
 * tag of the same name, as `git checkout` and Argo CD do. Throws E_GIT_REF_NOT_FOUND, naming the repo
 * by `display` (already redacted).
 */
export function pickRef(spec: RefSpec, listing: LsRemoteListing, display: string): ResolvedRef {
  const peeled = (name: string): ResolvedRef | undefined => {
    const sha = listing.refs.get(`${name}^{}`) ?? listing.refs.get(name);
    return sha === undefined ? undefined : { refName: name, sha };
  };
  switch (spec.kind) {
    case "commit":
      return { refName: spec.sha, sha: spec.sha };
    case "default": {
      const head = listing.refs.get("HEAD");
      if (head === undefined) {
        throw new BerthError(
          "E_GIT_REF_NOT_FOUND",
          `${display} has no commits: its default branch is empty`,
          {
            hint: "push a commit, or set the source's ref",
          },
        );
      }
      return { refName: listing.symrefs.get("HEAD") ?? "HEAD", sha: head };
    }
    case "full": {
      const found = peeled(spec.name);
      if (found) return found;
      throw notFound(`ref ${spec.name}`, display, "check the ref; `git ls-remote <repo>` lists them");
    }
    case "short": {
      const found = peeled(`refs/heads/${spec.name}`) ?? peeled(`refs/tags/${spec.name}`);
      if (found) return found;
      const hint = ABBREVIATED_SHA.test(spec.name)
        ? "abbreviated commit SHAs are not resolved; give the full 40-character SHA"
        : "check the spelling; `git ls-remote <repo>` lists branches and tags";
      throw notFound(`no branch or tag named "${spec.name}"`, display, hint);
    }
  }
}

function notFound(what: string, display: string, hint: string): BerthError {
  return new BerthError("E_GIT_REF_NOT_FOUND", `${what} in ${display}`, { hint });
}
