// Keeps one source's revision current. Triggers (the poll timer, a local repository's refs changing,
// syncNow() from the API or a webhook) only mark the source dirty; one loop (loop.ts) runs the passes.
// A pass costs one cheap look at the ref (`git ls-remote`, or `git for-each-ref` in a local
// repository) when nothing changed; it loads (fetching if need be) only for a new SHA.
// Failures keep the last good revision, are reported, and are retried with exponential backoff.

import { systemClock, type Clock } from "../util/clock.js";
import { BerthError, isBerthError } from "../util/errors.js";
import { systemTimers, type Timers } from "../util/timers.js";
import { DEFAULT_BACKOFF, nextPassDelay, type BackoffPolicy } from "./backoff.js";
import { watchRefs, type RefWatch } from "./local-watch.js";
import { PassLoop } from "./loop.js";
import type { GitSource, Revision } from "./source.js";

/** pino's Logger fits. Every value given to it is already free of credentials. */
export interface SyncLogger {
  info(obj: Record<string, unknown>, msg: string): void;
  warn(obj: Record<string, unknown>, msg: string): void;
  debug(obj: Record<string, unknown>, msg: string): void;
}

export type SyncOutcome =
  | { ok: true; changed: boolean; revision: Revision }
  | {
      ok: false;
      error: BerthError;
      consecutiveFailures: number;
      /** True when the next pass may succeed by itself (network, auth, server); retried with backoff. */
      retryable: boolean;
      /** The last good revision, still in force. */
      revision: Revision | undefined;
    };

export interface SourceWatcherOptions {
  /** Called once per new SHA, awaited (passes never overlap). A throw is reported through onError. */
  onRevision: (revision: Revision) => void | Promise<void>;
  onError?: (error: BerthError, consecutiveFailures: number) => void;
  /** After each look at the remote (ls-remote, plus fetch and read when it changed), for metrics. */
  onLook?: (durationMs: number, ok: boolean) => void;
  /** Default 60 s, ±10% jitter; 0 turns polling off. */
  pollIntervalMs?: number;
  /** Watch a local repository's refs so a commit is seen at once. Default true. */
  watchLocal?: boolean;
  backoff?: Partial<BackoffPolicy>;
  logger?: SyncLogger;
  clock?: Clock;
  timers?: Timers;
  random?: () => number;
}

/** What the watcher needs of a source (GitSource; a stand-in in unit tests). */
export type WatchedSource = Pick<GitSource, "resolve" | "load" | "describe" | "immutable" | "localPath">;

/** The SHA last handled, with either its revision or why it could not be used. */
type Head = { sha: string; error?: BerthError };

export class SourceWatcher {
  private readonly loop: PassLoop<SyncOutcome>;
  private readonly abort = new AbortController();
  private readonly backoff: BackoffPolicy;
  private refWatch: RefWatch | undefined;
  private head: Head | undefined;
  private failures = 0;
  private revision: Revision | undefined;
  private error: BerthError | undefined;
  private started = false;
  private stopped = false;

  constructor(
    readonly source: WatchedSource,
    private readonly options: SourceWatcherOptions,
  ) {
    this.backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
    const random = options.random ?? Math.random;
    const policy = { pollIntervalMs: options.pollIntervalMs ?? 60_000, backoff: this.backoff };
    this.loop = new PassLoop<SyncOutcome>({
      pass: () => this.pass(),
      nextDelay: (result) => {
        const outcome = result.ok ? result.value : undefined;
        const summary = {
          ok: outcome?.ok ?? false,
          retryable: outcome === undefined || (!outcome.ok && outcome.retryable),
          consecutiveFailures: Math.max(this.failures, 1),
          immutable: source.immutable,
        };
        const delay = nextPassDelay(summary, policy, random);
        this.options.logger?.debug(
          { source: source.describe(), delayMs: delay },
          "next source pass scheduled",
        );
        return delay;
      },
      timers: options.timers ?? systemTimers,
      clock: options.clock ?? systemClock,
    });
  }

  /** The last revision read and handed to onRevision. */
  get lastRevision(): Revision | undefined {
    return this.revision;
  }

  /** Why the last pass failed; undefined once a pass ends with a good head revision. */
  get lastError(): BerthError | undefined {
    return this.error;
  }

  get consecutiveFailures(): number {
    return this.failures;
  }

  /** When the next poll or retry runs by itself (epoch ms), if one is scheduled. */
  get nextPassAt(): number | undefined {
    return this.loop.nextPassAt;
  }

  /** Starts watching (resolves once a local repository's refs are watched) and runs the first pass. */
  async start(): Promise<void> {
    if (this.started || this.stopped) return;
    this.started = true;
    const local = this.source.localPath;
    if ((this.options.watchLocal ?? true) && local !== undefined && !this.source.immutable) {
      const onWatchError = (e: Error): void =>
        this.options.logger?.warn(
          { source: this.source.describe(), error: e.message },
          "watching refs failed",
        );
      const watch = await watchRefs(local, () => this.loop.trigger(), onWatchError);
      // stop() may have run while the watch was starting.
      if (this.abort.signal.aborted) await watch?.close();
      else this.refWatch = watch;
    }
    this.loop.trigger();
  }

  /** Looks now; resolves with the outcome of the first pass that starts after this call. */
  syncNow(): Promise<SyncOutcome> {
    return this.loop.runNow();
  }

  /** Stops triggers, aborts git commands in flight and waits for the running pass to end. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.abort.abort();
    await this.refWatch?.close();
    await this.loop.stop();
  }

  private async pass(): Promise<SyncOutcome> {
    const { signal } = this.abort;
    const started = performance.now();
    const looked = (ok: boolean) => this.options.onLook?.(performance.now() - started, ok);
    let sha: string;
    try {
      sha = await this.source.resolve({ signal });
    } catch (e) {
      looked(false);
      return this.failed(e, true);
    }
    if (sha === this.head?.sha) looked(true);
    if (sha === this.head?.sha) return this.unchanged(this.head);

    let revision: Revision;
    try {
      revision = await this.source.load(sha, { signal });
      looked(true);
    } catch (e) {
      looked(false);
      // A path missing from this commit stays missing until the next commit: no point retrying sooner.
      if (!isBerthError(e, "E_GIT_PATH_NOT_FOUND")) return this.failed(e, true);
      this.head = { sha, error: e };
      return this.failed(e, false);
    }
    // A fetch may have found the ref moved on since resolve(): the SHA handled is the one read.
    sha = revision.sha;
    if (sha === this.head?.sha) return this.unchanged(this.head);
    this.head = { sha };
    this.revision = revision;
    this.options.logger?.info(
      { source: this.source.describe(), sha, subject: revision.subject, files: revision.files.length },
      "source revision changed",
    );
    try {
      await this.options.onRevision(revision);
    } catch (e) {
      const error = isBerthError(e)
        ? e
        : new BerthError("E_SYNC_HANDLER", `handling revision ${sha} failed: ${String(e)}`);
      this.head = { sha, error };
      return this.failed(error, false);
    }
    this.failures = 0;
    this.error = undefined;
    return { ok: true, changed: true, revision };
  }

  private unchanged(head: Head): SyncOutcome {
    if (head.error !== undefined) {
      this.error = head.error;
      return this.failure(head.error, false);
    }
    this.failures = 0;
    this.error = undefined;
    if (this.revision === undefined) throw new BerthError("E_SYNC", "a good head has no revision");
    return { ok: true, changed: false, revision: this.revision };
  }

  private failed(e: unknown, retryable: boolean): SyncOutcome {
    const error = isBerthError(e) ? e : new BerthError("E_SYNC", String(e));
    // Stopping aborts git in flight; that is no failure of the source.
    if (this.stopped) return this.failure(error, false);
    this.failures += 1;
    this.error = error;
    this.options.logger?.warn(
      {
        source: this.source.describe(),
        code: error.code,
        error: error.describe(),
        consecutiveFailures: this.failures,
      },
      "source sync failed",
    );
    this.options.onError?.(error, this.failures);
    return this.failure(error, retryable);
  }

  private failure(error: BerthError, retryable: boolean): SyncOutcome {
    return { ok: false, error, consecutiveFailures: this.failures, retryable, revision: this.revision };
  }
}
