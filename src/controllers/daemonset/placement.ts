// Which nodes a DaemonSet runs on (k8s pkg/controller/daemon: NodeShouldRunDaemonPod) and how its
// pods name their node. As in Kubernetes since 1.12, a daemon pod is not bound by the controller:
// its required node affinity is replaced by one term `matchFields metadata.name In [<node>]`, and
// the scheduler binds it there (berth's scheduler accounts its resources and ports like any pod).

import type { DaemonSet, Pod, PodSpec, Taint, Toleration } from "../../manifest/types.js";
import type { NodeSummary } from "../types.js";
import { matchesRequiredNodeAffinity, NODE_NAME_FIELD, untoleratedTaint } from "../workload-util/node-fit.js";

export const TAINT_NOT_READY = "node.kubernetes.io/not-ready";
export const TAINT_UNREACHABLE = "node.kubernetes.io/unreachable";
export const TAINT_UNSCHEDULABLE = "node.kubernetes.io/unschedulable";
export const TAINT_NETWORK_UNAVAILABLE = "node.kubernetes.io/network-unavailable";

/**
 * Tolerations every daemon pod gets (AddOrUpdateDaemonPodTolerations). network-unavailable only
 * for hostNetwork pods, as in Kubernetes: a pod on the pod network needs the network to be up.
 */
export function daemonTolerations(spec: PodSpec): Toleration[] {
  const exists = (key: string, effect: "NoExecute" | "NoSchedule"): Toleration => ({
    key,
    operator: "Exists",
    effect,
  });
  const out = [
    exists(TAINT_NOT_READY, "NoExecute"),
    exists(TAINT_UNREACHABLE, "NoExecute"),
    exists("node.kubernetes.io/disk-pressure", "NoSchedule"),
    exists("node.kubernetes.io/memory-pressure", "NoSchedule"),
    exists("node.kubernetes.io/pid-pressure", "NoSchedule"),
    exists(TAINT_UNSCHEDULABLE, "NoSchedule"),
  ];
  if (spec.hostNetwork === true) out.push(exists(TAINT_NETWORK_UNAVAILABLE, "NoSchedule"));
  return out;
}

/** The template's tolerations plus the daemon ones (an identical toleration is not repeated). */
export function withDaemonTolerations(spec: PodSpec): Toleration[] {
  const own = spec.tolerations ?? [];
  const same = (a: Toleration, b: Toleration): boolean =>
    a.key === b.key && a.operator === b.operator && a.value === b.value && a.effect === b.effect;
  return [...own, ...daemonTolerations(spec).filter((d) => !own.some((t) => same(t, d)))];
}

/**
 * The node's taints as Kubernetes' node lifecycle controller would have set them: a node that is
 * not Ready carries not-ready with both effects, a cordoned node the unschedulable taint.
 */
export function effectiveTaints(node: NodeSummary): Taint[] {
  const taints: Taint[] = [...node.taints];
  const add = (t: Taint): void => {
    if (!taints.some((x) => x.key === t.key && x.effect === t.effect)) taints.push(t);
  };
  if (!node.ready) {
    add({ key: TAINT_NOT_READY, effect: "NoSchedule" });
    add({ key: TAINT_NOT_READY, effect: "NoExecute" });
  }
  if (node.unschedulable) add({ key: TAINT_UNSCHEDULABLE, effect: "NoSchedule" });
  return taints;
}

export interface NodeVerdict {
  /** A daemon pod should be created here if missing. */
  shouldRun: boolean;
  /** A daemon pod already here may stay (it tolerates the node's NoExecute taints). */
  shouldContinueRunning: boolean;
}

/**
 * NodeShouldRunDaemonPod. A node that is not Ready keeps its daemon pod (not-ready:NoExecute is
 * tolerated) but gets no new one (not-ready:NoSchedule is not), exactly as on a cluster.
 */
export function nodeVerdict(ds: DaemonSet, node: NodeSummary): NodeVerdict {
  const spec = ds.spec.template.spec;
  const no = { shouldRun: false, shouldContinueRunning: false };
  if (spec.nodeName !== undefined && spec.nodeName !== "" && spec.nodeName !== node.name) return no;
  if (!matchesRequiredNodeAffinity(spec, node)) return no;
  const tolerations = withDaemonTolerations(spec);
  const taints = effectiveTaints(node);
  if (untoleratedTaint(taints, tolerations, ["NoSchedule", "NoExecute"]) === undefined) {
    return { shouldRun: true, shouldContinueRunning: true };
  }
  return {
    shouldRun: false,
    shouldContinueRunning: untoleratedTaint(taints, tolerations, ["NoExecute"]) === undefined,
  };
}

/** The node a daemon pod is for: spec.nodeName once bound, else its single matchFields term. */
export function targetNodeOf(pod: Pod): string | undefined {
  if (pod.spec.nodeName) return pod.spec.nodeName;
  const terms =
    pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  for (const term of terms) {
    for (const f of term.matchFields ?? []) {
      if (f.key === NODE_NAME_FIELD && f.operator === "In" && f.values?.length === 1) return f.values[0];
    }
  }
  return undefined;
}
