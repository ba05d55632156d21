import type { NodeConfig } from "../../src/config/types.js";

/** A berth.yaml node on a local engine socket, as the Docker test harnesses configure them. */
export function unixNode(name: string, socket: string, address: string): NodeConfig {
  return {
    name,
    endpoint: { kind: "unix", url: `unix://${socket}`, socketPath: socket },
    address,
    labels: {},
    taints: [],
    unschedulable: false,
    capacity: { pods: 110 },
    reserve: { cpuMillis: 100, memoryBytes: 256 * 1024 * 1024 },
  };
}
