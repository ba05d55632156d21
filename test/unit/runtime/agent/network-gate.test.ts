import { describe, expect, it } from "vitest";
import { SandboxNetworkGate } from "../../../../src/runtime/agent/network-gate.js";

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => undefined;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

describe("SandboxNetworkGate", () => {
  it("lets joins run side by side and a leave run alone, before joins that came after it", async () => {
    const gate = new SandboxNetworkGate();
    const log: string[] = [];
    const j1 = deferred();
    const j2 = deferred();
    const l1 = deferred();
    const j3 = deferred();
    const run = (name: string, d: { promise: Promise<void> }) => async () => {
      log.push(`${name}+`);
      await d.promise;
      log.push(`${name}-`);
    };
    const all = [
      gate.join(run("j1", j1)),
      gate.join(run("j2", j2)),
      gate.leave(run("l1", l1)),
      gate.join(run("j3", j3)),
    ];
    await settle();
    expect(log).toEqual(["j1+", "j2+"]);
    j1.resolve();
    await settle();
    // The leave waits for the second join; the third join waits behind the leave.
    expect(log).toEqual(["j1+", "j2+", "j1-"]);
    j2.resolve();
    await settle();
    expect(log).toEqual(["j1+", "j2+", "j1-", "j2-", "l1+"]);
    l1.resolve();
    await settle();
    expect(log.slice(5)).toEqual(["l1-", "j3+"]);
    j3.resolve();
    await Promise.all(all);
  });

  it("runs leaves one at a time and survives a failing operation", async () => {
    const gate = new SandboxNetworkGate();
    let active = 0;
    let peak = 0;
    const leave = (fail: boolean) =>
      gate.leave(async () => {
        active++;
        peak = Math.max(peak, active);
        await settle();
        active--;
        if (fail) throw new Error("engine said no");
      });
    const results = await Promise.allSettled([leave(false), leave(true), leave(false)]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(peak).toBe(1);
    await gate.join(async () => undefined);
  });
});
