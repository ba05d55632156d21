// The score stage: each plugin scores every feasible node 0..100 (normalizing over the feasible
// set where kube-scheduler does), and a node's total is the weighted sum. One pass over the nodes
// fills every plugin's raw scores; buffers are reused between calls (this runs once per pod).

import type { NodeInfo } from "./node-info.js";
import { defaultNormalizeScore } from "./plugins/normalize.js";
import { nodeAffinityScore } from "./plugins/node-affinity.js";
import {
  balancedAllocationApplies,
  balancedAllocationScore,
  leastAllocatedScore,
} from "./plugins/node-resources.js";
import { normalizeSpread, spreadScore, spreadWeight } from "./plugins/pod-topology-spread.js";
import { taintTolerationScore } from "./plugins/taint-toleration.js";
import type { PluginScores, PodDemand, ScoreWeights } from "./types.js";

/** Raw scores per plugin: taint, affinity, spread, least allocated, balanced. */
const RAW = 5;
let capacity = 0;
let buffers: Float64Array[] = [];

function scratch(m: number): Float64Array[] {
  if (capacity < m) {
    capacity = Math.max(m, 2 * capacity, 64);
    buffers = Array.from({ length: RAW }, () => new Float64Array(capacity));
  }
  return buffers.map((b) => b.subarray(0, m));
}

export function emptyScores(): PluginScores {
  return {
    taintToleration: 0,
    nodeAffinity: 0,
    podTopologySpread: 0,
    leastAllocated: 0,
    balancedAllocation: 0,
  };
}

/**
 * Weighted totals for `nodes`, in their order. With `breakdown`, each node's normalized per-plugin
 * scores are written there too (for explanations and tests).
 */
export function scoreNodes(
  d: PodDemand,
  nodes: readonly NodeInfo[],
  weights: ScoreWeights,
  breakdown?: PluginScores[],
): Float64Array {
  const m = nodes.length;
  const [taint, affinity, spread, least, balanced] = scratch(m) as [
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
  ];
  const hasPreferred = d.preferredTerms.length > 0;
  const owner = d.ownerUid;
  const spreadW = spreadWeight(m);
  const balances = balancedAllocationApplies(d);
  for (let i = 0; i < m; i++) {
    const node = nodes[i];
    if (node === undefined) continue;
    taint[i] = node.preferNoScheduleTaints.length === 0 ? 0 : taintTolerationScore(d, node);
    affinity[i] = hasPreferred ? nodeAffinityScore(d, node) : 0;
    spread[i] = owner === undefined ? 0 : spreadScore(owner, node, spreadW);
    least[i] = leastAllocatedScore(d, node);
    balanced[i] = balances ? balancedAllocationScore(d, node) : 0;
  }
  defaultNormalizeScore(taint, true);
  if (hasPreferred) defaultNormalizeScore(affinity, false);
  if (owner !== undefined) normalizeSpread(spread);

  const total = new Float64Array(m);
  const wt = weights.taintToleration;
  const wa = weights.nodeAffinity;
  const ws = weights.podTopologySpread;
  const wl = weights.leastAllocated;
  const wb = weights.balancedAllocation;
  for (let i = 0; i < m; i++) {
    const t = taint[i] ?? 0;
    const a = affinity[i] ?? 0;
    const s = spread[i] ?? 0;
    const l = least[i] ?? 0;
    const b = balanced[i] ?? 0;
    total[i] = wt * t + wa * a + ws * s + wl * l + wb * b;
    if (breakdown) {
      breakdown[i] = {
        taintToleration: t,
        nodeAffinity: a,
        podTopologySpread: s,
        leastAllocated: l,
        balancedAllocation: b,
      };
    }
  }
  return total;
}
