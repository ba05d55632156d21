import { describe, expect, it } from "vitest";
import { gateModeFor, SandboxNetworkGate } from "../../../../src/runtime/agent/network-gate.js";

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => undefined;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

function recorder(log: string[]) {
  return (name: string, d: { promise: Promise<void> }) => async () => {
    log.push(`${name}+`);
    await d.promise;
    log.push(`${name}-`);
  };
}

describe("SandboxNetworkGate", () => {
  it("lets joins run side by side, a leave alone, and joins that come while a leave waits go first", async () => {
    const gate = new SandboxNetworkGate(2000, () => 0);
    const log: string[] = [];
    const run = recorder(log);
    const [j1, j2, l1, j3] = [deferred(), deferred(), deferred(), deferred()];
    const all = [
      gate.join(run("j1", j1)),
      gate.join(run("j2", j2)),
      gate.leave(run("l1", l1)),
      gate.join(run("j3", j3)),
    ];
    await settle();
    // The leave waits for every join; the join that came after it did not wait for it.
    expect(log).toEqual(["j1+", "j2+", "j3+"]);
    j1.resolve();
    j2.resolve();
    await settle();
    expect(log).toEqual(["j1+", "j2+", "j3+", "j1-", "j2-"]);
    j3.resolve();
    await settle();
    expect(log.slice(5)).toEqual(["j3-", "l1+"]);
    // While the leave runs, a join waits.
    const j4 = deferred();
    const late = gate.join(run("j4", j4));
    await settle();
    expect(log.slice(7)).toEqual([]);
    l1.resolve();
    await settle();
    expect(log.slice(7)).toEqual(["l1-", "j4+"]);
    j4.resolve();
    await Promise.all([...all, late]);
  });

  it("stops admitting joins once a leave has waited its maximum, so teardown is not starved", async () => {
    let clock = 0;
    const gate = new SandboxNetworkGate(2000, () => clock);
    const log: string[] = [];
    const run = recorder(log);
    const [j1, l1, j2, j3] = [deferred(), deferred(), deferred(), deferred()];
    const first = gate.join(run("j1", j1));
    const leave = gate.leave(run("l1", l1));
    clock = 1000;
    const second = gate.join(run("j2", j2));
    await settle();
    expect(log).toEqual(["j1+", "j2+"]);
    clock = 2500;
    // The leave is due: a new join queues behind it.
    const third = gate.join(run("j3", j3));
    j1.resolve();
    j2.resolve();
    await settle();
    expect(log).toEqual(["j1+", "j2+", "j1-", "j2-", "l1+"]);
    l1.resolve();
    await settle();
    expect(log.slice(5)).toEqual(["l1-", "j3+"]);
    j3.resolve();
    await Promise.all([first, leave, second, third]);
  });

  it("lets the joins that waited for an overdue leave go before the next overdue leave", async () => {
    let clock = 0;
    const gate = new SandboxNetworkGate(2000, () => clock);
    const log: string[] = [];
    const run = recorder(log);
    const [j1, l1, l2, j2, j3] = [deferred(), deferred(), deferred(), deferred(), deferred()];
    const first = gate.join(run("j1", j1));
    const leaves = [gate.leave(run("l1", l1)), gate.leave(run("l2", l2))];
    clock = 3000;
    // Both leaves are overdue: j2 waits for l1 ...
    const second = gate.join(run("j2", j2));
    j1.resolve();
    await settle();
    expect(log).toEqual(["j1+", "j1-", "l1+"]);
    l1.resolve();
    await settle();
    // ... and then goes before l2, which runs once j2 is done.
    expect(log.slice(3)).toEqual(["l1-", "j2+"]);
    const third = gate.join(run("j3", j3));
    await settle();
    expect(log.slice(5)).toEqual([]);
    j2.resolve();
    await settle();
    expect(log.slice(5)).toEqual(["j2-", "l2+"]);
    l2.resolve();
    await settle();
    expect(log.slice(7)).toEqual(["l2-", "j3+"]);
    j3.resolve();
    await Promise.all([first, ...leaves, second, third]);
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

  it('in "leaves" mode starts run beside a leave, and leaves still run one at a time', async () => {
    const gate = new SandboxNetworkGate(2000, () => 0, "leaves");
    const log: string[] = [];
    const run = recorder(log);
    const [l1, l2, j1, j2] = [deferred(), deferred(), deferred(), deferred()];
    const ops = [gate.leave(run("l1", l1)), gate.leave(run("l2", l2)), gate.join(run("j1", j1))];
    await settle();
    // The join does not queue at all (it starts in the same turn); the leave starts beside it.
    expect(log).toEqual(["j1+", "l1+"]);
    ops.push(gate.join(run("j2", j2)));
    l1.resolve();
    await settle();
    // l2 did not wait for the joins; j2 did not wait for l2.
    expect(log).toEqual(["j1+", "l1+", "j2+", "l1-", "l2+"]);
    for (const d of [l2, j1, j2]) d.resolve();
    await Promise.all(ops);
  });

  it("switching to a looser mode lets waiting operations go", async () => {
    const gate = new SandboxNetworkGate(2000, () => 0);
    const log: string[] = [];
    const run = recorder(log);
    const [j1, l1, l2] = [deferred(), deferred(), deferred()];
    const ops = [gate.join(run("j1", j1)), gate.leave(run("l1", l1)), gate.leave(run("l2", l2))];
    await settle();
    expect(log).toEqual(["j1+"]);
    gate.setMode("leaves");
    await settle();
    expect(log).toEqual(["j1+", "l1+"]);
    gate.setMode("none");
    await settle();
    expect(log).toEqual(["j1+", "l1+", "l2+"]);
    for (const d of [j1, l1, l2]) d.resolve();
    await Promise.all(ops);
  });
});

describe("gateModeFor", () => {
  it("orders by what the engine's libnetwork still gets wrong", () => {
    // Before 20.10.23 both endpoint creation and deletion race a leave (moby#42569, moby#46661).
    expect(gateModeFor("20.10.5")).toBe("exclusive");
    expect(gateModeFor("20.10.22")).toBe("exclusive");
    expect(gateModeFor("19.03.15")).toBe("exclusive");
    // 20.10.23 fixed creation (moby#44682); deletion only after 20.10.24.
    expect(gateModeFor("20.10.23")).toBe("leaves");
    expect(gateModeFor("20.10.24+dfsg1")).toBe("leaves");
    expect(gateModeFor("20.10.27")).toBe("leaves");
    expect(gateModeFor("24.0.7")).toBe("none");
    expect(gateModeFor("28.1.1")).toBe("none");
    expect(gateModeFor("")).toBe("exclusive");
    expect(gateModeFor("dev")).toBe("exclusive");
    expect(gateModeFor(undefined)).toBe("exclusive");
  });
});
