// The daemon's handle on its state file: lock it, load it (migrating older formats), then save
// coalesced snapshots atomically until close. Readers that only look use readStateFile (load.ts).

import { access, mkdir, rename } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { BerthError, errorMessage } from "../util/errors.js";
import { isoTime, systemClock, type Clock } from "../util/clock.js";
import { removeStaleTempFiles, syncDirectory, writeFileAtomic } from "./atomic-write.js";
import { parseStateText, readStateText } from "./load.js";
import { acquireLock, systemLockEnv, type HeldLock, type LockEnv, type StaleLock } from "./lock.js";
import { SaveQueue, systemTimers, type SnapshotSource, type Timers } from "./save-queue.js";
import { newSecretSalt } from "./secrets.js";
import { emptyStateContent, prepareForSave, serializeState } from "./snapshot.js";
import type { StateContent, StateData } from "./types.js";
import { stateProblem } from "./validate.js";

export const DEFAULT_SAVE_INTERVAL_MS = 250;

export interface StateFileOptions {
  clock?: Clock;
  /** At most one write per this many ms (default 250). */
  saveIntervalMs?: number;
  timers?: Timers;
  lockEnv?: LockEnv;
  /** --rebuild-state: move an existing file aside as `<path>.corrupt-<time>` and start empty. */
  rebuild?: boolean;
  /** Things worth a log line: a stale lock taken over, a migration, a file moved aside. */
  log?: (message: string) => void;
  /** A background save failed (it is retried); default: `log`. */
  onSaveError?: (error: BerthError) => void;
}

/** `<path>.corrupt-20261126T100000Z`: colon-free, sorts by time. */
function asideName(path: string, now: number, n: number): string {
  const stamp = isoTime(now).replace(/[-:]/g, "");
  return `${path}.corrupt-${stamp}${n > 0 ? `-${n}` : ""}`;
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/**
 * Renames the state file to `<path>.corrupt-<time>` (never overwriting an earlier one) and returns
 * the new name, or undefined when there was no file. Call it holding the lock (StateFile.open with
 * `rebuild` does).
 */
export async function moveStateFileAside(
  path: string,
  now: number = Date.now(),
): Promise<string | undefined> {
  if (!(await exists(path))) return undefined;
  let n = 0;
  while (await exists(asideName(path, now, n))) n++;
  const target = asideName(path, now, n);
  await rename(path, target);
  await syncDirectory(dirname(path));
  return target;
}

export class StateFile {
  private readonly queue: SaveQueue<StateContent>;
  private closed = false;
  /** Set when open took over a stale lock: whose, and why it was stale. */
  readonly tookOverStaleLock: StaleLock | undefined;
  /** Set when open migrated an older format (the original is kept as `<path>.v<N>.bak`). */
  readonly migratedFrom: number | undefined;
  /** Set when open moved an existing file aside (rebuild). */
  readonly movedAsideTo: string | undefined;

  private constructor(
    /** Absolute path of the state file. */
    readonly path: string,
    /** The state as loaded (or fresh). Saves do not change it. */
    readonly data: StateData,
    private readonly lock: HeldLock,
    private readonly clock: Clock,
    opts: StateFileOptions,
    info: { migratedFrom?: number; movedAsideTo?: string },
  ) {
    this.tookOverStaleLock = lock.tookOver;
    this.migratedFrom = info.migratedFrom;
    this.movedAsideTo = info.movedAsideTo;
    const log = opts.log ?? (() => undefined);
    this.queue = new SaveQueue<StateContent>((content) => this.write(content), {
      intervalMs: opts.saveIntervalMs ?? DEFAULT_SAVE_INTERVAL_MS,
      clock,
      timers: opts.timers ?? systemTimers,
      onError: (e) => {
        const err = e instanceof BerthError ? e : this.writeError(e);
        if (opts.onSaveError) opts.onSaveError(err);
        else log(`saving the state failed (will retry): ${errorMessage(err)}`);
      },
    });
  }

  /**
   * Locks and loads the state file. A missing file starts a fresh state (written at once, so an
   * unwritable location fails here, not at the first save). Throws E_STATE_LOCKED, E_STATE_CORRUPT,
   * E_STATE_VERSION; the lock is released again when opening fails.
   */
  static async open(path: string, opts: StateFileOptions = {}): Promise<StateFile> {
    const abs = resolve(path);
    const clock = opts.clock ?? systemClock;
    const log = opts.log ?? (() => undefined);
    await mkdir(dirname(abs), { recursive: true, mode: 0o700 });
    const lock = acquireLock(abs, opts.lockEnv ?? systemLockEnv);
    try {
      if (lock.tookOver) {
        const h = lock.tookOver.holder;
        log(
          `took over the stale lock ${lock.path}${h ? ` of pid ${h.pid} (since ${h.startedAt})` : ""}: ${lock.tookOver.reason}`,
        );
      }
      const leftovers = await removeStaleTempFiles(abs);
      if (leftovers.length > 0) log(`removed ${leftovers.length} unfinished temp file(s) beside ${abs}`);
      const info: { migratedFrom?: number; movedAsideTo?: string } = {};
      if (opts.rebuild) {
        const aside = await moveStateFileAside(abs, clock.now());
        if (aside) {
          info.movedAsideTo = aside;
          log(`moved ${abs} aside as ${aside}; rebuilding the state`);
        }
      }
      const text = await readStateText(abs);
      const loaded = text === undefined ? undefined : parseStateText(text, abs);
      let data: StateData;
      if (loaded) {
        data = loaded.data;
        if (loaded.migratedFrom !== undefined && text !== undefined) {
          info.migratedFrom = loaded.migratedFrom;
          await writeFileAtomic(`${abs}.v${loaded.migratedFrom}.bak`, text);
        }
      } else {
        data = prepareForSave(emptyStateContent(), { secretSalt: newSecretSalt(), savedAt: clock.now() });
      }
      const file = new StateFile(abs, data, lock, clock, opts, info);
      if (!loaded || info.migratedFrom !== undefined) {
        await file.write(data);
        if (info.migratedFrom !== undefined) {
          log(
            `migrated ${abs} from format ${info.migratedFrom} (original kept as ${abs}.v${info.migratedFrom}.bak)`,
          );
        }
      }
      return file;
    } catch (e) {
      lock.release();
      throw e;
    }
  }

  /** The salt Secret values are hashed with in this file (for diffs that compare hashes). */
  get secretSalt(): string {
    return this.data.secretSalt;
  }

  /** Saves `source` (or what it returns when the write starts) within the save interval. */
  scheduleSave(source: SnapshotSource<StateContent>): void {
    this.assertOpen();
    this.queue.schedule(source);
  }

  /** Writes the latest scheduled state now and waits (shutdown, tests). */
  async flush(): Promise<void> {
    this.assertOpen();
    await this.queue.flush();
  }

  /** Flushes, then releases the lock. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      await this.queue.close();
    } finally {
      this.lock.release();
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new BerthError("E_STATE_CLOSED", `state file ${this.path} is closed`);
  }

  private writeError(e: unknown): BerthError {
    return new BerthError(
      "E_STATE_WRITE",
      `cannot write state file ${this.path}: ${errorMessage(e)}; check free space and permissions of ${dirname(this.path)}`,
      { origin: { file: this.path }, cause: e },
    );
  }

  private async write(content: StateContent): Promise<void> {
    const doc = prepareForSave(content, { secretSalt: this.data.secretSalt, savedAt: this.clock.now() });
    // Never write what the next start could not read: the bug is here, not in the file later.
    const problem = stateProblem(doc);
    if (problem !== undefined) {
      throw new BerthError("E_STATE_INVALID", `refusing to save a state that ${problem}`, {
        origin: { file: this.path },
      });
    }
    try {
      await writeFileAtomic(this.path, serializeState(doc));
    } catch (e) {
      throw this.writeError(e);
    }
  }
}
