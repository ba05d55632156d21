// The DaemonSet's per-node bookkeeping (k8s daemon_controller.go manage/podsShouldBeOnNode): a pod
// where one should run and none exists, failed and superfluous daemon pods removed, pods removed
// from nodes that no longer want them or that left. Rolling updates are decided separately
// (rolling.ts) and only in a round where this found nothing to do, as Kubernetes waits for its
// expectations.

import type { DaemonSet, Pod } from "../../manifest/types.js";
import type { NodeSummary } from "../types.js";
import { byAge } from "../workload-util/events.js";
import { isPodAvailable, isPodReady, isTerminating } from "../workload-util/pod-state.js";
import { REVISION_LABEL } from "./pod.js";
import { nodeVerdict, targetNodeOf } from "./placement.js";

export interface NodePlan {
  /** Nodes to create a daemon pod on. */
  create: string[];
  /** Pods to delete, with why (for events). */
  remove: { pod: Pod; failed: boolean; node: string | undefined }[];
}

/** Daemon pods by the node they are for; pods naming no node under "". */
export function podsByNode(pods: readonly Pod[]): Map<string, Pod[]> {
  const out = new Map<string, Pod[]>();
  for (const p of pods) {
    const node = targetNodeOf(p) ?? "";
    const list = out.get(node);
    if (list) list.push(p);
    else out.set(node, [p]);
  }
  return out;
}

export function manageNodes(
  ds: DaemonSet,
  nodes: readonly NodeSummary[],
  byNode: ReadonlyMap<string, Pod[]>,
  hash: string,
  surge: boolean,
  now: number,
): NodePlan {
  const plan: NodePlan = { create: [], remove: [] };
  const minReady = ds.spec.minReadySeconds ?? 0;
  const known = new Set(nodes.map((n) => n.name));
  for (const node of nodes) {
    const { shouldRun, shouldContinueRunning } = nodeVerdict(ds, node);
    const pods = byNode.get(node.name) ?? [];
    if (shouldRun && pods.length === 0) {
      plan.create.push(node.name);
      continue;
    }
    const live = pods.filter((p) => !isTerminating(p));
    if (!shouldContinueRunning) {
      for (const pod of live) plan.remove.push({ pod, failed: false, node: node.name });
      continue;
    }
    const running: Pod[] = [];
    for (const pod of live) {
      const phase = pod.status?.phase;
      if (phase === "Failed") plan.remove.push({ pod, failed: true, node: node.name });
      else if (phase === "Succeeded") plan.remove.push({ pod, failed: false, node: node.name });
      else running.push(pod);
    }
    running.sort(byAge);
    if (!surge) {
      // More than one daemon pod on a node: keep the oldest.
      for (const pod of running.slice(1)) plan.remove.push({ pod, failed: false, node: node.name });
      continue;
    }
    // With surge, an old and a new pod may overlap until the new one is available.
    let oldestNew: Pod | undefined;
    let oldestOld: Pod | undefined;
    for (const pod of running) {
      const isNew = pod.metadata.labels?.[REVISION_LABEL] === hash;
      if (isNew && !oldestNew) oldestNew = pod;
      else if (!isNew && !oldestOld) oldestOld = pod;
      else plan.remove.push({ pod, failed: false, node: node.name });
    }
    if (oldestNew && oldestOld) {
      if (!isPodReady(oldestOld) || isPodAvailable(oldestNew, minReady, now)) {
        plan.remove.push({ pod: oldestOld, failed: false, node: node.name });
      }
    }
  }
  // Pods for nodes that left (or naming none): Kubernetes' pod GC and this controller remove them.
  for (const [name, pods] of byNode) {
    if (known.has(name)) continue;
    for (const pod of pods) {
      if (!isTerminating(pod)) plan.remove.push({ pod, failed: false, node: name || undefined });
    }
  }
  return plan;
}
