// Two nodes — the default engine and test host n2 (scripts/test-hosts.sh) — with the scheduling loop:
// pods are spread, a pod too big for every node stays Pending with kube-scheduler's message, and when
// n2's engine stops, n2 goes NotReady, its controller-owned pods are deleted and replaced on the other
// node, its bare pod is marked Failed (NodeLost), and once n2 is back its stale containers are removed.

import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { NodeConfig } from "../../../src/config/types.js";
import type { OwnerReference, Pod } from "../../../src/manifest/types.js";
import { createNodeRuntime, type NodeRuntime } from "../../../src/runtime/agent/components.js";
import { LABEL } from "../../../src/runtime/labels.js";
import { condition, FAST, makeRig, N2_ADDRESS, N2_SOCKET, web, type Rig } from "./harness.js";

const run = promisify(execFile);

let rig: Rig;
let n1: NodeConfig;
let n2: NodeConfig;
let runtime: NodeRuntime;
let owner: OwnerReference;
let replacements = 0;

function ownedPod(name: string): Pod {
  return rig.pod(name, { containers: [web()] }, { labels: { app: "spread" }, ownerReferences: [owner] });
}

function podsOn(node: string): Pod[] {
  return rig.store
    .list("Pod", { namespace: rig.namespace })
    .filter((p) => p.spec.nodeName === node && p.metadata.ownerReferences?.[0]?.uid === owner.uid);
}

beforeAll(async () => {
  // Idempotent: a no-op when the test hosts already run.
  await run("bash", ["scripts/test-hosts.sh", "up"], { timeout: 180_000 });
  rig = makeRig();
  n1 = rig.node("n1");
  n2 = rig.node("n2", N2_SOCKET, N2_ADDRESS);
  owner = {
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    name: "spread",
    uid: `${rig.runId}-rs`,
    controller: true,
  };
  // A stand-in for the ReplicaSet controller: a deleted pod is replaced by a new one.
  rig.store.watch((e) => {
    if (e.type !== "DELETED" || e.object.metadata.ownerReferences?.[0]?.uid !== owner.uid) return;
    queueMicrotask(() => rig.store.create(ownedPod(`spread-r${++replacements}`)));
  });
  runtime = createNodeRuntime({
    config: rig.config([n1, n2]),
    store: rig.store,
    settings: FAST,
    podEvictionTimeoutMs: 3_000,
    schedulerRetryMs: 1_000,
    onEvent: (e) => rig.events.push(e),
  });
  await runtime.agents.start();
  await runtime.scheduler.start();
}, 240_000);

afterAll(async () => {
  await runtime.scheduler.stop();
  await runtime.agents.stop();
  await rig.cleanup();
  // Leave the test hosts as the other tests expect them: up.
  await run("bash", ["scripts/test-hosts.sh", "up"], { timeout: 180_000 });
  const fwd = await run("iptables", ["-S", "FORWARD"]);
  expect(fwd.stdout).toContain("docker0");
}, 240_000);

describe("two nodes", () => {
  it("the scheduler binds pending pods and spreads a controller's pods over the nodes", async () => {
    expect(runtime.agents.nodeStatuses().map((n) => [n.name, n.ready])).toEqual([
      [n1.name, true],
      [n2.name, true],
    ]);
    for (let i = 0; i < 4; i++) rig.store.create(ownedPod(`spread-${i}`));
    await rig.waitFor("all Running", () => {
      const pods = rig.store.list("Pod", { namespace: rig.namespace });
      return pods.length === 4 && pods.every((p) => condition(p, "Ready") === "True");
    });
    expect(podsOn(n1.name).length).toBe(2);
    expect(podsOn(n2.name).length).toBe(2);
    const scheduled = rig.eventsFor("spread-0").find((e) => e.reason === "Scheduled");
    expect(scheduled?.message).toMatch(
      new RegExp(`^Successfully assigned ${rig.namespace}/spread-0 to ${rig.runId}-n[12]$`),
    );
    expect(condition(rig.get("spread-0"), "PodScheduled")).toBe("True");
  });

  it("a pod asking for more memory than any node has stays Pending, with kube-scheduler's message", async () => {
    rig.store.create(
      rig.pod("huge", { containers: [web("web", { resources: { requests: { memory: "1Ti" } } })] }),
    );
    const pod = await rig.waitFor("Unschedulable", () => {
      const p = rig.get("huge");
      return (
        p?.status?.conditions?.find((c) => c.type === "PodScheduled" && c.reason === "Unschedulable") && p
      );
    });
    expect(pod.spec.nodeName).toBeUndefined();
    expect(pod.status?.phase).toBe("Pending");
    const cond = pod.status?.conditions?.find((c) => c.type === "PodScheduled");
    expect(cond).toMatchObject({
      status: "False",
      message: "0/2 nodes are available: 2 Insufficient memory.",
    });
    expect(rig.eventsFor("huge")).toContainEqual(
      expect.objectContaining({
        type: "Warning",
        reason: "FailedScheduling",
        message: "0/2 nodes are available: 2 Insufficient memory.",
      }),
    );
  });

  it("a lost node: NotReady, owned pods replaced elsewhere, bare pod Failed; stale containers removed on return", async () => {
    rig.store.create(rig.pod("bare", { nodeName: n2.name, containers: [web()] }));
    await rig.waitFor("bare Ready", () => condition(rig.get("bare"), "Ready") === "True");
    const lost = podsOn(n2.name).map((p) => p.metadata.uid ?? "");
    expect(lost.length).toBe(2);

    const docker2 = rig.docker(N2_SOCKET);
    const onN2 = async (): Promise<{ Labels: Record<string, string>; State: string }[]> =>
      docker2.listContainers({ all: true, filters: { label: [`${LABEL.node}=${n2.name}`] } });
    expect((await onN2()).filter((c) => lost.includes(c.Labels[LABEL.podUid] ?? "")).length).toBe(4);

    await run("bash", ["scripts/test-hosts.sh", "stop", "n2"], { timeout: 60_000 });
    const agent2 = runtime.agents.agent(n2.name);
    await rig.waitFor("n2 NotReady", () => agent2?.health.ready === false);
    const state = runtime.agents.nodes().find((n) => n.name === n2.name);
    expect(state?.conditions[0]).toMatchObject({
      type: "Ready",
      status: "Unknown",
      reason: "NodeStatusUnknown",
    });
    expect(state?.taints).toContainEqual({ key: "node.kubernetes.io/unreachable", effect: "NoExecute" });
    await rig.waitFor("pods on n2 not Ready", () => condition(rig.get("bare"), "Ready") === "False");

    // After the eviction timeout (3 s): the owned pods are gone from the store, their replacements
    // run on n1, and the bare pod has failed.
    await rig.waitFor("evicted", () => podsOn(n2.name).length === 0, 30_000);
    await rig.waitFor("replacements Ready on n1", () => {
      const mine = podsOn(n1.name);
      return mine.length === 4 && mine.every((p) => condition(p, "Ready") === "True");
    });
    const bare = await rig.waitFor(
      "bare Failed",
      () => rig.get("bare")?.status?.phase === "Failed" && rig.get("bare"),
    );
    expect(bare.status).toMatchObject({
      reason: "NodeLost",
      message: `Node ${n2.name} which was running pod bare is unresponsive`,
    });

    await run("bash", ["scripts/test-hosts.sh", "up"], { timeout: 180_000 });
    await rig.waitFor("n2 Ready", () => agent2?.health.ready === true, 60_000);
    await rig.waitFor(
      "stale containers removed from n2",
      async () => (await onN2()).every((c) => !lost.includes(c.Labels[LABEL.podUid] ?? "")),
      30_000,
    );
    // The failed bare pod keeps its (stopped) containers, as any finished pod does.
    const bareLeft = await docker2.listContainers({
      all: true,
      filters: { label: [`${LABEL.podUid}=${bare.metadata.uid ?? ""}`] },
    });
    expect(bareLeft.every((c) => c.State !== "running")).toBe(true);
    expect(rig.get("bare")?.status?.phase).toBe("Failed");
  });
});
