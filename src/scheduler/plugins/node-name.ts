// NodeName and NodeUnschedulable: the two filters about the node itself.

import type { Taint } from "../../manifest/types.js";
import type { NodeInfo } from "../node-info.js";
import type { PodDemand } from "../types.js";
import { tolerationsTolerateTaint } from "./taint-toleration.js";

export const NODE_NAME_REASON = "node(s) didn't match the requested node name";
export const UNSCHEDULABLE_REASON = "node(s) were unschedulable";
/** A pod tolerating this taint may still land on a cordoned node (as in Kubernetes). */
export const UNSCHEDULABLE_TAINT: Readonly<Taint> = {
  key: "node.kubernetes.io/unschedulable",
  effect: "NoSchedule",
};

export function nodeNameFilter(d: PodDemand, node: NodeInfo): string | undefined {
  return d.nodeName === undefined || d.nodeName === node.name ? undefined : NODE_NAME_REASON;
}

export function nodeUnschedulableFilter(d: PodDemand, node: NodeInfo): string | undefined {
  if (!node.unschedulable) return undefined;
  return tolerationsTolerateTaint(d.tolerations, UNSCHEDULABLE_TAINT) ? undefined : UNSCHEDULABLE_REASON;
}
