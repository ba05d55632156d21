// An app: one source of manifests (repo, ref, path) kept applied to the store. Its watcher delivers
// new revisions; each one gets a sync pass. A pass that throws (a bug, a store conflict) is retried
// with backoff; a revision that is invalid or would prune unsafely is reported and not retried until
// a new revision arrives or someone asks for a sync.

import type { SourceConfig } from "../config/types.js";
import { repoUrlForGit } from "../config/sources.js";
import { GitSource, SourceWatcher, type Revision, type SyncOutcome } from "../sync/index.js";
import type { AppState, Revision as StateRevision, SyncAttempt } from "../state/types.js";
import type { ObjectStore } from "../state/store.js";
import { stripUrlCredentials } from "../util/url-credentials.js";
import { isoTime, type Clock } from "../util/clock.js";
import { BerthError, errorMessage } from "../util/errors.js";
import { runSyncPass, type SyncPassResult } from "./sync-pass.js";
import type { ApplyHooks } from "./apply.js";

export interface PassOutcome {
  app: string;
  revision: StateRevision;
  result: SyncPassResult | { ok: false; code: "E_PASS"; errors: string[] };
  startedAt: number;
  durationMs: number;
}

export interface AppDeps {
  store: ObjectStore;
  clock: Clock;
  hashSecretValue: (value: string) => string;
  /** Git clone cache. */
  cacheRoot?: string;
  onPass?: (app: App, outcome: PassOutcome) => void;
  onSourceError?: (app: App, error: BerthError, consecutiveFailures: number) => void;
  onSourceLook?: (app: App, durationMs: number, ok: boolean) => void;
  applyHooks?: (app: App) => ApplyHooks;
}

const RETRY_MIN_MS = 1000;
const RETRY_MAX_MS = 60_000;

function toStateRevision(r: Revision): StateRevision {
  return { sha: r.sha, author: r.author, date: r.date, subject: r.subject };
}

export class App {
  readonly name: string;
  state: AppState;
  /** The newest revision read from git (with its files), applied or not. */
  latest: Revision | undefined;
  /** The last pass's problem, while the newest revision is not applied. */
  lastFailure: PassOutcome | undefined;
  /** Objects gone from git but kept because pruning is disabled. */
  notPruned: string[] = [];
  private watcher: SourceWatcher | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private retryDelay = RETRY_MIN_MS;
  private stopped = false;

  constructor(
    readonly config: SourceConfig,
    private readonly deps: AppDeps,
    persisted?: AppState,
  ) {
    this.name = config.name;
    this.state = {
      ...(persisted ?? {}),
      name: config.name,
      source: { repoURL: stripUrlCredentials(config.repo), ref: config.ref, path: config.path },
    };
  }

  get source(): SourceWatcher | undefined {
    return this.watcher;
  }

  async start(): Promise<void> {
    const git = new GitSource(
      {
        repo: repoUrlForGit(this.config),
        ...(this.config.ref ? { ref: this.config.ref } : {}),
        path: this.config.path,
      },
      { name: this.name, ...(this.deps.cacheRoot ? { cacheRoot: this.deps.cacheRoot } : {}) },
    );
    this.watcher = new SourceWatcher(git, {
      onRevision: (rev) => {
        this.latest = rev;
        this.pass(rev);
      },
      onError: (err, n) => this.deps.onSourceError?.(this, err, n),
      onLook: (ms, ok) => this.deps.onSourceLook?.(this, ms, ok),
      pollIntervalMs: this.config.pollInterval,
      watchLocal: this.config.watchLocal,
      clock: this.deps.clock,
    });
    await this.watcher.start();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    await this.watcher?.stop();
  }

  /**
   * Fetches now and applies the newest revision again even if it did not change (what
   * `berth sync` and the API's sync do). Resolves with the outcome of the pass.
   */
  async sync(): Promise<{ source: SyncOutcome | undefined; pass: PassOutcome | undefined }> {
    const before = this.latest?.sha;
    const source = await this.watcher?.syncNow();
    let pass: PassOutcome | undefined;
    // A new revision was applied by onRevision; otherwise apply the current one again.
    if (this.latest && this.latest.sha === before) pass = this.pass(this.latest);
    else pass = this.lastOutcome;
    return { source, pass };
  }

  private lastOutcome: PassOutcome | undefined;

  /** Runs one pass over `rev` (synchronous: the store is in memory). */
  pass(rev: Revision): PassOutcome {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    const startedAt = this.deps.clock.now();
    const revision = toStateRevision(rev);
    let result: PassOutcome["result"];
    try {
      result = runSyncPass(
        this.deps.store,
        {
          app: this.name,
          namespace: this.config.namespace,
          prune: this.config.prune,
          files: rev.files,
          hashSecretValue: this.deps.hashSecretValue,
        },
        this.deps.applyHooks?.(this) ?? {},
      );
    } catch (e) {
      result = { ok: false, code: "E_PASS", errors: [errorMessage(e)] };
      this.scheduleRetry(rev);
    }
    const finishedAt = this.deps.clock.now();
    const outcome: PassOutcome = {
      app: this.name,
      revision,
      result,
      startedAt,
      durationMs: finishedAt - startedAt,
    };
    const attempt: SyncAttempt = {
      startedAt: isoTime(startedAt),
      finishedAt: isoTime(finishedAt),
      result: result.ok ? "succeeded" : "failed",
      errors: result.ok ? [] : result.errors,
      revision,
    };
    this.state = { ...this.state, lastSyncAttempt: attempt };
    if (result.ok) {
      this.state = { ...this.state, syncedRevision: revision, lastGoodRevision: revision };
      this.lastFailure = undefined;
      this.notPruned = result.notPruned;
      this.retryDelay = RETRY_MIN_MS;
    } else {
      this.lastFailure = outcome;
    }
    this.lastOutcome = outcome;
    this.deps.onPass?.(this, outcome);
    return outcome;
  }

  private scheduleRetry(rev: Revision): void {
    if (this.stopped) return;
    const delay = this.retryDelay;
    this.retryDelay = Math.min(this.retryDelay * 2, RETRY_MAX_MS);
    this.retryTimer = setTimeout(() => {
      if (this.latest?.sha === rev.sha) this.pass(rev);
    }, delay);
    this.retryTimer.unref();
  }
}
