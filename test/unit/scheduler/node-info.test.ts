import { describe, expect, it } from "vitest";
import {
  allocatableOf,
  buildNodeInfos,
  HOSTNAME_LABEL,
  NodeInfo,
  NOT_READY_TAINT,
} from "../../../src/scheduler/node-info.js";
import { boundPodOf } from "../../../src/scheduler/pod-demand.js";
import type { BoundPod, HostPort } from "../../../src/scheduler/types.js";
import { container, Gi, Mi, node, pod, status } from "./fixtures.js";

function bound(uid: string, hostPorts: HostPort[] = [], ownerUid?: string): BoundPod {
  return {
    uid,
    namespace: "default",
    name: uid,
    requests: { cpuMillis: 100, memoryBytes: 10 * Mi },
    nonZeroRequests: { cpuMillis: 200, memoryBytes: 20 * Mi },
    hostPorts,
    ...(ownerUid ? { ownerUid } : {}),
  };
}

describe("NodeInfo accounting", () => {
  it("keeps running sums as pods come and go", () => {
    const n = new NodeInfo(status("n1"), [bound("a", [], "rs"), bound("b", [], "rs")]);
    expect(n.podCount).toBe(2);
    expect(n.requested).toEqual({ cpuMillis: 200, memoryBytes: 20 * Mi });
    expect(n.nonZeroRequested).toEqual({ cpuMillis: 400, memoryBytes: 40 * Mi });
    expect(n.ownerCount("rs")).toBe(2);
    expect(n.removePod("a")?.uid).toBe("a");
    expect(n.removePod("a")).toBeUndefined();
    expect(n.requested).toEqual({ cpuMillis: 100, memoryBytes: 10 * Mi });
    expect(n.ownerCount("rs")).toBe(1);
    n.removePod("b");
    expect(n.ownerCount("rs")).toBe(0);
    expect(n.requested).toEqual({ cpuMillis: 0, memoryBytes: 0 });
  });

  it("replaces a pod added twice under the same uid instead of counting it twice", () => {
    const n = new NodeInfo(status("n1"), [bound("a"), bound("a")]);
    expect(n.podCount).toBe(1);
    expect(n.requested.cpuMillis).toBe(100);
  });

  it("labels the node with its hostname unless told otherwise, and taints it when not Ready", () => {
    expect(node("n1").labels[HOSTNAME_LABEL]).toBe("n1");
    expect(node("n1", { labels: { [HOSTNAME_LABEL]: "host-1" } }).labels[HOSTNAME_LABEL]).toBe("host-1");
    expect(node("n1", { ready: false }).filterTaints).toEqual([NOT_READY_TAINT]);
    const tainted = node("n1", {
      taints: [
        { key: "a", effect: "NoSchedule" },
        { key: "b", effect: "PreferNoSchedule" },
        { key: "c", effect: "NoExecute" },
      ],
    });
    expect(tainted.filterTaints.map((t) => t.key)).toEqual(["a", "c"]);
    expect(tainted.preferNoScheduleTaints.map((t) => t.key)).toEqual(["b"]);
  });
});

describe("NodeInfo.portConflict", () => {
  const tcp = (port: number, hostIP = "0.0.0.0"): HostPort => ({ protocol: "TCP", hostIP, port });
  const cases: { name: string; used: HostPort[]; want: HostPort; conflict: boolean }[] = [
    { name: "same port, both all addresses", used: [tcp(80)], want: tcp(80), conflict: true },
    { name: "different port", used: [tcp(80)], want: tcp(81), conflict: false },
    {
      name: "same port, other protocol",
      used: [tcp(53)],
      want: { ...tcp(53), protocol: "UDP" },
      conflict: false,
    },
    { name: "used on 0.0.0.0, wanted on an IP", used: [tcp(80)], want: tcp(80, "10.0.0.1"), conflict: true },
    { name: "used on an IP, wanted on 0.0.0.0", used: [tcp(80, "10.0.0.1")], want: tcp(80), conflict: true },
    { name: "same IP", used: [tcp(80, "10.0.0.1")], want: tcp(80, "10.0.0.1"), conflict: true },
    { name: "different IPs", used: [tcp(80, "10.0.0.1")], want: tcp(80, "10.0.0.2"), conflict: false },
  ];
  it.each(cases)("$name → $conflict", ({ used, want, conflict }) => {
    expect(new NodeInfo(status("n"), [bound("a", used)]).portConflict(want)).toBe(conflict);
  });

  it("frees a port when the last pod using it goes", () => {
    const n = new NodeInfo(status("n"), [bound("a", [tcp(80)]), bound("b", [tcp(80)])]);
    n.removePod("a");
    expect(n.portConflict(tcp(80))).toBe(true);
    n.removePod("b");
    expect(n.portConflict(tcp(80))).toBe(false);
  });
});

describe("buildNodeInfos and allocatableOf", () => {
  it("accounts non-terminal pods on the node they are bound to, ignoring unknown nodes", () => {
    const running = pod("run", { nodeName: "n1", containers: [container({ cpu: "1" })] });
    const done = pod("done", { nodeName: "n1", containers: [container({ cpu: "1" })] });
    done.status = { phase: "Succeeded" };
    const failed = pod("failed", { nodeName: "n2" });
    failed.status = { phase: "Failed" };
    const elsewhere = pod("elsewhere", { nodeName: "gone" });
    const pending = pod("pending");
    const [n1, n2] = buildNodeInfos(
      [status("n1"), status("n2")],
      [running, done, failed, elsewhere, pending],
    );
    expect(n1?.name).toBe("n1");
    expect([...(n1?.pods.keys() ?? [])]).toEqual(["uid-run"]);
    expect(n1?.requested.cpuMillis).toBe(1000);
    expect(n2?.podCount).toBe(0);
    expect(boundPodOf(running).uid).toBe("uid-run");
  });

  it("subtracts the reserve from capacity, never below zero", () => {
    expect(
      allocatableOf(
        { cpuMillis: 4000, memoryBytes: 8 * Gi, pods: 110 },
        { cpuMillis: 100, memoryBytes: 256 * Mi },
      ),
    ).toEqual({ cpuMillis: 3900, memoryBytes: 8 * Gi - 256 * Mi, pods: 110 });
    expect(
      allocatableOf({ cpuMillis: 50, memoryBytes: 0, pods: 5 }, { cpuMillis: 100, memoryBytes: 1 }),
    ).toEqual({
      cpuMillis: 0,
      memoryBytes: 0,
      pods: 5,
    });
  });
});
