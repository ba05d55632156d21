import { describe, expect, it } from "vitest";
import type { Pod } from "../../../src/manifest/types.js";
import { buildNodeInfos, NodeInfo } from "../../../src/scheduler/node-info.js";
import { schedule, scheduleAll } from "../../../src/scheduler/schedule.js";
import type { NodeStatus, ScheduleResult } from "../../../src/scheduler/types.js";
import { container, Gi, node, pod, status } from "./fixtures.js";

const chosen = (r: ScheduleResult): string => (r.ok ? r.node : `unschedulable: ${r.message}`);
const web = (name: string, extra: Parameters<typeof pod>[1] = {}) =>
  pod(name, { containers: [container({ cpu: "500m", memory: "1Gi" })], ...extra });

describe("schedule", () => {
  it("explains an unschedulable pod in kube-scheduler's words", () => {
    const nodes = [
      node("gpu", { taints: [{ key: "dedicated", value: "gpu", effect: "NoSchedule" }] }),
      node("small1", { allocatable: { cpuMillis: 4000, memoryBytes: 512 * 1024 * 1024, pods: 110 } }),
      node("small2", { allocatable: { cpuMillis: 4000, memoryBytes: 512 * 1024 * 1024, pods: 110 } }),
    ];
    const r = schedule(web("w"), nodes);
    expect(r).toEqual({
      ok: false,
      message:
        "0/3 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 2 Insufficient memory.",
      reasons: [
        { node: "gpu", reasons: ["node(s) had untolerated taint {dedicated: gpu}"] },
        { node: "small1", reasons: ["Insufficient memory"] },
        { node: "small2", reasons: ["Insufficient memory"] },
      ],
    });
  });

  it("says so when there are no nodes", () => {
    expect(schedule(web("w"), [])).toEqual({
      ok: false,
      message: "no nodes available to schedule pods",
      reasons: [],
    });
  });

  it("prefers the least allocated node", () => {
    const busy = node("a", {}, [pod("x", { containers: [container({ cpu: "3", memory: "6Gi" })] })]);
    expect(chosen(schedule(web("w"), [busy, node("b")]))).toBe("b");
  });

  it("avoids PreferNoSchedule taints and follows preferred node affinity when resources are equal", () => {
    const spot = node("a", { taints: [{ key: "spot", effect: "PreferNoSchedule" }] });
    expect(chosen(schedule(web("w"), [spot, node("b")]))).toBe("b");
    const preferA = web("w", {
      affinity: {
        nodeAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [
            { weight: 1, preference: { matchExpressions: [{ key: "ssd", operator: "Exists" }] } },
          ],
        },
      },
    });
    expect(chosen(schedule(preferA, [node("b"), node("a", { labels: { ssd: "true" } })]))).toBe("a");
  });

  it("keeps a pod that names its node on it, cordoned or not, and says when the node is unknown", () => {
    const nodes = [node("a"), node("b", { unschedulable: true })];
    expect(chosen(schedule(web("w", { nodeName: "b" }), nodes))).toBe("b");
    expect(chosen(schedule(web("w", { nodeName: "zz" }), nodes))).toBe(
      "unschedulable: 0/2 nodes are available: 2 node(s) didn't match the requested node name.",
    );
  });

  it("checks a pod already accounted on its named node without counting it twice", () => {
    const big = pod("big", { nodeName: "a", containers: [container({ cpu: "4", memory: "8Gi" })] });
    const [a] = buildNodeInfos([status("a")], [big]);
    if (!a) throw new Error("no node");
    expect(a.requested.cpuMillis).toBe(4000);
    expect(chosen(schedule(big, [a]))).toBe("a");
    expect(a.requested.cpuMillis).toBe(4000);
    expect(a.podCount).toBe(1);
  });

  it("returns per-node scores, best first, with explain", () => {
    const r = schedule(web("w"), [node("a", {}, [web("x")]), node("b")], { explain: true });
    expect(r.ok && r.scores?.map((s) => s.node)).toEqual(["b", "a"]);
    if (r.ok && r.scores?.[0]) expect(r.scores[0].plugins.leastAllocated).toBe(87); // (3500/4000 + 7/8) × 100
  });

  it("breaks ties deterministically, independent of node order, and not always towards the same node", () => {
    const statuses = ["n1", "n2", "n3", "n4", "n5"].map((n) => status(n));
    const pods = Array.from({ length: 40 }, (_, i) => web(`w${i}`));
    const pick = (order: NodeStatus[]) =>
      pods.map((p) =>
        chosen(
          schedule(
            p,
            order.map((s) => new NodeInfo(s)),
          ),
        ),
      );
    const forward = pick(statuses);
    expect(pick(statuses)).toEqual(forward);
    expect(pick([...statuses].reverse())).toEqual(forward);
    expect(new Set(forward).size).toBeGreaterThan(2);
  });

  it("stops filtering once enough feasible nodes are found (percentageOfNodesToScore)", () => {
    const many = Array.from({ length: 1000 }, (_, i) => node(`n${String(i).padStart(4, "0")}`));
    const r = schedule(web("w"), many);
    expect(r.ok && [r.evaluated, r.feasible]).toEqual([420, 420]);
    const all = schedule(web("w"), many, { percentageOfNodesToScore: 100 });
    expect(all.ok && all.feasible).toBe(1000);
    const fromEnd = schedule(web("w"), many, { startIndex: 900, percentageOfNodesToScore: 10 });
    expect(fromEnd.ok && fromEnd.evaluated).toBe(100);
  });
});

describe("scheduleAll", () => {
  it("updates node accounting as it places pods, then reports what ran out", () => {
    const small: Partial<NodeStatus> = { allocatable: { cpuMillis: 1000, memoryBytes: 4 * Gi, pods: 110 } };
    const nodes = [node("a", small), node("b", small)];
    const pods = Array.from({ length: 5 }, (_, i) =>
      pod(`p${i}`, { containers: [container({ cpu: "400m" })] }),
    );
    const results = scheduleAll(pods, nodes);
    expect(results.slice(0, 4).every((r) => r.ok)).toBe(true);
    expect(chosen(results[4] ?? { ok: false, message: "missing", reasons: [] })).toBe(
      "unschedulable: 0/2 nodes are available: 2 Insufficient cpu.",
    );
    expect(nodes.map((n) => n.podCount)).toEqual([2, 2]);
    expect(nodes.map((n) => n.requested.cpuMillis)).toEqual([800, 800]);
  });

  it("spreads the replicas of one owner evenly over equal nodes", () => {
    const nodes = ["a", "b", "c"].map((n) => node(n));
    const replicas = Array.from({ length: 9 }, (_, i) => pod(`web-${i}`, {}, { owner: "rs-web" }));
    scheduleAll(replicas, nodes);
    expect(nodes.map((n) => n.ownerCount("rs-web"))).toEqual([3, 3, 3]);
  });

  it("keeps host ports apart", () => {
    const nodes = ["a", "b"].map((n) => node(n));
    const withPort = (name: string) =>
      pod(name, { containers: [{ ...container(), ports: [{ containerPort: 80, hostPort: 8080 }] }] });
    const results = scheduleAll([withPort("p1"), withPort("p2"), withPort("p3")], nodes);
    expect(results.map(chosen).slice(0, 2).sort()).toEqual(["a", "b"]);
    expect(chosen(results[2] ?? { ok: false, message: "missing", reasons: [] })).toBe(
      "unschedulable: 0/2 nodes are available: 2 node(s) didn't have free ports for the requested pod ports.",
    );
  });

  it("serves pods in creation order and returns results in the order given", () => {
    const one = [node("a", { allocatable: { cpuMillis: 4000, memoryBytes: 8 * Gi, pods: 1 } })];
    const newer = pod("newer", {}, { creationTimestamp: "2026-01-01T00:00:02Z" });
    const older = pod("older", {}, { creationTimestamp: "2026-01-01T00:00:01Z" });
    const [rNewer, rOlder] = scheduleAll([newer, older], one);
    expect(rOlder?.ok).toBe(true);
    expect(rNewer?.ok).toBe(false);
  });

  it("gives a pod with a malformed request a failed result and goes on", () => {
    const bad: Pod = pod("bad", { containers: [container({ memory: "lots" })] });
    const results = scheduleAll([bad, web("good")], [node("a")]);
    expect(results[0]?.ok).toBe(false);
    expect(!results[0]?.ok && results[0]?.message).toContain('"lots" is not a resource quantity');
    expect(results[1]?.ok).toBe(true);
  });

  it("is deterministic and places everything it can on a larger cluster", () => {
    const run = () => {
      const nodes = Array.from({ length: 150 }, (_, i) =>
        node(`n${i}`, { allocatable: { cpuMillis: 2000, memoryBytes: 4 * Gi, pods: 110 } }),
      );
      const pods = Array.from({ length: 600 }, (_, i) =>
        pod(`p${i}`, { containers: [container({ cpu: "250m" })] }, { owner: `rs${i % 7}` }),
      );
      return { results: scheduleAll(pods, nodes).map(chosen), nodes };
    };
    const first = run();
    expect(run().results).toEqual(first.results);
    expect(first.results.every((r) => !r.startsWith("unschedulable"))).toBe(true);
    // 600 pods × 250m on 150 × 2000m: least-allocated keeps every node at most 8 pods, and in use.
    const counts = first.nodes.map((n) => n.podCount);
    expect(Math.max(...counts)).toBeLessThanOrEqual(8);
    expect(Math.min(...counts)).toBeGreaterThan(0);
  });
});
