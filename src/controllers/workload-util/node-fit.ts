// Whether a pod may run on a node as far as the node's labels and taints go (k8s component-helpers
// nodeaffinity.GetRequiredNodeAffinity and v1helper taint matching): the controllers that place
// pods themselves (DaemonSet) or pin them (StatefulSet) need the same answers as the scheduler.

import { matchesNodeSelectorTerms, matchesSelector } from "../../manifest/selector.js";
import type { Affinity, PodSpec, Taint, TaintEffect, Toleration } from "../../manifest/types.js";
import type { NodeSummary } from "../types.js";

/** The node field node affinity's matchFields may select on. */
export const NODE_NAME_FIELD = "metadata.name";

export function toleratesTaint(t: Toleration, taint: Taint): boolean {
  if (t.effect !== undefined && t.effect !== taint.effect) return false;
  if (t.key !== undefined && t.key !== "" && t.key !== taint.key) return false;
  if (t.operator === "Exists") return true;
  return (t.value ?? "") === (taint.value ?? "");
}

/** The first taint with one of `effects` that no toleration tolerates. */
export function untoleratedTaint(
  taints: readonly Taint[],
  tolerations: readonly Toleration[],
  effects: readonly TaintEffect[],
): Taint | undefined {
  return taints.find(
    (taint) => effects.includes(taint.effect) && !tolerations.some((t) => toleratesTaint(t, taint)),
  );
}

/** nodeSelector and required node affinity, both of which must match (GetRequiredNodeAffinity). */
export function matchesRequiredNodeAffinity(spec: PodSpec, node: NodeSummary): boolean {
  if (spec.nodeSelector && !matchesSelector({ matchLabels: spec.nodeSelector }, node.labels)) return false;
  const required = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (!required) return true;
  return matchesNodeSelectorTerms(required.nodeSelectorTerms, node.labels, { [NODE_NAME_FIELD]: node.name });
}

/**
 * The affinity with every required term narrowed to `nodeName` (terms are ORed, so the node
 * requirement joins each of them); a spec without required terms gets a single one.
 */
export function pinToNode(affinity: Affinity | undefined, nodeName: string): Affinity {
  const pin = { key: NODE_NAME_FIELD, operator: "In" as const, values: [nodeName] };
  const nodeAffinity = affinity?.nodeAffinity ?? {};
  const terms = nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  const pinned =
    terms.length === 0
      ? [{ matchFields: [pin] }]
      : terms.map((t) => ({ ...t, matchFields: [...(t.matchFields ?? []), pin] }));
  return {
    ...affinity,
    nodeAffinity: {
      ...nodeAffinity,
      requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: pinned },
    },
  };
}
