import { describe, expect, it } from "vitest";
import type { NodeSelectorRequirement, PodSpec, Taint, Toleration } from "../../../src/manifest/types.js";
import { filterNode, numFeasibleNodesToFind } from "../../../src/scheduler/filters.js";
import { podDemand } from "../../../src/scheduler/pod-demand.js";
import { NODE_AFFINITY_REASON, nodeAffinityFilter } from "../../../src/scheduler/plugins/node-affinity.js";
import {
  NODE_NAME_REASON,
  nodeNameFilter,
  nodeUnschedulableFilter,
  UNSCHEDULABLE_REASON,
} from "../../../src/scheduler/plugins/node-name.js";
import { NODE_PORTS_REASON, nodePortsFilter } from "../../../src/scheduler/plugins/node-ports.js";
import { nodeResourcesFitFilter } from "../../../src/scheduler/plugins/node-resources.js";
import { taintTolerationFilter, toleratesTaint } from "../../../src/scheduler/plugins/taint-toleration.js";
import type { NodeStatus } from "../../../src/scheduler/types.js";
import { container, Gi, node, pod } from "./fixtures.js";

const demand = (spec: Partial<PodSpec> = {}) => podDemand(pod("p", spec));

describe("toleratesTaint (Kubernetes' ToleratesTaint)", () => {
  const gpu: Taint = { key: "dedicated", value: "gpu", effect: "NoSchedule" };
  const cases: [string, Toleration, Taint, boolean][] = [
    [
      "Equal with the same key, value and effect",
      { key: "dedicated", operator: "Equal", value: "gpu", effect: "NoSchedule" },
      gpu,
      true,
    ],
    ["empty operator means Equal", { key: "dedicated", value: "gpu", effect: "NoSchedule" }, gpu, true],
    [
      "Equal with another value",
      { key: "dedicated", operator: "Equal", value: "cpu", effect: "NoSchedule" },
      gpu,
      false,
    ],
    [
      "Equal without a value against a valued taint",
      { key: "dedicated", operator: "Equal", effect: "NoSchedule" },
      gpu,
      false,
    ],
    [
      "Equal without a value against a taint without one",
      { key: "k", operator: "Equal" },
      { key: "k", effect: "NoSchedule" },
      true,
    ],
    ["Exists ignores the value", { key: "dedicated", operator: "Exists", effect: "NoSchedule" }, gpu, true],
    ["Exists with another key", { key: "other", operator: "Exists" }, gpu, false],
    ["empty effect matches every effect", { key: "dedicated", operator: "Exists" }, gpu, true],
    ["another effect", { key: "dedicated", operator: "Exists", effect: "NoExecute" }, gpu, false],
    ["empty key with Exists tolerates everything", { operator: "Exists" }, gpu, true],
    [
      "empty key with Exists and an effect tolerates that effect only",
      { operator: "Exists", effect: "NoExecute" },
      gpu,
      false,
    ],
  ];
  it.each(cases)("%s → %s", (_name, tol, taint, want) => {
    expect(toleratesTaint(tol, taint)).toBe(want);
  });
});

describe("taintTolerationFilter", () => {
  const taints: Taint[] = [
    { key: "soft", effect: "PreferNoSchedule" },
    { key: "dedicated", value: "gpu", effect: "NoSchedule" },
    { key: "evict", effect: "NoExecute" },
  ];
  const n = node("n", { taints });
  it("reports the first untolerated NoSchedule/NoExecute taint, ignoring PreferNoSchedule", () => {
    expect(taintTolerationFilter(demand(), n)).toBe("node(s) had untolerated taint {dedicated: gpu}");
    const gpuOnly = demand({ tolerations: [{ key: "dedicated", operator: "Exists" }] });
    expect(taintTolerationFilter(gpuOnly, n)).toBe("node(s) had untolerated taint {evict: }");
    const both = demand({
      tolerations: [
        { key: "dedicated", operator: "Exists" },
        { key: "evict", operator: "Exists" },
      ],
    });
    expect(taintTolerationFilter(both, n)).toBeUndefined();
  });

  it("treats a node that is not Ready as tainted node.kubernetes.io/not-ready", () => {
    const down = node("n", { ready: false });
    expect(taintTolerationFilter(demand(), down)).toBe(
      "node(s) had untolerated taint {node.kubernetes.io/not-ready: }",
    );
    const tolerant = demand({ tolerations: [{ key: "node.kubernetes.io/not-ready", operator: "Exists" }] });
    expect(taintTolerationFilter(tolerant, down)).toBeUndefined();
  });

  it("checks only NoExecute taints for pods that name their node", () => {
    expect(taintTolerationFilter(demand(), n, true)).toBe("node(s) had untolerated taint {evict: }");
    expect(taintTolerationFilter(demand(), node("n", { ready: false }), true)).toBeUndefined();
  });
});

describe("nodeAffinityFilter", () => {
  const labels = { zone: "a", gen: "5", disk: "ssd" };
  const n = node("n1", { labels });
  const required = (...exprs: NodeSelectorRequirement[]) => ({
    affinity: {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: exprs }] },
      },
    },
  });
  const cases: [string, Partial<PodSpec>, boolean][] = [
    ["no selector or affinity", {}, true],
    ["nodeSelector matching", { nodeSelector: { zone: "a", disk: "ssd" } }, true],
    ["nodeSelector with one label off", { nodeSelector: { zone: "a", disk: "hdd" } }, false],
    ["In", required({ key: "zone", operator: "In", values: ["b", "a"] }), true],
    ["In, no value matches", required({ key: "zone", operator: "In", values: ["b"] }), false],
    ["NotIn", required({ key: "zone", operator: "NotIn", values: ["b"] }), true],
    ["NotIn, value listed", required({ key: "zone", operator: "NotIn", values: ["a"] }), false],
    [
      "NotIn matches a node without the label",
      required({ key: "rack", operator: "NotIn", values: ["r1"] }),
      true,
    ],
    ["Exists", required({ key: "disk", operator: "Exists" }), true],
    ["Exists, label missing", required({ key: "gpu", operator: "Exists" }), false],
    ["DoesNotExist", required({ key: "gpu", operator: "DoesNotExist" }), true],
    ["DoesNotExist, label present", required({ key: "disk", operator: "DoesNotExist" }), false],
    ["Gt", required({ key: "gen", operator: "Gt", values: ["4"] }), true],
    ["Gt, equal", required({ key: "gen", operator: "Gt", values: ["5"] }), false],
    ["Lt", required({ key: "gen", operator: "Lt", values: ["6"] }), true],
    ["Lt, label not an integer", required({ key: "zone", operator: "Lt", values: ["6"] }), false],
    [
      "expressions in a term are ANDed",
      required({ key: "zone", operator: "In", values: ["a"] }, { key: "gpu", operator: "Exists" }),
      false,
    ],
    [
      "terms are ORed",
      {
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [
                { matchExpressions: [{ key: "gpu", operator: "Exists" }] },
                { matchExpressions: [{ key: "zone", operator: "In", values: ["a"] }] },
              ],
            },
          },
        },
      },
      true,
    ],
    [
      "an empty term matches nothing",
      {
        affinity: {
          nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{}] } },
        },
      },
      false,
    ],
    [
      "matchFields metadata.name In",
      {
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [
                { matchFields: [{ key: "metadata.name", operator: "In", values: ["n1"] }] },
              ],
            },
          },
        },
      },
      true,
    ],
    [
      "matchFields metadata.name NotIn",
      {
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [
                { matchFields: [{ key: "metadata.name", operator: "NotIn", values: ["n1"] }] },
              ],
            },
          },
        },
      },
      false,
    ],
    [
      "nodeSelector and affinity must both match",
      { nodeSelector: { zone: "b" }, ...required({ key: "disk", operator: "Exists" }) },
      false,
    ],
    ["the hostname label is there to select on", { nodeSelector: { "kubernetes.io/hostname": "n1" } }, true],
  ];
  it.each(cases)("%s → %s", (_name, spec, fits) => {
    expect(nodeAffinityFilter(demand(spec), n)).toBe(fits ? undefined : NODE_AFFINITY_REASON);
  });
});

describe("nodeNameFilter and nodeUnschedulableFilter", () => {
  it("keeps a pod that names its node to that node", () => {
    expect(nodeNameFilter(demand({ nodeName: "n1" }), node("n1"))).toBeUndefined();
    expect(nodeNameFilter(demand({ nodeName: "n1" }), node("n2"))).toBe(NODE_NAME_REASON);
    expect(nodeNameFilter(demand(), node("n2"))).toBeUndefined();
  });

  it("keeps pods off cordoned nodes unless they tolerate the unschedulable taint", () => {
    const cordoned = node("n", { unschedulable: true });
    expect(nodeUnschedulableFilter(demand(), cordoned)).toBe(UNSCHEDULABLE_REASON);
    expect(nodeUnschedulableFilter(demand(), node("n"))).toBeUndefined();
    const tolerant = demand({
      tolerations: [{ key: "node.kubernetes.io/unschedulable", operator: "Exists", effect: "NoSchedule" }],
    });
    expect(nodeUnschedulableFilter(tolerant, cordoned)).toBeUndefined();
  });
});

describe("nodePortsFilter", () => {
  const withPort = (hostPort: number, hostIP?: string, protocol?: "TCP" | "UDP") =>
    pod(`p${hostPort}${hostIP ?? ""}`, {
      containers: [
        {
          ...container(),
          ports: [
            { containerPort: 80, hostPort, ...(hostIP ? { hostIP } : {}), ...(protocol ? { protocol } : {}) },
          ],
        },
      ],
    });
  const busy = node("n", {}, [withPort(8080)]);
  it.each([
    [8080, undefined, undefined, false],
    [8081, undefined, undefined, true],
    [8080, "10.0.0.1", undefined, false],
    [8080, undefined, "UDP" as const, true],
  ])("hostPort %i hostIP %s %s fits: %s", (port, ip, proto, fits) => {
    expect(nodePortsFilter(podDemand(withPort(port, ip, proto)), busy)).toBe(
      fits ? undefined : NODE_PORTS_REASON,
    );
  });
});

describe("nodeResourcesFitFilter", () => {
  const small: Partial<NodeStatus> = { allocatable: { cpuMillis: 1000, memoryBytes: 1 * Gi, pods: 2 } };
  const used = pod("used", { containers: [container({ cpu: "600m", memory: "512Mi" })] });
  const n = node("n", small, [used]);
  const cases: [string, { cpu?: string; memory?: string } | undefined, string[] | undefined][] = [
    ["fits exactly", { cpu: "400m", memory: "512Mi" }, undefined],
    ["too much cpu", { cpu: "401m", memory: "1Mi" }, ["Insufficient cpu"]],
    ["too much memory", { cpu: "1m", memory: "513Mi" }, ["Insufficient memory"]],
    ["both, in Kubernetes' order", { cpu: "2", memory: "2Gi" }, ["Insufficient cpu", "Insufficient memory"]],
    ["no requests always fit the resources", undefined, undefined],
  ];
  it.each(cases)("%s", (_name, requests, want) => {
    expect(nodeResourcesFitFilter(demand({ containers: [container(requests)] }), n)).toEqual(want);
  });

  it("counts pods against the node's pod capacity, together with other shortages", () => {
    const full = node("n", small, [used, pod("other")]);
    expect(nodeResourcesFitFilter(demand(), full)).toEqual(["Too many pods"]);
    expect(nodeResourcesFitFilter(demand({ containers: [container({ cpu: "1" })] }), full)).toEqual([
      "Too many pods",
      "Insufficient cpu",
    ]);
  });
});

describe("filterNode", () => {
  it("reports only the first failing filter, in kube-scheduler's order", () => {
    const bad = node("n", {
      unschedulable: true,
      taints: [{ key: "t", effect: "NoSchedule" }],
      allocatable: { cpuMillis: 0, memoryBytes: 0, pods: 0 },
    });
    const d = demand({ nodeSelector: { x: "y" }, containers: [container({ cpu: "1" })] });
    expect(filterNode(d, bad)).toEqual([UNSCHEDULABLE_REASON]);
    const tainted = node("n", {
      taints: [{ key: "t", effect: "NoSchedule" }],
      allocatable: { cpuMillis: 0, memoryBytes: 0, pods: 0 },
    });
    expect(filterNode(d, tainted)).toEqual(["node(s) had untolerated taint {t: }"]);
    const unlabeled = node("n", { allocatable: { cpuMillis: 0, memoryBytes: 0, pods: 0 } });
    expect(filterNode(d, unlabeled)).toEqual([NODE_AFFINITY_REASON]);
    expect(filterNode(demand({ containers: [container({ cpu: "1" })] }), unlabeled)).toEqual([
      "Too many pods",
      "Insufficient cpu",
    ]);
    expect(filterNode(demand(), node("n"))).toBeUndefined();
  });

  it("lets a pod that names its node onto it although cordoned or NoSchedule-tainted (kubelet admission)", () => {
    const n = node("n1", { unschedulable: true, taints: [{ key: "t", effect: "NoSchedule" }] });
    expect(filterNode(demand({ nodeName: "n1" }), n)).toBeUndefined();
    expect(filterNode(demand({ nodeName: "n2" }), n)).toEqual([NODE_NAME_REASON]);
    const small = node("n1", { allocatable: { cpuMillis: 100, memoryBytes: Gi, pods: 10 } });
    expect(filterNode(demand({ nodeName: "n1", containers: [container({ cpu: "1" })] }), small)).toEqual([
      "Insufficient cpu",
    ]);
  });
});

describe("numFeasibleNodesToFind", () => {
  it.each([
    [0, 0, 0],
    [50, 0, 50],
    [99, 0, 99],
    [100, 0, 100], // 50% of 100 is below the 100-node minimum
    [200, 0, 100], // 49% = 98 → 100
    [1000, 0, 420], // 50 − 8 = 42%
    [5000, 0, 500], // 50 − 40 = 10%
    [10000, 0, 500], // floor at 5%
    [1000, 30, 300],
    [1000, 5, 100],
    [1000, 100, 1000],
    [1000, 150, 1000],
    [50, 10, 50],
  ])("%i nodes at %i%% → %i", (nodes, pct, want) => {
    expect(numFeasibleNodesToFind(nodes, pct)).toBe(want);
  });
});
