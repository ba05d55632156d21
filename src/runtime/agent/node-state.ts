// What a node agent reports about its node (pure): the scheduler's NodeStatus and the state file's
// NodeState, from berth.yaml's node entry, the engine's `docker info` and the heartbeat health.

import type { NodeConfig } from "../../config/types.js";
import { nodeAllocatable, nodeCapacity } from "../../config/capacity.js";
import { formatQuantity } from "../../manifest/quantity.js";
import type { Taint } from "../../manifest/types.js";
import type { Resources, NodeStatus } from "../../scheduler/types.js";
import type { NodeResources, NodeState } from "../../state/types.js";
import { isoTime } from "../../util/clock.js";
import type { DockerInfo } from "../docker/info.js";
import { readyCondition, type NodeHealth } from "./health.js";

/** The taints Kubernetes puts on a node whose status is unknown (its kubelet stopped reporting). */
export const UNREACHABLE_TAINT_KEY = "node.kubernetes.io/unreachable";
export const UNSCHEDULABLE_TAINT_KEY = "node.kubernetes.io/unschedulable";

/** Capacity: berth.yaml's overrides, else what the engine reports; zero before it ever answered. */
export function capacityOf(node: NodeConfig, info: DockerInfo | undefined): Resources {
  return nodeCapacity(node, { NCPU: info?.ncpu ?? 0, MemTotal: info?.memTotal ?? 0 });
}

export function allocatableOf(node: NodeConfig, info: DockerInfo | undefined): Resources {
  return nodeAllocatable(node, { NCPU: info?.ncpu ?? 0, MemTotal: info?.memTotal ?? 0 });
}

export function nodeStatusOf(node: NodeConfig, health: NodeHealth, info: DockerInfo | undefined): NodeStatus {
  const status: NodeStatus = {
    name: node.name,
    labels: node.labels,
    ready: health.ready,
    allocatable: allocatableOf(node, info),
  };
  if (node.taints.length > 0) status.taints = node.taints;
  if (node.unschedulable) status.unschedulable = true;
  return status;
}

function quantities(r: Resources): NodeResources {
  return {
    cpu: formatQuantity({ milli: BigInt(r.cpuMillis), format: "DecimalSI" }),
    memory: formatQuantity({ milli: BigInt(r.memoryBytes) * 1000n, format: "BinarySI" }),
    pods: String(r.pods),
  };
}

/** Taints as `kubectl describe node` shows them: the configured ones plus those Kubernetes adds. */
export function effectiveTaints(node: NodeConfig, health: NodeHealth): Taint[] {
  const taints = [...node.taints];
  if (node.unschedulable) taints.push({ key: UNSCHEDULABLE_TAINT_KEY, effect: "NoSchedule" });
  if (!health.ready) {
    taints.push({ key: UNREACHABLE_TAINT_KEY, effect: "NoSchedule" });
    taints.push({ key: UNREACHABLE_TAINT_KEY, effect: "NoExecute" });
  }
  return taints;
}

export function nodeStateOf(
  node: NodeConfig,
  health: NodeHealth,
  info: DockerInfo | undefined,
  nowMs: number,
): NodeState {
  const state: NodeState = {
    name: node.name,
    labels: { "kubernetes.io/hostname": node.name, ...node.labels },
    conditions: [readyCondition(health, node.endpoint.url, nowMs)],
    capacity: quantities(capacityOf(node, info)),
    allocatable: quantities(allocatableOf(node, info)),
    lastHeartbeatTime: isoTime(health.lastHeartbeatMs ?? health.transitionMs),
  };
  const taints = effectiveTaints(node, health);
  if (taints.length > 0) state.taints = taints;
  if (node.unschedulable) state.unschedulable = true;
  if (info) {
    state.nodeInfo = {
      containerRuntimeVersion: `docker://${info.serverVersion}`,
      operatingSystem: info.os,
      architecture: info.architecture,
    };
  }
  return state;
}
