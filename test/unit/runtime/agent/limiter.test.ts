import { describe, expect, it } from "vitest";
import { Limiter } from "../../../../src/runtime/agent/limiter.js";

describe("Limiter", () => {
  it("runs at most `limit` tasks at once, in arrival order", async () => {
    const limiter = new Limiter(2);
    let active = 0;
    let peak = 0;
    const order: number[] = [];
    const releases: (() => void)[] = [];
    const tasks = [0, 1, 2, 3, 4].map((i) =>
      limiter.run(async () => {
        active++;
        peak = Math.max(peak, active);
        order.push(i);
        await new Promise<void>((r) => releases.push(r));
        active--;
        return i;
      }),
    );
    for (let done = 0; done < 5; done++) {
      while (releases.length === 0) await Promise.resolve();
      // A newcomer arriving while a slot is handed over must not slip in beside it.
      if (done === 1) void limiter.run(async () => order.push(99));
      releases.shift()?.();
      await new Promise((r) => setTimeout(r, 0));
    }
    expect(await Promise.all(tasks)).toEqual([0, 1, 2, 3, 4]);
    expect(peak).toBe(2);
    expect(order.slice(0, 5)).toEqual([0, 1, 2, 3, 4]);
  });

  it("frees the slot when a task fails", async () => {
    const limiter = new Limiter(1);
    await expect(limiter.run(() => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await limiter.run(() => Promise.resolve(7))).toBe(7);
  });

  it("hands the slot on when a task releases it early, and only once", async () => {
    const limiter = new Limiter(1);
    const order: string[] = [];
    let finish = (): void => undefined;
    const first = limiter.run(async (release) => {
      order.push("first: heavy part");
      release();
      release();
      await new Promise<void>((r) => (finish = r));
      order.push("first: light part done");
    });
    const second = limiter.run(async () => {
      order.push("second");
    });
    await second;
    expect(order).toEqual(["first: heavy part", "second"]);
    // The early release gave the slot away once: a third task still gets exactly one slot.
    let active = 0;
    let peak = 0;
    const more = [1, 2].map(() =>
      limiter.run(async () => {
        active++;
        peak = Math.max(peak, active);
        await new Promise((r) => setTimeout(r, 1));
        active--;
      }),
    );
    await Promise.all(more);
    expect(peak).toBe(1);
    finish();
    await first;
    expect(order.at(-1)).toBe("first: light part done");
  });
});
