import { describe, expect, it } from "vitest";
import type { NodeConfig } from "../../../../src/config/types.js";
import { heartbeatFailed, heartbeatSucceeded, initialHealth } from "../../../../src/runtime/agent/health.js";
import { nodeStateOf, nodeStatusOf } from "../../../../src/runtime/agent/node-state.js";
import type { DockerInfo } from "../../../../src/runtime/docker/info.js";

const T0 = Date.parse("2026-01-01T00:00:00Z");
const Mi = 1024 * 1024;

function node(extra: Partial<NodeConfig> = {}): NodeConfig {
  return {
    name: "n1",
    endpoint: { kind: "unix", url: "unix:///var/run/docker.sock", socketPath: "/var/run/docker.sock" },
    address: "127.0.0.1",
    labels: { zone: "a" },
    taints: [],
    unschedulable: false,
    capacity: { pods: 110 },
    reserve: { cpuMillis: 100, memoryBytes: 256 * Mi },
    ...extra,
  };
}

const INFO: DockerInfo = {
  name: "host",
  ncpu: 2,
  memTotal: 4096 * Mi,
  serverVersion: "20.10.24",
  architecture: "x86_64",
  os: "Debian GNU/Linux 12 (bookworm)",
  dockerRootDir: "/var/lib/docker",
  cgroupVersion: "1",
};

describe("what a node agent reports", () => {
  it("allocatable for the scheduler is the engine's capacity less the reserve", () => {
    const h = heartbeatSucceeded(initialHealth(T0), T0);
    expect(nodeStatusOf(node(), h, INFO)).toEqual({
      name: "n1",
      labels: { zone: "a" },
      ready: true,
      allocatable: { cpuMillis: 1900, memoryBytes: 3840 * Mi, pods: 110 },
    });
  });

  it("berth.yaml's capacity overrides the engine's", () => {
    const h = heartbeatSucceeded(initialHealth(T0), T0);
    const s = nodeStatusOf(node({ capacity: { cpuMillis: 8000, pods: 20 }, unschedulable: true }), h, INFO);
    expect(s.allocatable).toEqual({ cpuMillis: 7900, memoryBytes: 3840 * Mi, pods: 20 });
    expect(s.unschedulable).toBe(true);
  });

  it("the state file's node: quantities, conditions, taints Kubernetes adds, runtime info", () => {
    const down = heartbeatFailed(heartbeatSucceeded(initialHealth(T0), T0), "gone", T0 + 2_000, 1);
    const state = nodeStateOf(
      node({ taints: [{ key: "gpu", effect: "NoSchedule" }] }),
      down,
      INFO,
      T0 + 3_000,
    );
    expect(state).toMatchObject({
      name: "n1",
      labels: { "kubernetes.io/hostname": "n1", zone: "a" },
      capacity: { cpu: "2", memory: "4Gi", pods: "110" },
      allocatable: { cpu: "1900m", memory: "3840Mi", pods: "110" },
      lastHeartbeatTime: "2026-01-01T00:00:00Z",
      nodeInfo: { containerRuntimeVersion: "docker://20.10.24", architecture: "x86_64" },
    });
    expect(state.taints).toEqual([
      { key: "gpu", effect: "NoSchedule" },
      { key: "node.kubernetes.io/unreachable", effect: "NoSchedule" },
      { key: "node.kubernetes.io/unreachable", effect: "NoExecute" },
    ]);
    expect(state.conditions[0]).toMatchObject({
      type: "Ready",
      status: "Unknown",
      reason: "NodeStatusUnknown",
    });
  });

  it("before the engine ever answered, capacity is zero and the node is not Ready", () => {
    const s = nodeStatusOf(node(), initialHealth(T0), undefined);
    expect(s).toMatchObject({ ready: false, allocatable: { cpuMillis: 0, memoryBytes: 0, pods: 110 } });
  });
});
