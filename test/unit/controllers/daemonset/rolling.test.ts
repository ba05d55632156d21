import { afterEach, describe, expect, it } from "vitest";
import {
  daemonSetController,
  reconcileDaemonSet,
  rollingLimits,
} from "../../../../src/controllers/daemonset/index.js";
import { isPodAvailable, isTerminating } from "../../../../src/controllers/workload-util/pod-state.js";
import type { DaemonSet, Pod } from "../../../../src/manifest/types.js";
import { Cluster, node } from "../../../support/batch-cluster.js";
import { contextOf, daemonSet, must, template } from "../../../support/workloads.js";

let cluster: Cluster | undefined;
afterEach(() => cluster?.stop());

const NODES = ["n1", "n2", "n3", "n4"];

function rollout(strategy: NonNullable<DaemonSet["spec"]["updateStrategy"]>) {
  const c = new Cluster([daemonSetController], { nodes: NODES.map((n) => node(n)) });
  cluster = c;
  c.apply(daemonSet("agent", { updateStrategy: strategy }));
  const oldHash = c.pods("agent-")[0]?.metadata.labels?.["controller-revision-hash"];
  // Watch every intermediate state: how many nodes lack an available daemon pod, how many pods run.
  let maxUnavailable = 0;
  let maxPods = 0;
  const replacedOrder: string[] = [];
  c.store.watch((e) => {
    const pods = c.store.list("Pod").filter((p) => !isTerminating(p));
    const availableOn = new Set(pods.filter((p) => isPodAvailable(p, 0, 0)).map((p) => p.spec.nodeName));
    maxUnavailable = Math.max(maxUnavailable, NODES.filter((n) => !availableOn.has(n)).length);
    maxPods = Math.max(maxPods, pods.length);
    const pod = e.object as Pod;
    if (e.type === "ADDED" && e.object.kind === "Pod") replacedOrder.push(pod.metadata.name);
  });
  return {
    c,
    oldHash,
    update(): void {
      c.apply(
        daemonSet("agent", {
          updateStrategy: strategy,
          template: template({ app: "agent" }, "berth.local/web:2"),
        }),
      );
    },
    stats: () => ({ maxUnavailable, maxPods }),
    nodeOrder: (): string[] =>
      replacedOrder.map((name) => c.store.get("Pod", "default", name)?.spec.nodeName ?? "?"),
  };
}

const images = (c: Cluster): string[] => c.livePods("agent-").map((p) => p.spec.containers[0]?.image ?? "");

describe("DaemonSet RollingUpdate", () => {
  it.each([1, 2])(
    "replaces node by node, at most maxUnavailable=%i nodes down at a time",
    (maxUnavailable) => {
      const r = rollout({ type: "RollingUpdate", rollingUpdate: { maxUnavailable, maxSurge: 0 } });
      r.update();
      expect(images(r.c)).toEqual(Array(4).fill("berth.local/web:2"));
      expect(r.stats().maxUnavailable).toBe(maxUnavailable);
      expect(r.stats().maxPods).toBe(4);
      expect(r.nodeOrder()).toEqual(NODES);
      const status = r.c.store.get("DaemonSet", "default", "agent")?.status;
      expect(status).toMatchObject({ updatedNumberScheduled: 4, numberAvailable: 4, observedGeneration: 2 });
    },
  );

  it("waits for a new pod to become Ready before taking down the next node", () => {
    const r = rollout({ type: "RollingUpdate", rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } });
    r.c.fate = (p) => (p.spec.containers[0]?.image === "berth.local/web:2" ? "running" : "ready");
    r.update();
    expect(images(r.c).sort()).toEqual([
      "berth.local/web:1",
      "berth.local/web:1",
      "berth.local/web:1",
      "berth.local/web:2",
    ]);
    const ds = must(r.c.store.get("DaemonSet", "default", "agent"));
    expect(ds.status).toMatchObject({ updatedNumberScheduled: 1, numberReady: 3, numberUnavailable: 1 });
    expect(reconcileDaemonSet(ds, contextOf(r.c)).actions).toEqual([]);
    r.c.fate = () => "ready";
    r.c.mgr.enqueueAll();
    r.c.settle();
    expect(images(r.c)).toEqual(Array(4).fill("berth.local/web:2"));
  });

  it("with maxSurge starts the new pod beside the old one, never leaving a node unavailable", () => {
    const r = rollout({ type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } });
    r.update();
    expect(images(r.c)).toEqual(Array(4).fill("berth.local/web:2"));
    expect(r.stats()).toEqual({ maxUnavailable: 0, maxPods: 5 });
  });

  it("respects minReadySeconds before counting a new pod available", () => {
    const r = rollout({ type: "RollingUpdate", rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } });
    // Old pods Ready for a minute are available; ones Ready for less would be replaced freely.
    r.c.advance(60_000);
    r.c.apply(
      daemonSet("agent", {
        minReadySeconds: 10,
        template: template({ app: "agent" }, "berth.local/web:2"),
      }),
    );
    expect(images(r.c).filter((i) => i.endsWith(":2"))).toHaveLength(1);
    // Available strictly after minReadySeconds, as Kubernetes: not at 10 s, at 10 s + 1 ms.
    r.c.advance(10_000);
    expect(images(r.c).filter((i) => i.endsWith(":2"))).toHaveLength(1);
    r.c.advance(1);
    expect(images(r.c).filter((i) => i.endsWith(":2"))).toHaveLength(2);
    r.c.advance(40_000, 1_000);
    expect(images(r.c)).toEqual(Array(4).fill("berth.local/web:2"));
  });

  it("scales percentages against the desired node count, rounding up", () => {
    const ds = daemonSet("x", {
      updateStrategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: "10%", maxSurge: 0 } },
    });
    expect(rollingLimits(ds, 4)).toEqual({ maxUnavailable: 1, maxSurge: 0 });
    expect(rollingLimits(ds, 25)).toEqual({ maxUnavailable: 3, maxSurge: 0 });
    const zero = daemonSet("x", {
      updateStrategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: 0 } },
    });
    expect(rollingLimits(zero, 3)).toEqual({ maxUnavailable: 1, maxSurge: 0 });
  });
});

describe("DaemonSet OnDelete", () => {
  it("replaces only pods someone deleted", () => {
    const r = rollout({ type: "OnDelete" });
    r.update();
    expect(images(r.c)).toEqual(Array(4).fill("berth.local/web:1"));
    const victim = r.c.livePods("agent-").find((p) => p.spec.nodeName === "n2");
    if (!victim) throw new Error("no pod on n2");
    r.c.store.requestDelete({ kind: "Pod", namespace: "default", name: victim.metadata.name });
    r.c.settle();
    const byNode: Record<string, string | undefined> = {};
    for (const p of r.c.livePods("agent-")) byNode[p.spec.nodeName ?? "?"] = p.spec.containers[0]?.image;
    expect(byNode).toEqual({
      n1: "berth.local/web:1",
      n2: "berth.local/web:2",
      n3: "berth.local/web:1",
      n4: "berth.local/web:1",
    });
    const ds = must(r.c.store.get("DaemonSet", "default", "agent"));
    expect(ds.status).toMatchObject({ updatedNumberScheduled: 1, currentNumberScheduled: 4 });
    expect(reconcileDaemonSet(ds, contextOf(r.c)).actions).toEqual([]);
  });
});
