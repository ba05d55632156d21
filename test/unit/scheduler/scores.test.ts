import { describe, expect, it } from "vitest";
import type { PodSpec } from "../../../src/manifest/types.js";
import { podDemand } from "../../../src/scheduler/pod-demand.js";
import { defaultNormalizeScore } from "../../../src/scheduler/plugins/normalize.js";
import { nodeAffinityScore } from "../../../src/scheduler/plugins/node-affinity.js";
import {
  balancedAllocationApplies,
  balancedAllocationScore,
  leastAllocatedScore,
} from "../../../src/scheduler/plugins/node-resources.js";
import {
  normalizeSpread,
  spreadScore,
  spreadWeight,
} from "../../../src/scheduler/plugins/pod-topology-spread.js";
import { taintTolerationScore } from "../../../src/scheduler/plugins/taint-toleration.js";
import { scoreNodes } from "../../../src/scheduler/scores.js";
import { DEFAULT_WEIGHTS, type PluginScores } from "../../../src/scheduler/types.js";
import { container, Gi, Mi, node, pod } from "./fixtures.js";

const demand = (spec: Partial<PodSpec> = {}, owner?: string) =>
  podDemand(pod("p", spec, owner ? { owner } : {}));
const normalized = (raw: number[], reverse: boolean) => {
  const a = Float64Array.from(raw);
  defaultNormalizeScore(a, reverse);
  return [...a];
};

describe("leastAllocatedScore", () => {
  const cases: [
    string,
    { cpuMillis: number; memoryBytes: number },
    { cpu?: string; memory?: string }[],
    { cpu?: string; memory?: string } | undefined,
    number,
  ][] = [
    [
      "empty node, 1 cpu / 2Gi of 4 / 8Gi: 75",
      { cpuMillis: 4000, memoryBytes: 8 * Gi },
      [],
      { cpu: "1", memory: "2Gi" },
      75,
    ],
    [
      "half used after placing: 50",
      { cpuMillis: 4000, memoryBytes: 8 * Gi },
      [{ cpu: "1", memory: "2Gi" }],
      { cpu: "1", memory: "2Gi" },
      50,
    ],
    ["cpu and memory averaged: 90 and 80", { cpuMillis: 1000, memoryBytes: 1000 * Mi }, [], undefined, 85],
    [
      "over capacity scores 0 for that resource: (0 + 50) / 2",
      { cpuMillis: 1000, memoryBytes: 8 * Gi },
      [],
      { cpu: "2", memory: "4Gi" },
      25,
    ],
    [
      "integer division as kube-scheduler: (3000−1)×100/3000 = 99",
      { cpuMillis: 3000, memoryBytes: 3000 },
      [],
      { cpu: "1m", memory: "1" },
      99,
    ],
    [
      "a resource with no capacity is left out of the average: 75",
      { cpuMillis: 0, memoryBytes: 8 * Gi },
      [],
      { memory: "2Gi" },
      75,
    ],
  ];
  it.each(cases)("%s", (_name, alloc, used, requests, want) => {
    const n = node(
      "n",
      { allocatable: { ...alloc, pods: 110 } },
      used.map((r, i) => pod(`u${i}`, { containers: [container(r)] })),
    );
    expect(leastAllocatedScore(demand({ containers: [container(requests)] }), n)).toBe(want);
  });
});

describe("balancedAllocationScore", () => {
  const n = node("n", { allocatable: { cpuMillis: 4000, memoryBytes: 8 * Gi, pods: 110 } });
  it.each([
    [{ cpu: "1", memory: "2Gi" }, 100], // 25% and 25%
    [{ cpu: "1", memory: "1Gi" }, 93], // 25% and 12.5%: std 0.0625
    [{ cpu: "8", memory: "1Gi" }, 56], // cpu capped at 100%: std (1 − 0.125)/2
    [{ memory: "4Gi" }, 75], // 0% and 50%
  ])("%j → %i", (requests, want) => {
    expect(balancedAllocationScore(demand({ containers: [container(requests)] }), n)).toBe(want);
  });

  it("does not apply to pods that request nothing", () => {
    expect(balancedAllocationApplies(demand())).toBe(false);
    expect(balancedAllocationApplies(demand({ containers: [container({ cpu: "1m" })] }))).toBe(true);
  });
});

describe("taintTolerationScore", () => {
  const soft = [
    { key: "a", effect: "PreferNoSchedule" as const },
    { key: "b", value: "x", effect: "PreferNoSchedule" as const },
    { key: "c", effect: "NoSchedule" as const },
  ];
  const n = node("n", { taints: soft });
  it.each([
    ["no tolerations", [], 2],
    [
      "tolerating one by PreferNoSchedule effect",
      [{ key: "a", operator: "Exists" as const, effect: "PreferNoSchedule" as const }],
      1,
    ],
    ["tolerating one with an empty effect", [{ key: "b", value: "x" }], 1],
    [
      "a NoSchedule toleration does not count",
      [{ key: "a", operator: "Exists" as const, effect: "NoSchedule" as const }],
      2,
    ],
    ["tolerating everything", [{ operator: "Exists" as const }], 0],
  ])("%s → %i untolerated", (_name, tolerations, want) => {
    expect(taintTolerationScore(demand({ tolerations }), n)).toBe(want);
  });

  it("normalizes reversed: fewest untolerated taints score 100", () => {
    expect(normalized([0, 1, 2], true)).toEqual([100, 50, 0]);
    expect(normalized([0, 0], true)).toEqual([100, 100]);
    expect(normalized([1, 3], true)).toEqual([67, 0]);
  });
});

describe("nodeAffinityScore", () => {
  const preferred = {
    affinity: {
      nodeAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [
          {
            weight: 20,
            preference: { matchExpressions: [{ key: "zone", operator: "In" as const, values: ["a"] }] },
          },
          {
            weight: 60,
            preference: { matchExpressions: [{ key: "disk", operator: "In" as const, values: ["ssd"] }] },
          },
          { weight: 90, preference: {} }, // an empty term matches nothing
        ],
      },
    },
  };
  it("sums the weights of matching terms, then scales to the best node", () => {
    const d = demand(preferred);
    const raw = [
      node("n1", { labels: { zone: "a", disk: "ssd" } }),
      node("n2", { labels: { zone: "a", disk: "hdd" } }),
      node("n3", { labels: { zone: "b" } }),
    ].map((n) => nodeAffinityScore(d, n));
    expect(raw).toEqual([80, 20, 0]);
    expect(normalized(raw, false)).toEqual([100, 25, 0]);
    expect(normalized([0, 0], false)).toEqual([0, 0]);
  });
});

describe("spreading by controller owner", () => {
  it("scores nodes with fewer pods of the owner higher (PodTopologySpread hostname default)", () => {
    const owned = (name: string) => pod(name, {}, { owner: "rs" });
    const nodes = [
      node("n1", {}, [owned("a"), owned("b")]),
      node("n2", {}, [owned("c"), pod("alien")]),
      node("n3"),
    ];
    const w = spreadWeight(nodes.length);
    expect(w).toBeCloseTo(Math.log(5));
    const raw = nodes.map((n) => spreadScore("rs", n, w));
    expect(raw).toEqual([5, 4, 2]); // round(count × ln 5 + 2)
    const s = Float64Array.from(raw);
    normalizeSpread(s);
    expect([...s]).toEqual([40, 60, 100]);
    const none = Float64Array.from([2, 2]);
    normalizeSpread(none);
    expect([...none]).toEqual([100, 100]);
  });
});

describe("scoreNodes", () => {
  it("weights the normalized plugin scores as kube-scheduler's defaults", () => {
    const nodes = [
      node("n1", { taints: [{ key: "spot", effect: "PreferNoSchedule" }], labels: { zone: "a" } }),
      node("n2", {}, [pod("x", { containers: [container({ cpu: "2", memory: "4Gi" })] }, { owner: "rs" })]),
    ];
    const d = demand(
      {
        containers: [container({ cpu: "1", memory: "2Gi" })],
        affinity: {
          nodeAffinity: {
            preferredDuringSchedulingIgnoredDuringExecution: [
              { weight: 10, preference: { matchExpressions: [{ key: "zone", operator: "Exists" }] } },
            ],
          },
        },
      },
      "rs",
    );
    const breakdown: PluginScores[] = [];
    const totals = scoreNodes(d, nodes, DEFAULT_WEIGHTS, breakdown);
    expect(breakdown).toEqual([
      {
        taintToleration: 0,
        nodeAffinity: 100,
        podTopologySpread: 100,
        leastAllocated: 75,
        balancedAllocation: 100,
      },
      {
        taintToleration: 100,
        nodeAffinity: 0,
        podTopologySpread: 66,
        leastAllocated: 25,
        balancedAllocation: 100,
      },
    ]);
    expect([...totals]).toEqual([0 * 3 + 100 * 2 + 100 * 2 + 75 + 100, 100 * 3 + 0 + 66 * 2 + 25 + 100]);
    const custom = scoreNodes(d, nodes, { ...DEFAULT_WEIGHTS, taintToleration: 0, nodeAffinity: 0 });
    expect([...custom]).toEqual([100 * 2 + 75 + 100, 66 * 2 + 25 + 100]);
  });
});
