// Spreading, as PodTopologySpread's system default hostname constraint (maxSkew 3,
// ScheduleAnyway): nodes with fewer pods of the same controller owner score higher. Raw score per
// node: round(count × ln(feasible nodes + 2) + maxSkew − 1), then normalized so that the emptiest
// node gets 100.

import type { NodeInfo } from "../node-info.js";
import type { PodDemand } from "../types.js";
import { MAX_NODE_SCORE } from "./normalize.js";

const HOSTNAME_MAX_SKEW = 3;

export function spreadApplies(d: PodDemand): d is PodDemand & { ownerUid: string } {
  return d.ownerUid !== undefined;
}

/** `weight` is topologyNormalizingWeight: ln(number of scored nodes + 2). */
export function spreadScore(ownerUid: string, node: NodeInfo, weight: number): number {
  return Math.round(node.ownerCount(ownerUid) * weight + (HOSTNAME_MAX_SKEW - 1));
}

export function spreadWeight(scoredNodes: number): number {
  return Math.log(scoredNodes + 2);
}

/** PodTopologySpread.NormalizeScore: MaxNodeScore × (max + min − s) / max, in place. */
export function normalizeSpread(scores: Float64Array): void {
  let min = Number.POSITIVE_INFINITY;
  let max = 0;
  for (const s of scores) {
    if (s < min) min = s;
    if (s > max) max = s;
  }
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i] ?? 0;
    scores[i] = max === 0 ? MAX_NODE_SCORE : Math.floor((MAX_NODE_SCORE * (max + min - s)) / max);
  }
}
