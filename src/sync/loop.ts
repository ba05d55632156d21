// One de-duplicating work loop: triggers (a poll timer, a file watcher, an API call) only say "look
// again"; at most one pass runs at a time; any number of triggers during a pass cause exactly one more
// pass after it. Pure scheduling: the pass, the timers and the clock are injected, so it is tested
// with a fake clock.

import type { Clock } from "../util/clock.js";
import { BerthError } from "../util/errors.js";
import type { Timers } from "../util/timers.js";

export interface PassLoopOptions<T> {
  /** The work. A rejection is handed to the waiters of that pass; the loop goes on. */
  pass: () => Promise<T>;
  /** When to run again by itself after a pass (ms), or undefined to wait for a trigger. */
  nextDelay: (result: { ok: true; value: T } | { ok: false; error: unknown }) => number | undefined;
  timers: Timers;
  clock: Clock;
}

interface Waiter<T> {
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
}

export class PassLoop<T> {
  private inFlight: Promise<void> | undefined;
  private rerun = false;
  /** Waiters for the next pass to start (a running pass may have looked before they asked). */
  private waiting: Waiter<T>[] = [];
  private timer: unknown;
  private timerDue: number | undefined;
  private stopped = false;

  constructor(private readonly options: PassLoopOptions<T>) {}

  /** Marks the work dirty: a pass starts now, or right after the running one. */
  trigger(): void {
    if (this.stopped) return;
    if (this.inFlight) {
      this.rerun = true;
      return;
    }
    this.startPass();
  }

  /** Triggers, and resolves with the result of the first pass that starts after this call. */
  runNow(): Promise<T> {
    if (this.stopped) return Promise.reject(stoppedError());
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.trigger();
    });
  }

  get running(): boolean {
    return this.inFlight !== undefined;
  }

  /** When the timer will run the next pass (epoch ms), if one is scheduled. */
  get nextPassAt(): number | undefined {
    return this.timerDue;
  }

  /** No new passes; waiters that no pass will serve are rejected; resolves when the running pass ends. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.clearTimer();
    for (const w of this.waiting.splice(0)) w.reject(stoppedError());
    await this.inFlight;
  }

  private startPass(): void {
    this.clearTimer();
    this.rerun = false;
    const waiters = this.waiting.splice(0);
    const run = this.execute().then((result) => {
      this.inFlight = undefined;
      for (const w of waiters) {
        if (result.ok) w.resolve(result.value);
        else w.reject(result.error);
      }
      if (this.stopped) return;
      if (this.rerun || this.waiting.length > 0) {
        this.startPass();
        return;
      }
      const delay = this.options.nextDelay(result);
      if (delay !== undefined) this.schedule(delay);
    });
    this.inFlight = run;
  }

  private async execute(): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
    try {
      return { ok: true, value: await this.options.pass() };
    } catch (error) {
      return { ok: false, error };
    }
  }

  private schedule(ms: number): void {
    this.timerDue = this.options.clock.now() + ms;
    this.timer = this.options.timers.setTimeout(() => {
      this.timer = undefined;
      this.timerDue = undefined;
      this.trigger();
    }, ms);
  }

  private clearTimer(): void {
    if (this.timer !== undefined) this.options.timers.clearTimeout(this.timer);
    this.timer = undefined;
    this.timerDue = undefined;
  }
}

function stoppedError(): BerthError {
  return new BerthError("E_SYNC_STOPPED", "the source watcher is stopped", {
    hint: "start a new watcher to sync again",
  });
}
