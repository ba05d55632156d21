// What happens to the pods of a node that stopped answering (pure): Kubernetes' node lifecycle
// controller and taint-based eviction, decided per pod.
//
// - At once: every pod that is not finished gets Ready=False (services stop sending it traffic).
// - After the eviction delay — berth.yaml's podEvictionTimeout, or the pod's own tolerationSeconds
//   for the node.kubernetes.io/unreachable NoExecute taint; a toleration without seconds keeps the
//   pod bound forever (DaemonSet pods) — pods owned by a controller, and pods already being deleted,
//   are deleted from the store right away: a dead node cannot terminate anything gracefully, and
//   their controllers replace them on other nodes. A bare pod has nobody to replace it: it is marked
//   Failed with reason NodeLost (what `kubectl get pods` shows), and stays so.
// When the node answers again its agent stops what still runs of those pods and removes what no
// longer belongs to it.

import type { Condition, Pod, PodStatus, Taint } from "../../manifest/types.js";
import { controllerOf } from "../../controllers/owner.js";
import { toleratesTaint } from "../../scheduler/plugins/taint-toleration.js";
import { isoTime } from "../../util/clock.js";
import { UNREACHABLE_TAINT_KEY } from "./node-state.js";

const UNREACHABLE: Taint = { key: UNREACHABLE_TAINT_KEY, effect: "NoExecute" };

export type NodeLossAction =
  | { type: "markNotReady"; pod: Pod; status: PodStatus }
  | { type: "evict"; pod: Pod }
  | { type: "fail"; pod: Pod; status: PodStatus };

export interface NodeLossInput {
  node: string;
  ready: boolean;
  /** When the node stopped being Ready (ms). */
  notReadySinceMs: number;
  /** Pods bound to the node. */
  pods: readonly Pod[];
  nowMs: number;
  evictionTimeoutMs: number;
}

export interface NodeLossPlan {
  actions: NodeLossAction[];
  /** When the next pod's eviction delay runs out. */
  nextCheckMs?: number;
}

function isTerminal(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase === "Succeeded" || phase === "Failed";
}

/** How long the pod stays on an unreachable node; undefined: for ever (tolerated without limit). */
export function evictionDelayMs(pod: Pod, defaultMs: number): number | undefined {
  const t = (pod.spec.tolerations ?? []).find((tol) => toleratesTaint(tol, UNREACHABLE));
  if (!t) return defaultMs;
  if (t.tolerationSeconds === undefined) return undefined;
  return Math.max(0, t.tolerationSeconds) * 1000;
}

function withReadyFalse(status: PodStatus | undefined, node: string, nowMs: number): PodStatus {
  const base: PodStatus = status ? structuredClone(status) : { phase: "Pending" };
  const conditions = base.conditions ?? [];
  const ready: Condition = {
    type: "Ready",
    status: "False",
    reason: "NodeNotReady",
    message: `node ${node} is not ready`,
    lastTransitionTime: isoTime(nowMs),
  };
  const i = conditions.findIndex((c) => c.type === "Ready");
  if (i >= 0) conditions[i] = ready;
  else conditions.push(ready);
  base.conditions = conditions;
  return base;
}

export function planNodeLoss(input: NodeLossInput): NodeLossPlan {
  const plan: NodeLossPlan = { actions: [] };
  if (input.ready) return plan;
  const since = input.notReadySinceMs;
  for (const pod of input.pods) {
    if (pod.spec.nodeName !== input.node) continue;
    const deleting = pod.metadata.deletionTimestamp !== undefined;
    if (isTerminal(pod) && !deleting) continue;
    const delay = deleting ? input.evictionTimeoutMs : evictionDelayMs(pod, input.evictionTimeoutMs);
    const due = delay === undefined ? undefined : since + delay;
    if (due !== undefined && input.nowMs >= due) {
      if (deleting || controllerOf(pod)) plan.actions.push({ type: "evict", pod });
      else {
        const status = withReadyFalse(pod.status, input.node, input.nowMs);
        status.phase = "Failed";
        status.reason = "NodeLost";
        status.message = `Node ${input.node} which was running pod ${pod.metadata.name} is unresponsive`;
        plan.actions.push({ type: "fail", pod, status });
      }
      continue;
    }
    if (due !== undefined) plan.nextCheckMs = Math.min(plan.nextCheckMs ?? due, due);
    const ready = pod.status?.conditions?.find((c) => c.type === "Ready");
    if (!isTerminal(pod) && ready?.status !== "False") {
      plan.actions.push({
        type: "markNotReady",
        pod,
        status: withReadyFalse(pod.status, input.node, input.nowMs),
      });
    }
  }
  return plan;
}
