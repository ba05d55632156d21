// Timers driven by a FakeClock: tests move time forward instead of sleeping.

import type { FakeClock } from "../../src/util/clock.js";
import type { Timers } from "../../src/util/timers.js";

interface Entry {
  id: number;
  due: number;
  fn: () => void;
}

export class FakeTimers implements Timers {
  private entries: Entry[] = [];
  private nextId = 1;

  constructor(readonly clock: FakeClock) {}

  setTimeout(fn: () => void, ms: number): unknown {
    const entry = { id: this.nextId++, due: this.clock.now() + ms, fn };
    this.entries.push(entry);
    return entry.id;
  }

  clearTimeout(handle: unknown): void {
    this.entries = this.entries.filter((e) => e.id !== handle);
  }

  /** Delays of the timers now pending, from now. */
  pendingDelays(): number[] {
    return this.entries.map((e) => e.due - this.clock.now()).sort((a, b) => a - b);
  }

  /** Moves time forward by `ms`, firing due timers in order and letting promises settle after each. */
  async advance(ms: number): Promise<void> {
    const end = this.clock.now() + ms;
    for (;;) {
      await flush();
      const next = [...this.entries].sort((a, b) => a.due - b.due)[0];
      if (next === undefined || next.due > end) break;
      this.entries = this.entries.filter((e) => e !== next);
      this.clock.set(next.due);
      next.fn();
    }
    this.clock.set(end);
    await flush();
  }
}

/** Lets every pending promise callback run. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
