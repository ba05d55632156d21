import { describe, expect, it } from "vitest";
import { idOf } from "../../../src/manifest/identity.js";
import type { Pod } from "../../../src/manifest/types.js";
import { SchedulerLoop } from "../../../src/scheduler/loop.js";
import type { NodeStatus } from "../../../src/scheduler/types.js";
import type { EventInput } from "../../../src/state/events.js";
import { ObjectStore } from "../../../src/state/store.js";
import { FakeClock } from "../../../src/util/clock.js";
import { FakeTimers } from "../../support/fake-timers.js";
import { Gi, pod, status } from "./fixtures.js";

function setup(nodes: NodeStatus[]) {
  const clock = new FakeClock();
  const timers = new FakeTimers(clock);
  const store = new ObjectStore(clock);
  const events: EventInput[] = [];
  const current = { nodes };
  const loop = new SchedulerLoop({
    store,
    nodes: () => current.nodes,
    clock,
    timers,
    onEvent: (e) => events.push(e),
    retryIntervalMs: 30_000,
  });
  return { clock, timers, store, events, loop, current };
}

function created(store: ObjectStore, p: Pod): Pod {
  const { uid: _uid, ...meta } = p.metadata;
  return store.create({ ...p, metadata: meta });
}

function bigPod(name: string): Pod {
  return pod(name, { containers: [{ name: "c", image: "x", resources: { requests: { memory: "6Gi" } } }] });
}

describe("the scheduling loop", () => {
  it("binds pending pods, sets PodScheduled and records Scheduled", async () => {
    const s = setup([status("n1")]);
    await s.loop.start();
    created(s.store, pod("web-abc"));
    await s.timers.advance(0);
    const bound = s.store.get("Pod", "default", "web-abc");
    expect(bound?.spec.nodeName).toBe("n1");
    expect(bound?.status?.conditions).toEqual([
      { type: "PodScheduled", status: "True", lastTransitionTime: "2026-01-01T00:00:00Z" },
    ]);
    expect(s.events).toEqual([
      expect.objectContaining({
        type: "Normal",
        reason: "Scheduled",
        message: "Successfully assigned default/web-abc to n1",
        source: { component: "default-scheduler" },
      }),
    ]);
    await s.loop.stop();
  });

  it("places a burst of pods in one round without overcommitting a node", async () => {
    const s = setup([status("n1"), status("n2")]);
    await s.loop.start();
    for (const n of ["a", "b", "c"]) created(s.store, bigPod(n));
    await s.timers.advance(0);
    const nodes = ["a", "b", "c"].map((n) => s.store.get("Pod", "default", n)?.spec.nodeName);
    expect(nodes.filter((n) => n !== undefined).sort()).toEqual(["n1", "n2"]);
    const pending = s.store.get("Pod", "default", ["a", "b", "c"][nodes.indexOf(undefined)] ?? "");
    expect(pending?.status?.conditions?.[0]).toMatchObject({
      type: "PodScheduled",
      status: "False",
      reason: "Unschedulable",
      message: "0/2 nodes are available: 2 Insufficient memory.",
    });
    expect(s.events.filter((e) => e.reason === "FailedScheduling")).toHaveLength(1);
    await s.loop.stop();
  });

  it("tries an unschedulable pod again when a bound pod goes, not on unrelated changes", async () => {
    const s = setup([status("n1")]);
    await s.loop.start();
    created(s.store, bigPod("first"));
    await s.timers.advance(0);
    created(s.store, bigPod("second"));
    await s.timers.advance(0);
    expect(s.store.get("Pod", "default", "second")?.spec.nodeName).toBeUndefined();
    // Another pod arriving does not make room: no new attempt for "second".
    created(s.store, pod("small"));
    await s.timers.advance(0);
    expect(s.events.filter((e) => e.reason === "FailedScheduling")).toHaveLength(1);
    const first = s.store.get("Pod", "default", "first");
    if (first) s.store.delete(idOf(first));
    await s.timers.advance(0);
    expect(s.store.get("Pod", "default", "second")?.spec.nodeName).toBe("n1");
    expect(s.store.get("Pod", "default", "second")?.status?.conditions?.[0]).toMatchObject({
      type: "PodScheduled",
      status: "True",
    });
    await s.loop.stop();
  });

  it("tries again when nodes change, and periodically", async () => {
    const s = setup([status("n1", { ready: false })]);
    await s.loop.start();
    created(s.store, pod("web"));
    await s.timers.advance(0);
    expect(s.store.get("Pod", "default", "web")?.status?.conditions?.[0]?.message).toBe(
      "0/1 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/not-ready: }.",
    );
    s.current.nodes = [status("n1")];
    s.loop.nodesChanged();
    await s.timers.advance(0);
    expect(s.store.get("Pod", "default", "web")?.spec.nodeName).toBe("n1");

    s.current.nodes = [status("n1", { allocatable: { cpuMillis: 1000, memoryBytes: 1 * Gi, pods: 110 } })];
    created(s.store, bigPod("later"));
    await s.timers.advance(0);
    expect(s.store.get("Pod", "default", "later")?.spec.nodeName).toBeUndefined();
    s.current.nodes = [status("n1", { allocatable: { cpuMillis: 1000, memoryBytes: 16 * Gi, pods: 110 } })];
    await s.timers.advance(29_000);
    expect(s.store.get("Pod", "default", "later")?.spec.nodeName).toBeUndefined();
    await s.timers.advance(1_000);
    expect(s.store.get("Pod", "default", "later")?.spec.nodeName).toBe("n1");
    await s.loop.stop();
  });

  it("leaves pods alone that name their node, are being deleted or have finished", async () => {
    const s = setup([status("n1")]);
    created(s.store, pod("pinned", { nodeName: "elsewhere" }));
    const done = created(s.store, pod("done"));
    s.store.updateStatus(idOf(done), { phase: "Succeeded" });
    await s.loop.start();
    await s.timers.advance(0);
    expect(s.store.get("Pod", "default", "pinned")?.spec.nodeName).toBe("elsewhere");
    expect(s.store.get("Pod", "default", "done")?.spec.nodeName).toBeUndefined();
    expect(s.events).toEqual([]);
    await s.loop.stop();
  });
});
