// Coalesced saving. Callers say "the state changed" as often as they like; the queue writes at most
// once per interval, always the latest snapshot, one write at a time. The snapshot is taken when the
// write starts, so a burst of changes costs one serialization.

import type { Clock } from "../util/clock.js";
import { systemTimers, type Timers } from "../util/timers.js";

export { systemTimers, type Timers };

/** A snapshot, or a function producing one when the write starts (always the latest). */
export type SnapshotSource<T extends object> = T | (() => T);

export interface SaveQueueOptions {
  intervalMs: number;
  clock: Clock;
  timers: Timers;
  /** A background write failed; it is retried with backoff, with the latest snapshot. */
  onError: (error: unknown) => void;
}

/** Longest wait between retries of a failing write. */
const MAX_RETRY_MS = 30_000;

export class SaveQueue<T extends object> {
  private pending: (() => T) | undefined;
  private timer: { handle: unknown } | undefined;
  private writing: Promise<void> | undefined;
  private lastWriteAt = Number.NEGATIVE_INFINITY;
  private failures = 0;
  private closed = false;

  constructor(
    private readonly write: (snapshot: T) => Promise<void>,
    private readonly opts: SaveQueueOptions,
  ) {}

  /** Notes the latest state; it will be written within the interval. */
  schedule(source: SnapshotSource<T>): void {
    this.pending = typeof source === "function" ? source : () => source;
    // While a write runs, its completion arms the timer.
    if (!this.writing && !this.timer && !this.closed) this.arm();
  }

  /** Writes the latest scheduled snapshot now (if any) and waits; a failed write rejects. */
  async flush(): Promise<void> {
    for (;;) {
      this.disarm();
      if (this.writing) {
        await this.writing.catch(() => undefined);
        continue;
      }
      if (this.pending) await this.run(true);
      return;
    }
  }

  /** Flushes, then stops: later schedule() calls are ignored. */
  async close(): Promise<void> {
    try {
      await this.flush();
    } finally {
      this.closed = true;
      this.disarm();
    }
  }

  private delay(): number {
    const backoff = this.failures === 0 ? 1 : 2 ** Math.min(this.failures, 10);
    const wait = Math.min(this.opts.intervalMs * backoff, Math.max(MAX_RETRY_MS, this.opts.intervalMs));
    return Math.max(0, this.lastWriteAt + wait - this.opts.clock.now());
  }

  private arm(): void {
    const timer = {
      handle: this.opts.timers.setTimeout(() => {
        if (this.timer !== timer) return;
        this.timer = undefined;
        void this.run(false);
      }, this.delay()),
    };
    this.timer = timer;
  }

  private disarm(): void {
    if (this.timer) this.opts.timers.clearTimeout(this.timer.handle);
    this.timer = undefined;
  }

  private async run(rethrow: boolean): Promise<void> {
    const source = this.pending;
    if (!source) return;
    this.pending = undefined;
    this.lastWriteAt = this.opts.clock.now();
    const writing = (async () => this.write(source()))();
    this.writing = writing;
    try {
      await writing;
      this.failures = 0;
    } catch (e) {
      this.failures++;
      // Keep what failed to be written unless something newer is already waiting.
      this.pending ??= source;
      if (rethrow) throw e;
      this.opts.onError(e);
    } finally {
      this.writing = undefined;
      if (this.pending && !this.timer && !this.closed) this.arm();
    }
  }
}
