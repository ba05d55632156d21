// Scheduling one pod: filter nodes (stopping once kube-scheduler's percentageOfNodesToScore worth
// of feasible nodes is found), score the feasible ones, take the best. kube-scheduler breaks ties
// at random; berth breaks them by a hash of pod and node names, so equal nodes share the load and
// the same inputs always give the same node.

import type { Pod } from "../manifest/types.js";
import { isBerthError } from "../util/errors.js";
import { filterNode, numFeasibleNodesToFind } from "./filters.js";
import { fitErrorMessage, NO_NODES_MESSAGE } from "./message.js";
import { hashString, type NodeInfo } from "./node-info.js";
import { boundPodOf, podDemand } from "./pod-demand.js";
import { emptyScores, scoreNodes } from "./scores.js";
import {
  DEFAULT_WEIGHTS,
  type NodeReasons,
  type NodeScore,
  type PluginScores,
  type PodDemand,
  type ScheduleOptions,
  type ScheduleResult,
} from "./types.js";

/** murmur3's finalizer: spreads the combined pod/node hash over 32 bits. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Picks a node for a pod whose demand is already computed. Never changes `nodes`. */
export function scheduleDemand(
  d: PodDemand,
  nodes: readonly NodeInfo[],
  opts: ScheduleOptions = {},
): ScheduleResult {
  const n = nodes.length;
  if (n === 0) return { ok: false, message: NO_NODES_MESSAGE, reasons: [] };
  const want = numFeasibleNodesToFind(n, opts.percentageOfNodesToScore);
  const start = (((opts.startIndex ?? 0) % n) + n) % n;
  const feasible: NodeInfo[] = [];
  const failed: { index: number; node: string; reasons: string[] }[] = [];
  let evaluated = 0;
  for (; evaluated < n && feasible.length < want; evaluated++) {
    const index = (start + evaluated) % n;
    const node = nodes[index];
    if (node === undefined) continue;
    const reasons = filterNode(d, node);
    if (reasons === undefined) feasible.push(node);
    else failed.push({ index, node: node.name, reasons });
  }

  const first = feasible[0];
  if (first === undefined) {
    failed.sort((a, b) => a.index - b.index);
    const reasons: NodeReasons[] = failed.map((f) => ({ node: f.node, reasons: f.reasons }));
    return { ok: false, message: fitErrorMessage(n, reasons), reasons };
  }
  if (feasible.length === 1 && !opts.explain) {
    return { ok: true, node: first.name, evaluated, feasible: 1 };
  }

  const breakdown: PluginScores[] | undefined = opts.explain ? [] : undefined;
  const totals = scoreNodes(d, feasible, { ...DEFAULT_WEIGHTS, ...opts.weights }, breakdown);
  const podHash = hashString(d.key);
  let best = 0;
  let bestNode = first;
  let bestTotal = totals[0] ?? 0;
  let bestTie = mix(podHash ^ first.nameHash);
  feasible.forEach((node, i) => {
    const total = totals[i] ?? 0;
    if (i === 0 || total < bestTotal) return;
    const tie = mix(podHash ^ node.nameHash);
    if (total > bestTotal || tie < bestTie || (tie === bestTie && node.name < bestNode.name)) {
      best = i;
      bestNode = node;
      bestTotal = total;
      bestTie = tie;
    }
  });
  const result: ScheduleResult = { ok: true, node: bestNode.name, evaluated, feasible: feasible.length };
  if (breakdown) {
    const scores: NodeScore[] = feasible.map((node, i) => ({
      node: node.name,
      total: totals[i] ?? 0,
      plugins: breakdown[i] ?? emptyScores(),
    }));
    const chosen = scores.splice(best, 1);
    result.scores = [...chosen, ...scores.sort((a, b) => b.total - a.total)];
  }
  return result;
}

/** scheduleDemand, with a pod already accounted on the node it names taken off it meanwhile. */
function scheduleUnaccounted(
  pod: Pod,
  d: PodDemand,
  nodes: readonly NodeInfo[],
  opts: ScheduleOptions,
): ScheduleResult {
  const uid = pod.metadata.uid;
  const own =
    d.nodeName !== undefined && uid !== undefined ? nodes.find((n) => n.name === d.nodeName) : undefined;
  const self = own && uid !== undefined ? own.removePod(uid) : undefined;
  try {
    return scheduleDemand(d, nodes, opts);
  } finally {
    if (own && self) own.addPod(self);
  }
}

/**
 * Picks a node for `pod` among `nodes`, or says why none fits in kube-scheduler's words. A pod
 * that is already accounted on the node it names is checked without itself. Throws BerthError
 * E_QUANTITY for a malformed resource request.
 */
export function schedule(pod: Pod, nodes: readonly NodeInfo[], opts: ScheduleOptions = {}): ScheduleResult {
  return scheduleUnaccounted(pod, podDemand(pod), nodes, opts);
}

/**
 * Places many pods in queue order (creation time, then the order given), adding each placed pod to
 * its node's accounting before the next is scheduled; the feasible-node search start rotates as in
 * kube-scheduler. Mutates `nodes`' accounting; returns one result per pod, in the order given.
 * A pod with a malformed request gets a failed result instead of stopping the others.
 */
export function scheduleAll(
  pods: readonly Pod[],
  nodes: readonly NodeInfo[],
  opts: ScheduleOptions = {},
): ScheduleResult[] {
  const byName = new Map(nodes.map((n) => [n.name, n]));
  const order = pods.map((_, i) => i);
  const created = (i: number): string => pods[i]?.metadata.creationTimestamp ?? "";
  order.sort((a, b) => (created(a) < created(b) ? -1 : created(a) > created(b) ? 1 : a - b));
  const results: ScheduleResult[] = new Array<ScheduleResult>(pods.length);
  let start = opts.startIndex ?? 0;
  for (const i of order) {
    const pod = pods[i];
    if (pod === undefined) continue;
    let d: PodDemand;
    try {
      d = podDemand(pod);
    } catch (e) {
      if (!isBerthError(e)) throw e;
      results[i] = { ok: false, message: e.message, reasons: [] };
      continue;
    }
    const result = scheduleUnaccounted(pod, d, nodes, { ...opts, startIndex: start });
    if (result.ok) {
      byName.get(result.node)?.addPod(boundPodOf(pod, d));
      start = (start + result.evaluated) % Math.max(1, nodes.length);
    }
    results[i] = result;
  }
  return results;
}
