// A node's allocatable resources: capacity (from berth.yaml, else what the engine reports in
// `docker info`) less the reserve, as Kubernetes computes node allocatable.

import { allocatableOf } from "../scheduler/node-info.js";
import type { Resources } from "../scheduler/types.js";
import type { NodeConfig } from "./types.js";

/** The two `docker info` fields berth reads. */
export interface EngineInfo {
  NCPU: number;
  MemTotal: number;
}

export function nodeCapacity(node: NodeConfig, info: EngineInfo): Resources {
  return {
    cpuMillis: node.capacity.cpuMillis ?? info.NCPU * 1000,
    memoryBytes: node.capacity.memoryBytes ?? info.MemTotal,
    pods: node.capacity.pods,
  };
}

export function nodeAllocatable(node: NodeConfig, info: EngineInfo): Resources {
  return allocatableOf(nodeCapacity(node, info), node.reserve);
}
