// NodePorts: a pod cannot land where one of its host ports is already taken.

import type { NodeInfo } from "../node-info.js";
import type { PodDemand } from "../types.js";

export const NODE_PORTS_REASON = "node(s) didn't have free ports for the requested pod ports";

export function nodePortsFilter(d: PodDemand, node: NodeInfo): string | undefined {
  for (const hp of d.hostPorts) {
    if (node.portConflict(hp)) return NODE_PORTS_REASON;
  }
  return undefined;
}
