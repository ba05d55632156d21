// NodeResourcesFit (filter and LeastAllocated score) and NodeResourcesBalancedAllocation, with
// kube-scheduler's integer arithmetic. The filter compares actual requests; LeastAllocated scores
// with the 100m / 200Mi defaults for containers without requests, BalancedAllocation with actual
// requests (and not at all for pods that request nothing).

import type { NodeInfo } from "../node-info.js";
import type { PodDemand } from "../types.js";
import { MAX_NODE_SCORE } from "./normalize.js";

export const TOO_MANY_PODS = "Too many pods";
export const INSUFFICIENT_CPU = "Insufficient cpu";
export const INSUFFICIENT_MEMORY = "Insufficient memory";

/** Every resource that does not fit, in Kubernetes' order (pods, cpu, memory); undefined if all fit. */
export function nodeResourcesFitFilter(d: PodDemand, node: NodeInfo): string[] | undefined {
  let reasons: string[] | undefined;
  const alloc = node.allocatable;
  const used = node.requested;
  if (node.podCount + 1 > alloc.pods) (reasons ??= []).push(TOO_MANY_PODS);
  const { cpuMillis, memoryBytes } = d.requests;
  if (cpuMillis > 0 && cpuMillis > alloc.cpuMillis - used.cpuMillis) (reasons ??= []).push(INSUFFICIENT_CPU);
  if (memoryBytes > 0 && memoryBytes > alloc.memoryBytes - used.memoryBytes) {
    (reasons ??= []).push(INSUFFICIENT_MEMORY);
  }
  return reasons;
}

function leastRequested(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.floor(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

/** LeastAllocated with cpu and memory weighted 1 each: an integer 0..100. */
export function leastAllocatedScore(d: PodDemand, node: NodeInfo): number {
  const alloc = node.allocatable;
  const used = node.nonZeroRequested;
  let sum = 0;
  let weights = 0;
  if (alloc.cpuMillis !== 0) {
    sum += leastRequested(used.cpuMillis + d.nonZeroRequests.cpuMillis, alloc.cpuMillis);
    weights++;
  }
  if (alloc.memoryBytes !== 0) {
    sum += leastRequested(used.memoryBytes + d.nonZeroRequests.memoryBytes, alloc.memoryBytes);
    weights++;
  }
  return weights === 0 ? 0 : Math.floor(sum / weights);
}

/** Pods requesting nothing are not scored by BalancedAllocation (kubernetes/kubernetes#129138). */
export function balancedAllocationApplies(d: PodDemand): boolean {
  return d.requests.cpuMillis !== 0 || d.requests.memoryBytes !== 0;
}

/** (1 − std of the cpu and memory fractions) × 100, fractions capped at 1: an integer 0..100. */
export function balancedAllocationScore(d: PodDemand, node: NodeInfo): number {
  const alloc = node.allocatable;
  const used = node.requested;
  if (alloc.cpuMillis === 0 || alloc.memoryBytes === 0) return MAX_NODE_SCORE;
  const cpu = Math.min(1, (used.cpuMillis + d.requests.cpuMillis) / alloc.cpuMillis);
  const mem = Math.min(1, (used.memoryBytes + d.requests.memoryBytes) / alloc.memoryBytes);
  const std = Math.abs((cpu - mem) / 2);
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}
