// One git source: a repository, a ref and a directory in it. resolve() asks the remote where the ref
// points now (one `git ls-remote`, nothing for a commit SHA); fetch() brings that commit into the local
// clone with a forced refspec, so a force-pushed branch is followed even when the new commit does not
// descend from the old; readRevision() reads the manifests of one exact commit. Every error that
// leaves this class is a scrubbed BerthError.

import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { isoTime } from "../util/clock.js";
import { BerthError, type ErrorOrigin } from "../util/errors.js";
import { defaultCacheRoot, ensureBareRepo, isBareRepo, removeBareRepo, withLock } from "./cache.js";
import { GitCommandError, GitRunner, type GitCommandHook } from "./git.js";
import { classifyGitFailure, gitFailure, timeoutFailure } from "./git-errors.js";
import { isFullSha, lsRemotePatterns, parseLsRemote, parseRef, pickRef, type RefSpec } from "./ref.js";
import { Scrubber } from "./scrub.js";
import { normalizeSubdir, readTreeAtRevision, type TreeFile } from "./tree.js";
import { cacheDirName, parseRepo, type RepoKind, type RepoLocation } from "./url.js";

export interface GitSourceSpec {
  /** A local path, file://, http(s)://, ssh://, git:// or git@host:path. May carry credentials. */
  repo: string;
  /** Branch, tag or full commit SHA; default: the remote's default branch. */
  ref?: string;
  /** Directory inside the repository; default: the root. */
  path?: string;
}

export interface GitSourceOptions {
  /** Names the source in error origins ("source <name>"). */
  name?: string;
  /** Where clones live; default defaultCacheRoot(). */
  cacheRoot?: string;
  /** Relative local repository paths resolve against this; default process.cwd(). */
  cwd?: string;
  /** A git command that produces no output for this long is stopped; default 60 s. */
  timeoutMs?: number;
  onGitCommand?: GitCommandHook;
}

export interface Revision {
  sha: string;
  /** "Name <email>" */
  author: string;
  /** Author date, ISO 8601 UTC. */
  date: string;
  subject: string;
  /** The manifests under the source's path, relative to it (see readTreeAtRevision). */
  files: TreeFile[];
}

export interface SignalOption {
  signal?: AbortSignal;
}

const LOCAL_REF_PREFIX = "refs/berth/fetched/";

export class GitSource {
  readonly kind: RepoKind;
  /** The repository with secrets replaced by "***": safe for logs and status. */
  readonly display: string;
  readonly ref: RefSpec;
  /** Normalized: "" for the root. */
  readonly path: string;
  /** The bare clone this source reads from. */
  readonly cacheDir: string;
  /** Set for local repositories (a path or file://): the directory whose refs can be watched. */
  readonly localPath: string | undefined;

  private readonly location: RepoLocation;
  private readonly cacheRoot: string;
  private readonly git: GitRunner;
  private readonly scrubber: Scrubber;
  private readonly origin: ErrorOrigin;
  private readonly timeoutMs: number;
  private resolved: { refName: string; sha: string } | undefined;

  constructor(spec: GitSourceSpec, options: GitSourceOptions = {}) {
    this.origin = options.name === undefined ? {} : { object: `source ${options.name}` };
    // Until the URL is parsed its secrets are unknown; the scrubber's URL redaction still applies.
    try {
      this.location = parseRepo(spec.repo, options.cwd);
      this.ref = parseRef(spec.ref);
      this.path = normalizeSubdir(spec.path ?? "");
    } catch (e) {
      throw new Scrubber().error(e, this.origin);
    }
    this.kind = this.location.kind;
    this.display = this.location.display;
    this.localPath = this.location.localPath;
    this.scrubber = new Scrubber(this.location.secrets);
    this.cacheRoot = options.cacheRoot ?? defaultCacheRoot();
    this.cacheDir = join(this.cacheRoot, cacheDirName(this.location));
    this.timeoutMs = options.timeoutMs ?? 60_000;
    this.git = new GitRunner({
      timeoutMs: this.timeoutMs,
      ...(this.location.credentials ? { credentials: this.location.credentials } : {}),
      ...(options.onGitCommand ? { onGitCommand: options.onGitCommand } : {}),
    });
  }

  /** "https://host/repo.git@main:apps/web", for people. */
  describe(): string {
    const ref =
      this.ref.kind === "commit" ? this.ref.sha : this.ref.kind === "default" ? "HEAD" : this.ref.name;
    return `${this.display}@${ref}${this.path === "" ? "" : `:${this.path}`}`;
  }

  /** True when the ref is a commit SHA: it never moves, so there is nothing to poll. */
  get immutable(): boolean {
    return this.ref.kind === "commit";
  }

  /** The commit the ref points to on the remote now. One `git ls-remote`; no network for a commit SHA. */
  async resolve(opts: SignalOption = {}): Promise<string> {
    return this.guard("ls-remote", async () => {
      if (this.ref.kind === "commit") return this.ref.sha;
      await mkdir(this.cacheRoot, { recursive: true });
      const symref = this.ref.kind === "default" ? ["--symref"] : [];
      const out = await this.remote(
        ["ls-remote", ...symref, this.location.url, ...lsRemotePatterns(this.ref)],
        opts,
      );
      const picked = pickRef(this.ref, parseLsRemote(out), this.display);
      this.resolved = picked;
      return picked.sha;
    });
  }

  /**
   * Brings the ref's commit into the local clone and returns its SHA (which may be newer than the last
   * resolve() if the ref moved in between). A commit SHA already in the clone costs no network.
   */
  async fetch(opts: SignalOption = {}): Promise<string> {
    return this.guard("fetch", () =>
      withLock(this.cacheDir, async () => {
        try {
          return await this.fetchUnlocked(opts);
        } catch (e) {
          if (!(await this.repairAfter(e))) throw e;
          return await this.fetchUnlocked(opts);
        }
      }),
    );
  }

  /** Whether the local clone holds commit `sha`. */
  async has(sha: string): Promise<boolean> {
    if (!isFullSha(sha) || !isBareRepo(this.cacheDir)) return false;
    try {
      // -t rather than -e: simple-git waits an extra 50 ms for commands that print nothing.
      const type = await this.git.run(["cat-file", "-t", `${sha}^{commit}`], { cwd: this.cacheDir });
      return type.trim() === "commit";
    } catch {
      return false;
    }
  }

  /** The commit's metadata and the manifests under the source's path, read from the clone. */
  async readRevision(sha: string): Promise<Revision> {
    return this.guard("log", async () => {
      if (!isFullSha(sha) || !(await this.has(sha))) {
        throw new BerthError(
          "E_GIT_REF_NOT_FOUND",
          `commit ${sha} is not in the local clone of ${this.display}`,
          {
            hint: "fetch() it first",
          },
        );
      }
      const format = "--format=%H%x00%an%x00%ae%x00%aI%x00%s";
      const out = await this.git.run(["log", "-1", format, sha.toLowerCase(), "--"], { cwd: this.cacheDir });
      const [full = "", name = "", email = "", date = "", subject = ""] = out.replace(/\n$/, "").split("\0");
      const files = await readTreeAtRevision(this.cacheDir, full, this.path);
      return { sha: full, author: `${name} <${email}>`, date: isoTime(Date.parse(date)), subject, files };
    });
  }

  private async fetchUnlocked(opts: SignalOption): Promise<string> {
    await ensureBareRepo(this.cacheDir, this.git);
    if (this.ref.kind === "commit") return this.fetchCommit(this.ref.sha, opts);
    const refName = this.resolved?.refName ?? (await this.resolveRefName(opts));
    const localRef = LOCAL_REF_PREFIX + refName.replace(/%/g, "%25").replace(/\//g, "%2F");
    await this.remote(
      [
        "fetch",
        "--verbose", // never silent, which simple-git would answer with a 50 ms wait
        "--no-tags",
        this.location.url,
        `+${refName}:${localRef}`,
      ],
      opts,
      this.cacheDir,
    );
    try {
      const sha = await this.git.run(["rev-parse", "--verify", "--quiet", `${localRef}^{commit}`], {
        cwd: this.cacheDir,
      });
      return sha.trim();
    } catch {
      throw new BerthError(
        "E_GIT_REF_NOT_FOUND",
        `${refName} in ${this.display} does not point to a commit`,
        {
          hint: "point the source's ref at a branch, a tag of a commit, or a commit",
        },
      );
    }
  }

  private async resolveRefName(opts: SignalOption): Promise<string> {
    await this.resolve(opts);
    if (this.resolved === undefined) throw new BerthError("E_GIT", `${this.describe()} did not resolve`);
    return this.resolved.refName;
  }

  private async fetchCommit(sha: string, opts: SignalOption): Promise<string> {
    if (await this.has(sha)) return sha;
    const pin = `refs/berth/commits/${sha}`;
    try {
      // Protocol v2 (servers since git 2.18, the client default since 2.26) hands out any commit by id.
      await this.remote(
        ["fetch", "--verbose", "--no-tags", this.location.url, `+${sha}:${pin}`],
        opts,
        this.cacheDir,
      );
    } catch (e) {
      // Only a refusal of the commit is worth the fallback; an unreachable remote stays unreachable.
      const refused = e instanceof GitCommandError && e.reason === "failed" && refusedWant(e.stderr);
      if (!refused) throw e;
      // Older servers only serve advertised tips: fetch every branch and tag, then look again.
      const all = ["+refs/heads/*:refs/berth/all/heads/*", "+refs/tags/*:refs/berth/all/tags/*"];
      await this.remote(
        ["fetch", "--verbose", "--prune", "--no-tags", this.location.url, ...all],
        opts,
        this.cacheDir,
      );
      if (!(await this.has(sha))) {
        throw new BerthError("E_GIT_REF_NOT_FOUND", `commit ${sha} is not in ${this.display}`, {
          hint: "check the SHA; the commit must be reachable from a branch or tag",
        });
      }
      await this.git.run(["update-ref", pin, sha], { cwd: this.cacheDir });
    }
    return sha;
  }

  /**
   * After a failed fetch: a lock left by a killed git, or a clone that is no longer a repository, is
   * cleared so one retry can succeed. Returns whether a retry is worthwhile.
   */
  private async repairAfter(e: unknown): Promise<boolean> {
    if (!(e instanceof GitCommandError) || e.reason !== "failed") return false;
    const lock = /Unable to create '([^']+\.lock)': File exists/.exec(e.stderr)?.[1];
    if (lock?.startsWith(this.cacheDir)) {
      await rm(lock, { force: true });
      return true;
    }
    if (
      !isBareRepo(this.cacheDir) ||
      /not a git repository|corrupt|bad object|loose object/i.test(e.stderr)
    ) {
      await removeBareRepo(this.cacheDir);
      return true;
    }
    return false;
  }

  private remote(args: string[], opts: SignalOption, cwd = this.cacheRoot): Promise<string> {
    return this.git.run(args, { cwd, network: true, ...(opts.signal ? { signal: opts.signal } : {}) });
  }

  private async guard<T>(operation: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      throw this.scrubber.error(this.explain(operation, e), this.origin);
    }
  }

  private explain(operation: string, e: unknown): unknown {
    if (!(e instanceof GitCommandError)) return e;
    if (e.reason === "timeout") return timeoutFailure(e.operation, this.display, this.timeoutMs);
    if (e.reason === "aborted")
      return new BerthError("E_SYNC_STOPPED", `git ${e.operation} for ${this.display} was stopped`);
    return gitFailure(e.operation || operation, this.display, e.stderr);
  }
}

function refusedWant(stderr: string): boolean {
  const code = classifyGitFailure(stderr);
  return code === "E_GIT_REF_NOT_FOUND" || code === "E_GIT";
}
