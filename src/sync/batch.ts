// One long-lived `git cat-file --batch` answering object requests in rounds: a revision's commit, its
// trees level by level and then every manifest blob all come out of a single git process, so reading
// a revision costs one process start whatever the size of the tree. Requests are by object id or by a
// revision name git resolves once; everything after the first answer is read by id, so a ref moving
// while the read runs cannot mix two commits.

import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { existsSync } from "node:fs";
import { BerthError } from "../util/errors.js";
import { GitCommandError, type GitCommandHook } from "./git.js";
import { gitEnv } from "./git-env.js";

export interface GitObject {
  oid: string;
  type: string;
  content: Buffer;
}

export interface BatchOptions {
  signal?: AbortSignal;
  /** `cwd` is one of berth's bare clones, named through GIT_DIR (see RunOptions.bare). */
  bare?: boolean;
  onGitCommand?: GitCommandHook;
}

interface Pending {
  resolve: (object: GitObject | undefined) => void;
  reject: (error: unknown) => void;
}

const ARGS = ["cat-file", "--batch"];

export class CatFileBatch {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly pending: Pending[] = [];
  private chunks: Buffer[] = [];
  private buffered = 0;
  /** The header of the object whose content is still arriving. */
  private header: { oid: string; type: string; size: number } | undefined;
  private stderr = "";
  private failure: Error | undefined;
  private readonly exited: Promise<void>;
  private readonly onAbort = (): void => this.fail(new GitCommandError("cat-file", "aborted", ""));

  /** Starts git in `cwd`, which must be (inside) a repository. */
  constructor(
    private readonly cwd: string,
    private readonly options: BatchOptions = {},
  ) {
    options.onGitCommand?.(ARGS);
    // Replacement refs (`git replace`) would substitute other objects for the commit's own.
    const env = gitEnv({ GIT_NO_REPLACE_OBJECTS: "1", ...(options.bare ? { GIT_DIR: cwd } : {}) });
    this.child = spawn("git", ARGS, { cwd, env, stdio: ["pipe", "pipe", "pipe"] });
    this.child.stdout.on("data", (chunk: Buffer) => this.receive(chunk));
    this.child.stderr.on("data", (chunk: Buffer) => (this.stderr += chunk.toString("utf8")));
    // A closed pipe (git exited early) is reported through the exit, not as a stray exception.
    this.child.stdin.on("error", () => undefined);
    this.exited = new Promise((resolve) => {
      this.child.on("error", (e) => {
        // spawn reports a missing working directory as ENOENT too, which reads like "git is missing".
        const what = existsSync(cwd) ? `cannot run git: ${e.message}` : `${cwd} does not exist`;
        this.fail(new BerthError("E_GIT", what, { hint: "is git installed, and is the path a repository?" }));
        resolve();
      });
      this.child.on("close", (code) => {
        this.fail(new GitCommandError("cat-file", "failed", this.stderr.trim() || `git exited with ${code}`));
        resolve();
      });
    });
    if (options.signal?.aborted) this.onAbort();
    else options.signal?.addEventListener("abort", this.onAbort, { once: true });
  }

  /**
   * The objects `names` name, in order; undefined for a name that names nothing (or more than one
   * object). Names are object ids or revision expressions without whitespace.
   */
  get(names: readonly string[]): Promise<(GitObject | undefined)[]> {
    if (names.length === 0) return Promise.resolve([]);
    for (const name of names) {
      if (name === "" || /\s/.test(name))
        throw new BerthError("E_GIT", `"${name}" cannot be asked of git cat-file`);
    }
    if (this.failure) return Promise.reject(this.failure);
    const answers = names.map(
      () => new Promise<GitObject | undefined>((resolve, reject) => this.pending.push({ resolve, reject })),
    );
    this.child.stdin.write(`${names.join("\n")}\n`);
    return Promise.all(answers);
  }

  async one(name: string): Promise<GitObject | undefined> {
    const [object] = await this.get([name]);
    return object;
  }

  /** Ends git (its stdin closes) and waits for it to exit. */
  async close(): Promise<void> {
    this.options.signal?.removeEventListener("abort", this.onAbort);
    this.child.stdin.end();
    await this.exited;
  }

  private receive(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    for (;;) {
      if (this.header === undefined) {
        const data = this.consolidate();
        const eol = data.indexOf(0x0a);
        if (eol < 0) return;
        const line = data.toString("utf8", 0, eol);
        this.keep(data.subarray(eol + 1));
        // "<name> missing" or "<name> ambiguous": nothing follows.
        const [oid = "", type = "", size] = line.split(" ");
        if (size === undefined) {
          this.pending.shift()?.resolve(undefined);
          continue;
        }
        this.header = { oid, type, size: Number(size) };
      }
      // The content and the newline after it.
      if (this.buffered < this.header.size + 1) return;
      const data = this.consolidate();
      const { oid, type, size } = this.header;
      this.header = undefined;
      this.keep(data.subarray(size + 1));
      this.pending.shift()?.resolve({ oid, type, content: data.subarray(0, size) });
    }
  }

  /** All buffered bytes as one Buffer (copied only when they arrived in several chunks). */
  private consolidate(): Buffer {
    const [only, ...more] = this.chunks;
    const data = only !== undefined && more.length === 0 ? only : Buffer.concat(this.chunks, this.buffered);
    this.chunks = [data];
    return data;
  }

  private keep(rest: Buffer): void {
    this.chunks = rest.length > 0 ? [rest] : [];
    this.buffered = rest.length;
  }

  private fail(error: Error): void {
    this.failure ??= error;
    if (!this.child.killed && this.child.exitCode === null) this.child.kill();
    for (const p of this.pending.splice(0)) p.reject(this.failure);
  }
}
