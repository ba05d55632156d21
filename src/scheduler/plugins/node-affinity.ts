// NodeAffinity: spec.nodeSelector and required node affinity filter (both must match); preferred
// terms add their weights to the score. matchFields selects on metadata.name.

import { matchesNodeSelectorTerm, matchesNodeSelectorTerms } from "../../manifest/selector.js";
import type { NodeInfo } from "../node-info.js";
import type { PodDemand } from "../types.js";

export const NODE_AFFINITY_REASON = "node(s) didn't match Pod's node affinity/selector";

export function nodeAffinityMatches(d: PodDemand, node: NodeInfo): boolean {
  for (const [k, v] of d.nodeSelector) {
    if (node.labels[k] !== v) return false;
  }
  if (d.requiredTerms !== undefined && !matchesNodeSelectorTerms(d.requiredTerms, node.labels, node.fields)) {
    return false;
  }
  return true;
}

export function nodeAffinityFilter(d: PodDemand, node: NodeInfo): string | undefined {
  if (d.nodeSelector.length === 0 && d.requiredTerms === undefined) return undefined;
  return nodeAffinityMatches(d, node) ? undefined : NODE_AFFINITY_REASON;
}

/** Raw score: the sum of the weights of the preferred terms the node matches. */
export function nodeAffinityScore(d: PodDemand, node: NodeInfo): number {
  let sum = 0;
  for (const t of d.preferredTerms) {
    if (matchesNodeSelectorTerm(t.preference, node.labels, node.fields)) sum += t.weight;
  }
  return sum;
}
