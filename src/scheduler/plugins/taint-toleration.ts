// TaintToleration: NoSchedule and NoExecute taints filter, PreferNoSchedule taints lower the score.
// Toleration matching is Kubernetes' Toleration.ToleratesTaint, including its corner cases: an
// empty effect matches every effect, an empty key with operator Exists tolerates every taint, and
// an empty operator means Equal.

import type { Taint, Toleration } from "../../manifest/types.js";
import type { NodeInfo } from "../node-info.js";
import type { PodDemand } from "../types.js";

export function toleratesTaint(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  // An empty operator means Equal; anything else (invalid) tolerates nothing.
  const op: string = t.operator ?? "";
  if (op === "Exists") return true;
  if (op === "" || op === "Equal") return (t.value ?? "") === (taint.value ?? "");
  return false;
}

export function tolerationsTolerateTaint(tolerations: readonly Toleration[], taint: Taint): boolean {
  for (const t of tolerations) if (toleratesTaint(t, taint)) return true;
  return false;
}

/** The first taint no toleration matches, as Kubernetes' FindMatchingUntoleratedTaint. */
export function findUntoleratedTaint(
  taints: readonly Taint[],
  tolerations: readonly Toleration[],
): Taint | undefined {
  for (const taint of taints) if (!tolerationsTolerateTaint(tolerations, taint)) return taint;
  return undefined;
}

export function untoleratedTaintReason(taint: Taint): string {
  return `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ""}}`;
}

/**
 * Filter. `noExecuteOnly` is for pods that name their node themselves: like the kubelet's admission
 * check, only NoExecute taints keep them off it.
 */
export function taintTolerationFilter(
  d: PodDemand,
  node: NodeInfo,
  noExecuteOnly = false,
): string | undefined {
  const taints = node.filterTaints;
  if (taints.length === 0) return undefined;
  const relevant = noExecuteOnly ? taints.filter((t) => t.effect === "NoExecute") : taints;
  const taint = findUntoleratedTaint(relevant, d.tolerations);
  return taint === undefined ? undefined : untoleratedTaintReason(taint);
}

/** Raw score: how many PreferNoSchedule taints the pod does not tolerate (normalized reversed). */
export function taintTolerationScore(d: PodDemand, node: NodeInfo): number {
  let n = 0;
  for (const taint of node.preferNoScheduleTaints) {
    if (!tolerationsTolerateTaint(d.preferNoScheduleTolerations, taint)) n++;
  }
  return n;
}
