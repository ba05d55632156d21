// Three Docker engines on separate sockets as three nodes — the default engine and test hosts n2 and
// n3 (scripts/test-hosts.sh) — placing pods as kube-scheduler would: a tainted node takes only
// pods that tolerate it, nodeSelector picks labelled nodes, and exhausted capacity leaves a pod
// Pending with the Kubernetes message until room is made.

import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { NodeConfig } from "../../../src/config/types.js";
import { createNodeRuntime, type NodeRuntime } from "../../../src/runtime/agent/components.js";
import { condition, FAST, makeRig, N2_ADDRESS, N2_SOCKET, web, type Rig } from "./harness.js";

const run = promisify(execFile);
const N3_SOCKET = "/run/berth-test/n3.sock";
const N3_ADDRESS = "10.231.0.3";

let rig: Rig;
let n1: NodeConfig;
let n2: NodeConfig;
let n3: NodeConfig;
let runtime: NodeRuntime;

const nodeOf = (name: string): string | undefined => rig.get(name)?.spec.nodeName;

beforeAll(async () => {
  await run("bash", ["scripts/test-hosts.sh", "up"], { timeout: 180_000 });
  rig = makeRig();
  // n1: plain. n2: labelled disk=ssd. n3: tainted dedicated=gpu:NoSchedule, and room for 2 pods.
  n1 = rig.node("n1");
  n2 = rig.node("n2", N2_SOCKET, N2_ADDRESS, { labels: { disk: "ssd" } });
  n3 = rig.node("n3", N3_SOCKET, N3_ADDRESS, {
    labels: { gpu: "yes" },
    taints: [{ key: "dedicated", value: "gpu", effect: "NoSchedule" }],
    capacity: { pods: 2 },
  });
  runtime = createNodeRuntime({
    config: rig.config([n1, n2, n3]),
    store: rig.store,
    settings: FAST,
    schedulerRetryMs: 1_000,
    onEvent: (e) => rig.events.push(e),
  });
  await runtime.agents.start();
  await runtime.scheduler.start();
  await rig.waitFor(
    "three Ready nodes",
    () => runtime.agents.nodeStatuses().every((n) => n.ready) || undefined,
  );
}, 240_000);

afterAll(async () => {
  await runtime.scheduler.stop();
  await runtime.agents.stop();
  await rig.cleanup();
  const fwd = await run("iptables", ["-S", "FORWARD"]);
  expect(fwd.stdout).toContain("docker0");
}, 240_000);

describe("three nodes", () => {
  it("places pods by nodeSelector and tolerations, and runs them on their engines", async () => {
    rig.store.create(rig.pod("on-ssd", { containers: [web()], nodeSelector: { disk: "ssd" } }));
    rig.store.create(
      rig.pod("on-gpu", {
        containers: [web()],
        nodeSelector: { gpu: "yes" },
        tolerations: [{ key: "dedicated", operator: "Equal", value: "gpu", effect: "NoSchedule" }],
      }),
    );
    for (let i = 0; i < 4; i++) rig.store.create(rig.pod(`plain-${i}`, { containers: [web()] }));
    await rig.waitFor("all Ready", () =>
      ["on-ssd", "on-gpu", "plain-0", "plain-1", "plain-2", "plain-3"].every(
        (n) => condition(rig.get(n), "Ready") === "True",
      ),
    );
    expect(nodeOf("on-ssd")).toBe(n2.name);
    expect(nodeOf("on-gpu")).toBe(n3.name);
    // Untolerated taint: plain pods never land on n3.
    for (let i = 0; i < 4; i++) expect([n1.name, n2.name]).toContain(nodeOf(`plain-${i}`));
  });

  it("keeps a pod Pending with kube-scheduler's reasons, and places it once room is made", async () => {
    rig.store.create(
      rig.pod("gpu-2", {
        containers: [web()],
        nodeSelector: { gpu: "yes" },
        tolerations: [{ key: "dedicated", operator: "Exists" }],
      }),
    );
    await rig.waitFor("gpu-2 Ready", () => condition(rig.get("gpu-2"), "Ready") === "True");
    // n3 holds two pods now: its capacity. A third that only fits n3 waits.
    rig.store.create(
      rig.pod("gpu-3", {
        containers: [web()],
        nodeSelector: { gpu: "yes" },
        tolerations: [{ key: "dedicated", operator: "Exists" }],
      }),
    );
    const pending = await rig.waitFor("gpu-3 Unschedulable", () => {
      const c = rig.get("gpu-3")?.status?.conditions?.find((x) => x.type === "PodScheduled");
      return c?.reason === "Unschedulable" ? c : undefined;
    });
    expect(pending.message).toBe(
      "0/3 nodes are available: 1 Too many pods, 2 node(s) didn't match Pod's node affinity/selector.",
    );
    rig.store.requestDelete({ kind: "Pod", namespace: rig.namespace, name: "on-gpu" });
    await rig.waitFor(
      "gpu-3 placed on n3 and Ready",
      () => nodeOf("gpu-3") === n3.name && condition(rig.get("gpu-3"), "Ready") === "True",
    );
  });
});
