// One git source: a repository, a ref and a directory in it. resolve() asks the remote where the ref
// points now (one `git ls-remote`, nothing for a commit SHA; one `git for-each-ref` in a local
// repository); load() brings that commit's manifests into memory by the cheapest route — read in
// place from a local repository, else from the clone, fetching first (with a forced refspec, so a
// force-pushed branch is followed even when the new commit does not descend from the old) only when
// the clone lacks the commit. Every error that leaves this class is a scrubbed BerthError.

import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { BerthError, type ErrorOrigin } from "../util/errors.js";
import { defaultCacheRoot, ensureBareRepo, isBareRepo, repairClone, withLock } from "./cache.js";
import { GitCommandError, GitRunner, type GitCommandHook } from "./git.js";
import { CatFileBatch } from "./batch.js";
import { classifyGitFailure, gitFailure, timeoutFailure } from "./git-errors.js";
import { gitDirsOf } from "./local-watch.js";
import { resolveInPlace } from "./local-refs.js";
import type { CommitInfo } from "./objects.js";
import { isFullSha, lsRemotePatterns, parseLsRemote, parseRef, pickRef, type RefSpec } from "./ref.js";
import { Scrubber } from "./scrub.js";
import { normalizeSubdir, readCommit, readFilesAt, type TreeFile } from "./tree.js";
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
  private readonly onGitCommand: GitCommandHook | undefined;
  private resolved: { refName: string; sha: string } | undefined;
  /** Set once git failed to run in a local repository (e.g. owned by another user): use the clone. */
  private inPlaceUnusable = false;

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
    this.onGitCommand = options.onGitCommand;
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

  /**
   * The commit the ref points to on the remote now. One `git ls-remote`, or one `git for-each-ref` in a
   * local repository; no git at all for a commit SHA.
   */
  async resolve(opts: SignalOption = {}): Promise<string> {
    return this.guard("ls-remote", async () => {
      if (this.ref.kind === "commit") return this.ref.sha;
      const repo = this.inPlaceRepo();
      if (repo !== undefined) {
        const sha = await this.inPlace(() => resolveInPlace(this.git, repo, this.ref, opts.signal));
        // The remote ref name is looked up afresh should a fetch ever be needed.
        this.resolved = undefined;
        if (sha !== undefined) return sha;
      }
      return (await this.resolveRemote(opts)).sha;
    });
  }

  /**
   * The revision at commit `sha` (which resolve() returned), by the cheapest route: read in place
   * from a local repository; else from the clone, fetching the ref first when the clone lacks the
   * commit. After a fetch it is the revision the fetched ref points to, which is newer than `sha` if
   * the ref moved on in between. One `git cat-file --batch` serves every read of the call.
   */
  async load(sha: string, opts: SignalOption = {}): Promise<Revision> {
    return this.guard("cat-file", async () => {
      const repo = this.inPlaceRepo();
      if (repo !== undefined && isFullSha(sha)) {
        const revision = await this.inPlace(() => this.readWith(repo, sha, opts));
        if (revision !== undefined) return revision;
      }
      return this.loadThroughClone(sha.toLowerCase(), opts);
    });
  }

  /**
   * Brings the ref's commit into the local clone and returns its SHA (which may be newer than the last
   * resolve() if the ref moved in between). A commit SHA already in the clone costs no network.
   */
  async fetch(opts: SignalOption = {}): Promise<string> {
    return this.guard("fetch", async () => {
      const fetched = await this.fetchLocked(opts, false);
      if (fetched.name === fetched.label) return fetched.name;
      try {
        const args = ["rev-parse", "--verify", "--quiet", `${fetched.name}^{commit}`];
        return (await this.git.run(args, { cwd: this.cacheDir, bare: true })).trim();
      } catch {
        throw this.notACommit(fetched.label);
      }
    });
  }

  /** Whether the local clone holds commit `sha`. */
  async has(sha: string): Promise<boolean> {
    if (!isFullSha(sha) || !isBareRepo(this.cacheDir)) return false;
    try {
      // -t rather than -e: simple-git waits an extra 50 ms for commands that print nothing.
      const args = ["cat-file", "-t", `${sha}^{commit}`];
      const type = await this.git.run(args, { cwd: this.cacheDir, bare: true });
      return type.trim() === "commit";
    } catch {
      return false;
    }
  }

  /** The commit's metadata and the manifests under the source's path, read from the clone. */
  async readRevision(sha: string): Promise<Revision> {
    return this.guard("cat-file", async () => {
      const revision =
        isFullSha(sha) && isBareRepo(this.cacheDir)
          ? await this.readWith(this.cacheDir, sha.toLowerCase(), {})
          : undefined;
      if (revision === undefined) throw this.notInClone(sha);
      return revision;
    });
  }

  private async loadThroughClone(sha: string, opts: SignalOption): Promise<Revision> {
    const readers: CatFileBatch[] = [];
    const reader = (): CatFileBatch => {
      const batch = this.batch(this.cacheDir, opts);
      readers.push(batch);
      return batch;
    };
    const lookUp = async (batch: CatFileBatch | undefined, name: string) => {
      const commit = batch && (await readCommit(batch, name).catch(() => undefined));
      return batch && commit && { batch, commit };
    };
    try {
      // The clone may have the commit already (a force-push back to it, a pinned commit).
      let found = await lookUp(isBareRepo(this.cacheDir) && isFullSha(sha) ? reader() : undefined, sha);
      if (found === undefined) {
        const fetched = await this.fetchLocked(opts, true);
        // A reader started before the fetch sees what it brought (git looks again on a miss), unless
        // the fetch had to start the clone over; then a new reader does.
        found = await lookUp(readers[0], fetched.name);
        if (found === undefined) {
          const batch = reader();
          const commit = await readCommit(batch, fetched.name);
          if (commit === undefined) throw this.notACommit(fetched.label);
          found = { batch, commit };
        }
      }
      return revisionOf(found.commit, await readFilesAt(found.batch, found.commit, this.path));
    } finally {
      await Promise.all(readers.map((r) => r.close()));
    }
  }

  /** The revision at `sha` in the repository at `dir`, or undefined when it holds no such commit. */
  private async readWith(dir: string, sha: string, opts: SignalOption): Promise<Revision | undefined> {
    const batch = this.batch(dir, opts);
    try {
      const commit = await readCommit(batch, sha);
      return commit && revisionOf(commit, await readFilesAt(batch, commit, this.path));
    } finally {
      await batch.close();
    }
  }

  private batch(dir: string, opts: SignalOption): CatFileBatch {
    return new CatFileBatch(dir, {
      bare: dir === this.cacheDir,
      ...(opts.signal ? { signal: opts.signal } : {}),
      ...(this.onGitCommand ? { onGitCommand: this.onGitCommand } : {}),
    });
  }

  /**
   * The local repository to read in place, undefined for remotes (and see inPlace). git runs in the
   * directory the source names, as in `git -C <path>`, only when that is a repository itself (a
   * working tree's root, a linked worktree, a bare repository): never one found further up.
   */
  private inPlaceRepo(): string | undefined {
    if (this.kind !== "local" || this.localPath === undefined || this.inPlaceUnusable) return undefined;
    return gitDirsOf(this.localPath) === undefined ? undefined : this.localPath;
  }

  /**
   * Runs an in-place read. A git that fails to run in the repository (safe.bareRepository=explicit
   * refuses a bare one, say) turns in-place reads off for this source: the clone serves as before.
   */
  private async inPlace<T>(read: () => Promise<T | undefined>): Promise<T | undefined> {
    try {
      return await read();
    } catch (e) {
      if (!(e instanceof GitCommandError) || e.reason === "aborted") throw e;
      this.inPlaceUnusable = true;
      return undefined;
    }
  }

  private notInClone(sha: string): BerthError {
    const message = `commit ${sha} is not in the local clone of ${this.display}`;
    return new BerthError("E_GIT_REF_NOT_FOUND", message, { hint: "fetch() it first" });
  }

  private notACommit(ref: string): BerthError {
    const hint = "point the source's ref at a branch, a tag of a commit, or a commit";
    return new BerthError("E_GIT_REF_NOT_FOUND", `${ref} in ${this.display} does not point to a commit`, {
      hint,
    });
  }

  /**
   * Fetches under the clone's lock, repairing the clone once if the fetch fails on it. Returns the
   * name to read the commit by in the clone (the fetched ref, or the pinned SHA) and the ref's name
   * for messages. `knownMissing`: the caller just found the commit missing; do not look again.
   */
  private fetchLocked(opts: SignalOption, knownMissing: boolean): Promise<{ name: string; label: string }> {
    return withLock(this.cacheDir, async () => {
      try {
        return await this.fetchUnlocked(opts, knownMissing);
      } catch (e) {
        if (!(await repairClone(this.cacheDir, e))) throw e;
        return await this.fetchUnlocked(opts, knownMissing);
      }
    });
  }

  private async fetchUnlocked(
    opts: SignalOption,
    knownMissing: boolean,
  ): Promise<{ name: string; label: string }> {
    await ensureBareRepo(this.cacheDir, this.git);
    if (this.ref.kind === "commit") {
      const sha = await this.fetchCommit(this.ref.sha, opts, knownMissing);
      return { name: sha, label: sha };
    }
    const refName = this.resolved?.refName ?? (await this.resolveRemote(opts)).refName;
    const localRef = LOCAL_REF_PREFIX + refName.replace(/%/g, "%25").replace(/\//g, "%2F");
    // --verbose: never silent, which simple-git would answer with a 50 ms wait.
    const args = ["fetch", "--verbose", "--no-tags", this.location.url, `+${refName}:${localRef}`];
    await this.remote(args, opts, this.cacheDir);
    return { name: localRef, label: refName };
  }

  /** `git ls-remote`: where the ref points and which remote ref that is (for the fetch). */
  private async resolveRemote(opts: SignalOption): Promise<{ refName: string; sha: string }> {
    await mkdir(this.cacheRoot, { recursive: true });
    const symref = this.ref.kind === "default" ? ["--symref"] : [];
    const out = await this.remote(
      ["ls-remote", ...symref, this.location.url, ...lsRemotePatterns(this.ref)],
      opts,
    );
    const picked = pickRef(this.ref, parseLsRemote(out), this.display);
    this.resolved = picked;
    return picked;
  }

  private async fetchCommit(sha: string, opts: SignalOption, knownMissing: boolean): Promise<string> {
    if (!knownMissing && (await this.has(sha))) return sha;
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
      await this.git.run(["update-ref", pin, sha], { cwd: this.cacheDir, bare: true });
    }
    return sha;
  }

  private remote(args: string[], opts: SignalOption, cwd = this.cacheRoot): Promise<string> {
    const bare = cwd === this.cacheDir;
    return this.git.run(args, { cwd, bare, network: true, ...(opts.signal ? { signal: opts.signal } : {}) });
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

function revisionOf(commit: CommitInfo, files: TreeFile[]): Revision {
  return { sha: commit.sha, author: commit.author, date: commit.date, subject: commit.subject, files };
}

function refusedWant(stderr: string): boolean {
  const code = classifyGitFailure(stderr);
  return code === "E_GIT_REF_NOT_FOUND" || code === "E_GIT";
}
