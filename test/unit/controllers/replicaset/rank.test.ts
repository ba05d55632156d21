import { describe, expect, it } from "vitest";
import { podsToDelete, rankForDeletion } from "../../../../src/controllers/replicaset/rank.js";
import type { Pod } from "../../../../src/manifest/types.js";

const T = (s: number): string =>
  new Date(Date.parse("2026-01-01T00:00:00Z") + s * 1000).toISOString().replace(".000", "");

interface P {
  node?: string;
  phase?: "Pending" | "Running" | "Unknown";
  ready?: boolean;
  readySince?: number;
  created?: number;
  restarts?: number;
  cost?: string;
}

function pod(name: string, p: P): Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name,
      namespace: "default",
      labels: {},
      annotations: p.cost === undefined ? {} : { "controller.kubernetes.io/pod-deletion-cost": p.cost },
      creationTimestamp: T(p.created ?? 0),
    },
    spec: { containers: [{ name: "c", image: "x" }], ...(p.node ? { nodeName: p.node } : {}) },
    status: {
      phase: p.phase ?? "Running",
      conditions: [
        {
          type: "Ready",
          status: p.ready === false ? "False" : "True",
          lastTransitionTime: T(p.readySince ?? 0),
        },
      ],
      containerStatuses: [
        {
          name: "c",
          image: "x",
          imageID: "",
          ready: p.ready !== false,
          restartCount: p.restarts ?? 0,
          state: {},
          lastState: {},
        },
      ],
    },
  };
}

const names = (pods: Pod[]): string[] => pods.map((p) => p.metadata.name);

describe("surplus pod deletion order (ActivePodsWithRanks)", () => {
  it.each<[string, P, P]>([
    ["unscheduled before scheduled", { phase: "Pending" }, { node: "n1", phase: "Pending" }],
    ["Pending before Unknown", { node: "n1", phase: "Pending" }, { node: "n1", phase: "Unknown" }],
    ["Unknown before Running", { node: "n1", phase: "Unknown" }, { node: "n1", phase: "Running" }],
    ["not ready before ready", { node: "n1", ready: false }, { node: "n1" }],
    [
      "lower deletion cost first",
      { node: "n1", cost: "-5", readySince: 0 },
      { node: "n1", cost: "10", readySince: 100 },
    ],
    ["ready more recently first", { node: "n1", readySince: 100 }, { node: "n1", readySince: 50 }],
    [
      "more restarts first",
      { node: "n1", restarts: 3, created: 0 },
      { node: "n1", restarts: 1, created: 100 },
    ],
    ["created more recently first", { node: "n1", created: 100 }, { node: "n1", created: 10 }],
  ])("%s", (_label, first, second) => {
    const a = pod("a", first);
    const b = pod("b", second);
    expect(names(rankForDeletion([b, a], []))).toEqual(["a", "b"]);
    expect(names(rankForDeletion([a, b], []))).toEqual(["a", "b"]);
  });

  it("prefers a pod whose node runs more pods of the same workload", () => {
    const crowded = pod("crowded", { node: "n1", created: 0 });
    const alone = pod("alone", { node: "n2", created: 100 });
    const sibling = pod("sibling", { node: "n1" });
    expect(names(rankForDeletion([alone, crowded], [crowded, alone, sibling]))).toEqual(["crowded", "alone"]);
  });

  it("ties break by name, so the choice is reproducible", () => {
    expect(names(rankForDeletion([pod("b", { node: "n" }), pod("a", { node: "n" })], []))).toEqual([
      "a",
      "b",
    ]);
  });

  it("podsToDelete takes the first n; all when n covers them", () => {
    const pods = [
      pod("old-ready", { node: "n", created: 0 }),
      pod("new-ready", { node: "n", created: 10 }),
      pod("pending", {}),
    ];
    expect(names(podsToDelete(pods, [], 2))).toEqual(["pending", "new-ready"]);
    expect(podsToDelete(pods, [], 3)).toHaveLength(3);
  });

  it("ignores deletion costs that are not int32", () => {
    const a = pod("a", { node: "n", cost: "abc", created: 10 });
    const b = pod("b", { node: "n", cost: "99999999999", created: 0 });
    expect(names(rankForDeletion([b, a], []))).toEqual(["a", "b"]);
  });
});
