import { describe, expect, it } from "vitest";
import { FakeClock } from "../../../src/util/clock.js";
import { PassLoop } from "../../../src/sync/loop.js";
import { FakeTimers, flush } from "../../support/fake-timers.js";

/** A pass the test finishes by hand, to hold a pass "in flight". */
function controlledPasses() {
  const started: { finish: (v: number) => void; fail: (e: Error) => void }[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const pass = () =>
    new Promise<number>((resolve, reject) => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      const n = started.length + 1;
      started.push({
        finish: () => {
          inFlight -= 1;
          resolve(n);
        },
        fail: (e) => {
          inFlight -= 1;
          reject(e);
        },
      });
    });
  return { pass, started, maxInFlight: () => maxInFlight };
}

function setup(nextDelay: () => number | undefined = () => undefined) {
  const clock = new FakeClock();
  const timers = new FakeTimers(clock);
  const passes = controlledPasses();
  const loop = new PassLoop<number>({ pass: passes.pass, nextDelay, timers, clock });
  return { clock, timers, passes, loop };
}

describe("PassLoop", () => {
  it("runs a pass on a trigger", async () => {
    const { loop, passes } = setup();
    loop.trigger();
    expect(passes.started).toHaveLength(1);
    expect(loop.running).toBe(true);
    passes.started[0]?.finish(1);
    await flush();
    expect(loop.running).toBe(false);
  });

  it("folds any number of triggers during a pass into exactly one more pass", async () => {
    const { loop, passes } = setup();
    loop.trigger();
    for (let i = 0; i < 10; i++) loop.trigger();
    expect(passes.started).toHaveLength(1);
    passes.started[0]?.finish(1);
    await flush();
    expect(passes.started).toHaveLength(2);
    passes.started[1]?.finish(2);
    await flush();
    expect(passes.started).toHaveLength(2);
    expect(passes.maxInFlight()).toBe(1);
  });

  it("resolves runNow with the first pass that starts after the call, not the one in flight", async () => {
    const { loop, passes } = setup();
    const early = loop.runNow();
    expect(passes.started).toHaveLength(1);
    // The running pass may have looked before these were asked: the next pass serves them.
    const during1 = loop.runNow();
    const during2 = loop.runNow();
    passes.started[0]?.finish(1);
    expect(await early).toBe(1);
    await flush();
    expect(passes.started).toHaveLength(2);
    passes.started[1]?.finish(2);
    expect(await during1).toBe(2);
    expect(await during2).toBe(2);
  });

  it("schedules the next pass after the delay the result asks for, and a trigger pre-empts it", async () => {
    const { loop, passes, timers, clock } = setup(() => 1_000);
    const start = clock.now();
    loop.trigger();
    passes.started[0]?.finish(1);
    await flush();
    expect(timers.pendingDelays()).toEqual([1_000]);
    expect(loop.nextPassAt).toBe(start + 1_000);
    await timers.advance(999);
    expect(passes.started).toHaveLength(1);
    await timers.advance(1);
    expect(passes.started).toHaveLength(2);
    expect(loop.nextPassAt).toBeUndefined();
    passes.started[1]?.finish(2);
    await flush();
    expect(timers.pendingDelays()).toEqual([1_000]);
    loop.trigger();
    expect(passes.started).toHaveLength(3);
    expect(timers.pendingDelays()).toEqual([]);
  });

  it("does not schedule when the result asks for no delay", async () => {
    const { loop, passes, timers } = setup(() => undefined);
    loop.trigger();
    passes.started[0]?.finish(1);
    await flush();
    expect(timers.pendingDelays()).toEqual([]);
  });

  it("hands a failed pass's error to its waiters and keeps going", async () => {
    const delays: boolean[] = [];
    const { clock } = setup();
    const timers = new FakeTimers(clock);
    const passes = controlledPasses();
    const loop = new PassLoop<number>({
      pass: passes.pass,
      nextDelay: (r) => {
        delays.push(r.ok);
        return 500;
      },
      timers,
      clock,
    });
    const waiter = loop.runNow();
    passes.started[0]?.fail(new Error("boom"));
    await expect(waiter).rejects.toThrow("boom");
    expect(delays).toEqual([false]);
    await timers.advance(500);
    expect(passes.started).toHaveLength(2);
  });

  it("stops: waits for the running pass, rejects waiters no pass will serve, ignores later triggers", async () => {
    const { loop, passes, timers } = setup(() => 1_000);
    const served = loop.runNow();
    const afterStart = loop.runNow();
    let stopped = false;
    const stopping = loop.stop().then(() => (stopped = true));
    await expect(afterStart).rejects.toMatchObject({ code: "E_SYNC_STOPPED" });
    await flush();
    expect(stopped).toBe(false);
    passes.started[0]?.finish(1);
    await stopping;
    expect(await served).toBe(1);
    expect(timers.pendingDelays()).toEqual([]);
    loop.trigger();
    expect(passes.started).toHaveLength(1);
    await expect(loop.runNow()).rejects.toMatchObject({ code: "E_SYNC_STOPPED" });
  });
});
