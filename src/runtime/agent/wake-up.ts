// A pod worker's one timer: when to look again. A pass sets it (replacing what was there);
// anything else (a probe's next run, a retry) can only bring it forward.

import type { Clock } from "../../util/clock.js";

export class WakeUp {
  private timer: NodeJS.Timeout | undefined;
  private atMs: number | undefined;
  private stopped = false;

  constructor(
    private readonly clock: Clock,
    private readonly fire: () => void,
  ) {}

  /** Replaces the timer: in `afterMs`, or none. */
  reset(afterMs: number | undefined): void {
    this.clear();
    if (afterMs !== undefined) this.at(this.clock.now() + afterMs);
  }

  /** At `atMs` at the latest (an earlier timer stays). */
  at(atMs: number): void {
    if (this.stopped) return;
    if (this.timer !== undefined && this.atMs !== undefined && this.atMs <= atMs) return;
    this.clear();
    this.atMs = atMs;
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.atMs = undefined;
        this.fire();
      },
      Math.max(0, atMs - this.clock.now()),
    );
  }

  stop(): void {
    this.stopped = true;
    this.clear();
  }

  private clear(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.atMs = undefined;
  }
}
