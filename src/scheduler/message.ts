// The unschedulable message in kube-scheduler's FitError form, so messages read as users know them:
// `0/3 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 2 Insufficient memory.`

import type { NodeReasons } from "./types.js";

/** kube-scheduler's ErrNoNodesAvailable. */
export const NO_NODES_MESSAGE = "no nodes available to schedule pods";

/** "<count> <reason>" per distinct reason, sorted as strings, joined with ", ", ending in ".". */
export function fitErrorMessage(numAllNodes: number, nodes: readonly NodeReasons[]): string {
  if (numAllNodes === 0) return NO_NODES_MESSAGE;
  const histogram = new Map<string, number>();
  for (const n of nodes) {
    for (const reason of n.reasons) histogram.set(reason, (histogram.get(reason) ?? 0) + 1);
  }
  const entries = [...histogram].map(([reason, count]) => `${count} ${reason}`).sort();
  return `0/${numAllNodes} nodes are available: ${entries.join(", ")}.`;
}
