import { describe, expect, it } from "vitest";
import type { Pod } from "../../../../src/manifest/types.js";
import { evictionDelayMs, planNodeLoss } from "../../../../src/runtime/agent/node-loss.js";

const T0 = Date.parse("2026-01-01T00:00:00Z");

function pod(name: string, extra: Partial<Pod["spec"]> = {}, meta: Partial<Pod["metadata"]> = {}): Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: "default", uid: `uid-${name}`, ...meta },
    spec: { nodeName: "n2", containers: [{ name: "c", image: "x" }], ...extra },
    status: { phase: "Running", conditions: [{ type: "Ready", status: "True" }] },
  };
}

const owned = {
  ownerReferences: [
    { apiVersion: "apps/v1", kind: "ReplicaSet" as const, name: "rs", uid: "rs", controller: true },
  ],
};

function plan(pods: Pod[], nowMs: number, ready = false) {
  return planNodeLoss({ node: "n2", ready, notReadySinceMs: T0, pods, nowMs, evictionTimeoutMs: 60_000 });
}

describe("node loss", () => {
  it("does nothing while the node is Ready", () => {
    expect(plan([pod("a", {}, owned)], T0 + 120_000, true).actions).toEqual([]);
  });

  it("marks pods not Ready at once and evicts after the timeout", () => {
    const first = plan([pod("a", {}, owned), pod("b")], T0 + 1_000);
    expect(first.actions.map((a) => [a.type, a.pod.metadata.name])).toEqual([
      ["markNotReady", "a"],
      ["markNotReady", "b"],
    ]);
    const a0 = first.actions[0];
    expect(a0?.type === "markNotReady" && a0.status.conditions?.[0]).toMatchObject({
      type: "Ready",
      status: "False",
      reason: "NodeNotReady",
    });
    expect(first.nextCheckMs).toBe(T0 + 60_000);

    const later = plan([pod("a", {}, owned), pod("b")], T0 + 60_000);
    expect(later.actions.map((a) => [a.type, a.pod.metadata.name])).toEqual([
      ["evict", "a"],
      ["fail", "b"],
    ]);
    const fail = later.actions[1];
    expect(fail?.type === "fail" && fail.status).toMatchObject({
      phase: "Failed",
      reason: "NodeLost",
      message: "Node n2 which was running pod b is unresponsive",
    });
  });

  it("does not mark twice, and leaves finished pods and other nodes' pods alone", () => {
    const notReady = pod("a", {}, owned);
    notReady.status = { phase: "Running", conditions: [{ type: "Ready", status: "False" }] };
    const done = pod("done", {}, owned);
    done.status = { phase: "Succeeded" };
    const elsewhere = pod("x", { nodeName: "n1" }, owned);
    expect(plan([notReady, done, elsewhere], T0 + 1_000).actions).toEqual([]);
    expect(plan([done, elsewhere], T0 + 120_000).actions).toEqual([]);
  });

  it("pods already being deleted go after the timeout whoever owns them", () => {
    const deleting = pod("d", {}, { deletionTimestamp: "2026-01-01T00:00:30Z" });
    expect(plan([deleting], T0 + 59_000).actions.map((a) => a.type)).toEqual(["markNotReady"]);
    expect(plan([deleting], T0 + 60_000).actions.map((a) => a.type)).toEqual(["evict"]);
  });

  it("honours tolerations of the unreachable taint", () => {
    const forever = pod(
      "ds",
      { tolerations: [{ key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute" }] },
      owned,
    );
    const short = pod(
      "short",
      { tolerations: [{ key: "node.kubernetes.io/unreachable", operator: "Exists", tolerationSeconds: 5 }] },
      owned,
    );
    expect(evictionDelayMs(forever, 60_000)).toBeUndefined();
    expect(evictionDelayMs(short, 60_000)).toBe(5_000);
    expect(evictionDelayMs(pod("p"), 60_000)).toBe(60_000);
    const r = plan([forever, short], T0 + 10_000);
    expect(r.actions.map((a) => [a.type, a.pod.metadata.name])).toEqual([
      ["markNotReady", "ds"],
      ["evict", "short"],
    ]);
    expect(r.nextCheckMs).toBeUndefined();
  });
});
