// The DaemonSet controller: one pod per eligible node, following nodes as they join and leave,
// replaced per node on template changes (RollingUpdate with maxUnavailable/maxSurge, or OnDelete).

import { idOf } from "../../manifest/identity.js";
import type { DaemonSet } from "../../manifest/types.js";
import { isControlledBy } from "../owner.js";
import type { Action, Controller, ControllerContext, ReconcileResult } from "../types.js";
import { eventAbout } from "../workload-util/events.js";
import { scaledValue } from "../workload-util/int-or-percent.js";
import { revisionHash } from "../workload-util/revision-hash.js";
import { manageNodes, podsByNode } from "./manage.js";
import { newDaemonPod } from "./pod.js";
import { nodeVerdict } from "./placement.js";
import { rollingUpdate } from "./rolling.js";
import { daemonSetStatus } from "./status.js";

/** maxUnavailable and maxSurge against the desired node count (both rounded up; 0/0 means 1/0). */
export function rollingLimits(ds: DaemonSet, desired: number): { maxUnavailable: number; maxSurge: number } {
  const ru = ds.spec.updateStrategy?.rollingUpdate;
  let maxUnavailable = scaledValue(ru?.maxUnavailable ?? 1, desired, true);
  const maxSurge = scaledValue(ru?.maxSurge ?? 0, desired, true);
  if (desired > 0 && maxUnavailable === 0 && maxSurge === 0) maxUnavailable = 1;
  return { maxUnavailable, maxSurge };
}

function allowsSurge(ds: DaemonSet): boolean {
  return (
    ds.spec.updateStrategy?.type !== "OnDelete" &&
    scaledValue(ds.spec.updateStrategy?.rollingUpdate?.maxSurge ?? 0, 1, true) !== 0
  );
}

export function reconcileDaemonSet(ds: DaemonSet, ctx: ControllerContext): ReconcileResult {
  const namespace = ds.metadata.namespace ?? "default";
  const pods = ctx.view.list("Pod", { namespace }).filter((p) => isControlledBy(p, ds));
  const nodes = [...ctx.nodes].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const byNode = podsByNode(pods);
  const hash = revisionHash(ds.spec.template);
  const actions: Action[] = [];
  const create = (node: string): void => {
    const pod = newDaemonPod(ds, node, hash, ctx.randomSuffix());
    actions.push({ type: "create", object: pod });
    actions.push(eventAbout(ds, "Normal", "SuccessfulCreate", `Created pod: ${pod.metadata.name}`));
  };
  const remove = (name: string, message?: string): void => {
    if (message) actions.push(eventAbout(ds, "Warning", "FailedDaemonPod", message));
    actions.push({
      type: "delete",
      id: { kind: "Pod", namespace, name },
      reason: `DaemonSet ${ds.metadata.name}`,
    });
    actions.push(eventAbout(ds, "Normal", "SuccessfulDelete", `Deleted pod: ${name}`));
  };

  const plan = manageNodes(ds, nodes, byNode, hash, allowsSurge(ds), ctx.now);
  for (const r of plan.remove) {
    const msg = r.failed
      ? `Found failed daemon pod ${namespace}/${r.pod.metadata.name} on node ${r.node ?? "<none>"}, will try to kill it`
      : undefined;
    remove(r.pod.metadata.name, msg);
  }
  for (const node of plan.create) create(node);

  const { status, msUntilAvailable } = daemonSetStatus(ds, nodes, byNode, hash, ctx.now);
  if (actions.length === 0 && ds.spec.updateStrategy?.type !== "OnDelete") {
    const wanting = nodes
      .filter((n) => nodeVerdict(ds, n).shouldRun || (byNode.get(n.name)?.length ?? 0) > 0)
      .map((n) => n.name);
    const { maxUnavailable, maxSurge } = rollingLimits(ds, status.desiredNumberScheduled);
    const roll = rollingUpdate(ds, wanting, byNode, hash, maxUnavailable, maxSurge, ctx.now);
    for (const p of roll.deletePods) remove(p.metadata.name);
    for (const node of roll.createOn) create(node);
  }
  if (JSON.stringify(ds.status) !== JSON.stringify(status)) {
    actions.push({ type: "status", id: idOf(ds), status });
  }
  const result: ReconcileResult = { actions };
  if (msUntilAvailable !== undefined) result.requeueAfterMs = msUntilAvailable;
  return result;
}

export const daemonSetController: Controller<"DaemonSet"> = {
  kind: "DaemonSet",
  reconcile: reconcileDaemonSet,
};
