// The Deployment controller (k8s pkg/controller/deployment, syncDeployment): claims ReplicaSets,
// then either scales (paused Deployments, replica-count changes) or rolls out the current template
// with its strategy. Rollback needs nothing of its own: reverting the template in git makes an old
// ReplicaSet's template current again, and it is found, reused and given the next revision.

import { idOf, type ObjectId } from "../../manifest/identity.js";
import { matchesSelector } from "../../manifest/selector.js";
import type { Deployment } from "../../manifest/types.js";
import { controllerOf } from "../owner.js";
import type { Controller, ControllerContext, ObjectChange, ReconcileResult, StoreView } from "../types.js";
import { checkPausedConditions } from "./progress.js";
import { rolloutRecreate } from "./recreate.js";
import { rolloutRolling } from "./rolling.js";
import { DeploymentSync, SyncAbort } from "./session.js";
import {
  isScalingEvent,
  podMapForDeployment,
  replicaSetsForDeployment,
  selectsEverything,
  sync,
} from "./sync.js";

function syncDeployment(s: DeploymentSync): void {
  const d = s.d;
  if (selectsEverything(d)) {
    s.event(
      "Warning",
      "SelectingAll",
      "This deployment is selecting all pods. A non-empty selector is required.",
    );
    if ((d.status.observedGeneration ?? 0) < (d.metadata.generation ?? 0)) {
      d.status.observedGeneration = d.metadata.generation ?? 0;
    }
    return;
  }
  const rsList = replicaSetsForDeployment(s);
  const podMap = podMapForDeployment(s, rsList);
  checkPausedConditions(s);
  if (d.spec.paused === true) return sync(s, rsList);
  if (isScalingEvent(s, rsList)) return sync(s, rsList);
  if (d.spec.strategy?.type === "Recreate") return rolloutRecreate(s, rsList, podMap);
  rolloutRolling(s, rsList);
}

export function reconcileDeployment(d: Deployment, ctx: ControllerContext): ReconcileResult {
  const s = new DeploymentSync(d, ctx);
  try {
    syncDeployment(s);
  } catch (e) {
    if (!(e instanceof SyncAbort)) throw e;
    if (e.requeueAfterMs !== undefined) s.requeueAfter(e.requeueAfterMs);
  }
  return s.finish();
}

/**
 * Deployments to look at when something else changes (the controller's event handlers): the
 * Deployment above a pod that went away (Recreate waits for the last old pod, whose disappearance
 * changes no ReplicaSet status), and for an orphan ReplicaSet every Deployment that may adopt it.
 */
export function deploymentsAffectedBy(change: ObjectChange, view: StoreView): ObjectId[] {
  const o = change.object;
  const namespace = o.metadata.namespace ?? "default";
  if (o.kind === "Pod") {
    if (change.type !== "DELETED") return [];
    const rsRef = controllerOf(o);
    if (rsRef?.kind !== "ReplicaSet") return [];
    const rs = view.get("ReplicaSet", namespace, rsRef.name);
    const dRef = rs ? controllerOf(rs) : undefined;
    return dRef?.kind === "Deployment" ? [{ kind: "Deployment", namespace, name: dRef.name }] : [];
  }
  if (o.kind !== "ReplicaSet") return [];
  const out: ObjectId[] = [];
  const before = change.old ? controllerOf(change.old) : undefined;
  const after = controllerOf(o);
  if (before?.kind === "Deployment" && before.uid !== after?.uid) {
    out.push({ kind: "Deployment", namespace, name: before.name });
  }
  if (after) return out;
  const labelSets = [o.metadata.labels ?? {}];
  if (change.old) labelSets.push(change.old.metadata.labels ?? {});
  for (const d of view.list("Deployment", { namespace })) {
    if (selectsEverything(d)) continue;
    if (labelSets.some((l) => matchesSelector(d.spec.selector, l))) out.push(idOf(d));
  }
  return out;
}

export const deploymentController: Controller<"Deployment"> = {
  kind: "Deployment",
  reconcile: reconcileDeployment,
  affected: deploymentsAffectedBy,
};
