import { describe, expect, it } from "vitest";
import { SaveQueue, type Timers } from "../../../src/state/save-queue.js";
import { FakeClock } from "../../../src/util/clock.js";

/** Timers driven by hand, on the fake clock. */
class ManualTimers implements Timers {
  private next = 1;
  private readonly due = new Map<number, { at: number; fn: () => void }>();
  constructor(private readonly clock: FakeClock) {}
  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.next++;
    this.due.set(id, { at: this.clock.now() + ms, fn });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.due.delete(handle as number);
  }
  get pending(): number {
    return this.due.size;
  }
  /** Advances the clock by `ms`, firing timers that come due, in order. */
  async advance(ms: number): Promise<void> {
    const end = this.clock.now() + ms;
    for (;;) {
      const [id, t] = [...this.due].sort((a, b) => a[1].at - b[1].at)[0] ?? [];
      if (id === undefined || !t || t.at > end) break;
      this.due.delete(id);
      this.clock.set(Math.max(this.clock.now(), t.at));
      t.fn();
      await settle();
    }
    this.clock.set(end);
    await settle();
  }
}

async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

interface Snap {
  n: number;
}

/** A write function that records snapshots and can be held open to test overlap. */
function recorder() {
  const written: number[] = [];
  let active = 0;
  let maxActive = 0;
  let gate: Promise<void> | undefined;
  let open: (() => void) | undefined;
  let fail: Error | undefined;
  return {
    written,
    get maxActive() {
      return maxActive;
    },
    hold() {
      gate = new Promise((r) => (open = r));
    },
    release() {
      open?.();
      gate = undefined;
    },
    failWith(e: Error | undefined) {
      fail = e;
    },
    write: async (s: Snap) => {
      active++;
      maxActive = Math.max(maxActive, active);
      try {
        if (gate) await gate;
        if (fail) throw fail;
        written.push(s.n);
      } finally {
        active--;
      }
    },
  };
}

function setup(intervalMs = 250) {
  const clock = new FakeClock();
  const timers = new ManualTimers(clock);
  const rec = recorder();
  const errors: unknown[] = [];
  const startedAt: number[] = [];
  const write = (s: Snap) => {
    startedAt.push(clock.now());
    return rec.write(s);
  };
  const queue = new SaveQueue<Snap>(write, { intervalMs, clock, timers, onError: (e) => errors.push(e) });
  return { clock, timers, rec, errors, queue, startedAt };
}

describe("SaveQueue", () => {
  it("coalesces a burst of 100 schedules into one write of the last snapshot", async () => {
    const { timers, rec, queue } = setup();
    for (let i = 1; i <= 100; i++) queue.schedule({ n: i });
    await timers.advance(1000);
    expect(rec.written).toEqual([100]);
  });

  it("writes at most once per interval while changes keep coming, always the latest", async () => {
    const { timers, rec, queue, startedAt } = setup(250);
    // 100 changes spread over 99 ms: the first write goes at once, the rest wait for the interval.
    for (let i = 1; i <= 100; i++) {
      queue.schedule({ n: i });
      await timers.advance(1);
    }
    await timers.advance(1000);
    expect(rec.written.length).toBeLessThanOrEqual(2);
    expect(rec.written.at(-1)).toBe(100);
    // Over two seconds of steady changes: one write per 250 ms at most.
    for (let i = 101; i <= 300; i++) {
      queue.schedule({ n: i });
      await timers.advance(10);
    }
    await timers.advance(1000);
    expect(rec.written.at(-1)).toBe(300);
    const gaps = startedAt.slice(1).map((t, i) => t - (startedAt[i] ?? 0));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(250);
    expect(rec.written.length).toBeGreaterThanOrEqual(8);
  });

  it("takes the snapshot when the write starts, not when it was scheduled", async () => {
    const { timers, rec, queue } = setup();
    let n = 1;
    queue.schedule(() => ({ n }));
    n = 42;
    await timers.advance(0);
    expect(rec.written).toEqual([42]);
  });

  it("never runs two writes at once", async () => {
    const { timers, rec, queue } = setup(10);
    rec.hold();
    queue.schedule({ n: 1 });
    await timers.advance(0);
    for (let i = 2; i <= 5; i++) {
      queue.schedule({ n: i });
      await timers.advance(100);
    }
    const flushed = queue.flush();
    await settle();
    expect(rec.written).toEqual([]);
    rec.release();
    await flushed;
    expect(rec.maxActive).toBe(1);
    expect(rec.written).toEqual([1, 5]);
  });

  it("flush writes the pending snapshot now, and does nothing when nothing is pending", async () => {
    const { timers, rec, queue } = setup(60_000);
    await queue.flush();
    expect(rec.written).toEqual([]);
    queue.schedule({ n: 1 });
    await timers.advance(0);
    queue.schedule({ n: 2 });
    await queue.flush();
    expect(rec.written).toEqual([1, 2]);
    expect(timers.pending).toBe(0);
  });

  it("retries a failed background write with backoff, with the latest snapshot", async () => {
    const { timers, rec, errors, queue } = setup(100);
    rec.failWith(new Error("ENOSPC"));
    queue.schedule({ n: 1 });
    await timers.advance(0);
    expect(errors).toHaveLength(1);
    await timers.advance(150);
    expect(errors).toHaveLength(1); // next try after 2 × interval
    await timers.advance(100);
    expect(errors).toHaveLength(2);
    queue.schedule({ n: 2 });
    rec.failWith(undefined);
    await timers.advance(1000);
    expect(rec.written).toEqual([2]);
  });

  it("flush rejects when its write fails, keeping the snapshot for the next try", async () => {
    const { rec, queue } = setup();
    rec.failWith(new Error("EIO"));
    queue.schedule({ n: 7 });
    await expect(queue.flush()).rejects.toThrow("EIO");
    rec.failWith(undefined);
    await queue.flush();
    expect(rec.written).toEqual([7]);
  });

  it("close flushes and then ignores later schedules", async () => {
    const { timers, rec, queue } = setup();
    queue.schedule({ n: 1 });
    await queue.close();
    queue.schedule({ n: 2 });
    await timers.advance(1000);
    expect(rec.written).toEqual([1]);
    expect(timers.pending).toBe(0);
  });
});
