// The filter chain in kube-scheduler's default order. A node's first failing filter decides its
// reasons (only NodeResourcesFit reports several at once), as the scheduling framework does.

import type { NodeInfo } from "./node-info.js";
import { nodeAffinityFilter } from "./plugins/node-affinity.js";
import { nodeNameFilter, nodeUnschedulableFilter } from "./plugins/node-name.js";
import { nodePortsFilter } from "./plugins/node-ports.js";
import { nodeResourcesFitFilter } from "./plugins/node-resources.js";
import { taintTolerationFilter } from "./plugins/taint-toleration.js";
import type { PodDemand } from "./types.js";

/**
 * Why `node` cannot run the pod; undefined when it can. A pod that names its node (spec.nodeName)
 * is checked as the kubelet admits it: cordoning and NoSchedule taints do not keep it off.
 */
export function filterNode(d: PodDemand, node: NodeInfo): string[] | undefined {
  const named = d.nodeName !== undefined;
  let r: string | undefined;
  if (!named && (r = nodeUnschedulableFilter(d, node)) !== undefined) return [r];
  if ((r = nodeNameFilter(d, node)) !== undefined) return [r];
  if ((r = taintTolerationFilter(d, node, named)) !== undefined) return [r];
  if ((r = nodeAffinityFilter(d, node)) !== undefined) return [r];
  if ((r = nodePortsFilter(d, node)) !== undefined) return [r];
  return nodeResourcesFitFilter(d, node);
}

/**
 * kube-scheduler's numFeasibleNodesToFind: how many feasible nodes to find before scoring.
 * Under 100 nodes all of them; else `percentage` (0 = adaptive: 50 − nodes/125, at least 5), but
 * never fewer than 100.
 */
export function numFeasibleNodesToFind(numAllNodes: number, percentage = 0): number {
  const MIN_FEASIBLE = 100;
  if (numAllNodes < MIN_FEASIBLE || percentage >= 100) return numAllNodes;
  let pct = Math.trunc(percentage);
  if (pct <= 0) pct = Math.max(5, 50 - Math.trunc(numAllNodes / 125));
  return Math.max(MIN_FEASIBLE, Math.trunc((numAllNodes * pct) / 100));
}
