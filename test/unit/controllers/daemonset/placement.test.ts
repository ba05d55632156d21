import { afterEach, describe, expect, it } from "vitest";
import { daemonSetController, reconcileDaemonSet } from "../../../../src/controllers/daemonset/index.js";
import { daemonTolerations, nodeVerdict } from "../../../../src/controllers/daemonset/placement.js";
import type { DaemonSet } from "../../../../src/manifest/types.js";
import { Cluster, node } from "../../../support/batch-cluster.js";
import { contextOf, daemonSet, must, template } from "../../../support/workloads.js";

let cluster: Cluster | undefined;
afterEach(() => cluster?.stop());

function start(nodes = [node("node-a"), node("node-b")]): Cluster {
  cluster = new Cluster([daemonSetController], { nodes });
  return cluster;
}

const nodesOf = (c: Cluster, prefix: string): string[] =>
  c
    .livePods(prefix)
    .map((p) => p.spec.nodeName ?? "?")
    .sort();

const mixed = [
  node("plain"),
  node("ssd", { labels: { disk: "ssd" } }),
  node("gpu", { taints: [{ key: "dedicated", value: "gpu", effect: "NoSchedule" }] }),
  node("down", { ready: false }),
  node("cordoned", { unschedulable: true }),
  node("evicting", { taints: [{ key: "maintenance", effect: "NoExecute" }] }),
];

describe("DaemonSet placement", () => {
  it.each<[string, Partial<DaemonSet["spec"]>, string[]]>([
    ["no selector: every node but tainted and not-ready ones", {}, ["cordoned", "plain", "ssd"]],
    [
      "nodeSelector",
      { template: template({ app: "ds" }, "x:1", { nodeSelector: { disk: "ssd" } }) },
      ["ssd"],
    ],
    [
      "required node affinity NotIn",
      {
        template: template({ app: "ds" }, "x:1", {
          affinity: {
            nodeAffinity: {
              requiredDuringSchedulingIgnoredDuringExecution: {
                nodeSelectorTerms: [
                  { matchExpressions: [{ key: "disk", operator: "NotIn", values: ["ssd"] }] },
                ],
              },
            },
          },
        }),
      },
      ["cordoned", "plain"],
    ],
    [
      "a toleration for the gpu taint",
      {
        template: template({ app: "ds" }, "x:1", {
          tolerations: [{ key: "dedicated", operator: "Equal", value: "gpu", effect: "NoSchedule" }],
        }),
      },
      ["cordoned", "gpu", "plain", "ssd"],
    ],
    [
      "tolerate everything",
      { template: template({ app: "ds" }, "x:1", { tolerations: [{ operator: "Exists" }] }) },
      ["cordoned", "down", "evicting", "gpu", "plain", "ssd"],
    ],
  ])("%s", (_name, spec, expected) => {
    const c = start(mixed);
    c.apply(daemonSet("ds", spec));
    expect(nodesOf(c, "ds-")).toEqual(expected);
    const ds = c.store.get("DaemonSet", "default", "ds");
    const running = expected.filter((n) => n !== "down").length;
    expect(ds?.status).toMatchObject({
      desiredNumberScheduled: expected.length,
      currentNumberScheduled: expected.length,
      numberReady: running,
      numberAvailable: running,
      updatedNumberScheduled: expected.length,
      numberUnavailable: expected.length - running,
      numberMisscheduled: 0,
      observedGeneration: 1,
    });
    expect(reconcileDaemonSet(must(ds), contextOf(c)).actions).toEqual([]);
  });

  it("creates pods named <ds>-<5 chars>, pinned by node affinity, with revision label and daemon tolerations", () => {
    const c = start([node("node-a")]);
    c.apply(daemonSet("agent"));
    const [pod] = c.pods("agent-");
    expect(pod?.metadata.name).toMatch(/^agent-.{5}$/);
    expect(pod?.metadata.labels).toMatchObject({ app: "agent", "pod-template-generation": "1" });
    expect(pod?.metadata.labels?.["controller-revision-hash"]).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]+$/);
    expect(pod?.metadata.ownerReferences?.[0]).toMatchObject({
      kind: "DaemonSet",
      name: "agent",
      controller: true,
    });
    expect(pod?.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution).toEqual({
      nodeSelectorTerms: [{ matchFields: [{ key: "metadata.name", operator: "In", values: ["node-a"] }] }],
    });
    expect(pod?.spec.tolerations).toEqual(daemonTolerations({ containers: [] }));
    expect(pod?.spec.tolerations?.map((t) => `${t.key}:${t.effect}`)).toEqual([
      "node.kubernetes.io/not-ready:NoExecute",
      "node.kubernetes.io/unreachable:NoExecute",
      "node.kubernetes.io/disk-pressure:NoSchedule",
      "node.kubernetes.io/memory-pressure:NoSchedule",
      "node.kubernetes.io/pid-pressure:NoSchedule",
      "node.kubernetes.io/unschedulable:NoSchedule",
    ]);
    expect(c.events.filter((e) => e.reason === "SuccessfulCreate")).toHaveLength(1);
  });

  it("hostNetwork daemon pods also tolerate network-unavailable", () => {
    const keys = daemonTolerations({ containers: [], hostNetwork: true }).map((t) => t.key);
    expect(keys).toContain("node.kubernetes.io/network-unavailable");
  });

  it("keeps a pod on a node that stops being Ready, but starts none on a new not-ready node", () => {
    const ds = daemonSet("agent");
    expect(nodeVerdict(ds, node("x", { ready: false }))).toEqual({
      shouldRun: false,
      shouldContinueRunning: true,
    });
    const c = start([node("node-a")]);
    c.apply(ds);
    const before = c.pods("agent-").map((p) => p.metadata.name);
    c.nodes = [node("node-a", { ready: false }), node("node-b", { ready: false })];
    c.mgr.enqueueAll();
    c.settle();
    expect(c.pods("agent-").map((p) => p.metadata.name)).toEqual(before);
    const status = c.store.get("DaemonSet", "default", "agent")?.status;
    // Kubernetes counts the pod on the not-ready node as misscheduled: no node wants a new one.
    expect(status).toMatchObject({ desiredNumberScheduled: 0, numberMisscheduled: 1 });
  });
});

describe("DaemonSet follows nodes", () => {
  it("adds a pod when a node joins and removes it when the node leaves", () => {
    const c = start([node("node-a")]);
    c.apply(daemonSet("agent"));
    expect(nodesOf(c, "agent-")).toEqual(["node-a"]);
    c.nodes = [node("node-a"), node("node-b")];
    c.mgr.enqueueKind("DaemonSet");
    c.settle();
    expect(nodesOf(c, "agent-")).toEqual(["node-a", "node-b"]);
    c.nodes = [node("node-b")];
    c.mgr.enqueueKind("DaemonSet");
    c.settle();
    expect(nodesOf(c, "agent-")).toEqual(["node-b"]);
    expect(c.store.get("DaemonSet", "default", "agent")?.status).toMatchObject({
      desiredNumberScheduled: 1,
      currentNumberScheduled: 1,
    });
  });

  it("evicts its pod from a node that gains an untolerated NoExecute taint", () => {
    const c = start([node("node-a")]);
    c.apply(daemonSet("agent"));
    c.nodes = [node("node-a", { taints: [{ key: "maintenance", effect: "NoExecute" }] })];
    c.mgr.enqueueKind("DaemonSet");
    c.settle();
    expect(c.livePods("agent-")).toEqual([]);
  });

  it("replaces a failed daemon pod and says so", () => {
    const c = start([node("node-a")]);
    c.apply(daemonSet("agent"));
    const [first] = c.pods("agent-");
    c.setPhase(must(first).metadata.name, "failed");
    c.settle();
    const pods = c.livePods("agent-");
    expect(pods).toHaveLength(1);
    expect(pods[0]?.metadata.name).not.toBe(must(first).metadata.name);
    expect(c.events.some((e) => e.reason === "FailedDaemonPod" && e.type === "Warning")).toBe(true);
  });

  it("removes extra pods on a node, keeping the oldest", () => {
    const c = start([node("node-a")]);
    const ds = c.apply(daemonSet("agent"));
    const [kept] = c.pods("agent-");
    c.clock.advance(1000);
    const [extra] = reconcileDaemonSet(ds, {
      ...contextOf(c),
      view: { get: () => undefined, list: () => [] },
    }).actions;
    if (extra?.type !== "create") throw new Error("expected a create");
    c.store.create(extra.object);
    c.settle();
    expect(c.livePods("agent-").map((p) => p.metadata.name)).toEqual([must(kept).metadata.name]);
  });
});
