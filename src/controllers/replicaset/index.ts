// The ReplicaSet controller (k8s pkg/controller/replicaset): keeps `replicas` active pods that match
// the selector. One reconcile: claim pods (adopt matching orphans, release owned pods that stopped
// matching), create the missing pods or delete the surplus in deletion-rank order, write status.

import { idOf, type ObjectId } from "../../manifest/identity.js";
import { matchesSelector } from "../../manifest/selector.js";
import type { KObject, Pod, ReplicaSet } from "../../manifest/types.js";
import { claimObjects } from "../claim.js";
import { semanticEqual } from "../equal.js";
import { controllerOf } from "../owner.js";
import { isPodActive } from "../pod-status.js";
import type {
  Action,
  Controller,
  ControllerContext,
  FailedAction,
  ObjectChange,
  ReconcileResult,
  StoreView,
} from "../types.js";
import { newPodName, podFromTemplate } from "./pod-template.js";
import { podsToDelete } from "./rank.js";
import { availabilityRequeueMs, calculateReplicaSetStatus, type ReplicaFailure } from "./status.js";

/** At most this many pods created or deleted per reconcile (the controller's burstReplicas). */
export const BURST_REPLICAS = 500;

function namespaceOf(o: KObject): string {
  return o.metadata.namespace ?? "default";
}

function event(rs: ReplicaSet, type: "Normal" | "Warning", reason: string, message: string): Action {
  const object = rs.metadata.uid === undefined ? idOf(rs) : { ...idOf(rs), uid: rs.metadata.uid };
  return { type: "event", event: { type, reason, message, object } };
}

/** The pod creates and deletes of the previous reconcile that failed, as Kubernetes reports them. */
function failureOf(failed: readonly FailedAction[]): {
  failure?: ReplicaFailure;
  events: [string, string][];
} {
  const events: [string, string][] = [];
  let failure: ReplicaFailure | undefined;
  for (const f of failed) {
    const a = f.action;
    if (a.type === "create" && a.object.kind === "Pod") {
      events.push(["FailedCreate", `Error creating: ${f.message}`]);
      failure ??= { reason: "FailedCreate", message: f.message };
    } else if (a.type === "delete" && a.id.kind === "Pod") {
      events.push(["FailedDelete", `Error deleting: ${f.message}`]);
      failure ??= { reason: "FailedDelete", message: f.message };
    }
  }
  return failure ? { failure, events } : { events };
}

/** Pods of every ReplicaSet with the same controller (getIndirectlyRelatedPods), for spreading. */
function relatedPods(rs: ReplicaSet, view: StoreView, pods: readonly Pod[]): Pod[] {
  const owner = controllerOf(rs);
  if (!owner) return [];
  const seen = new Set<string>();
  const out: Pod[] = [];
  for (const other of view.list("ReplicaSet", { namespace: namespaceOf(rs) })) {
    if (controllerOf(other)?.uid !== owner.uid) continue;
    for (const p of pods) {
      if (seen.has(p.metadata.name) || !matchesSelector(other.spec.selector, p.metadata.labels ?? {}))
        continue;
      seen.add(p.metadata.name);
      out.push(p);
    }
  }
  return out;
}

interface Managed {
  actions: Action[];
  /** Pods this reconcile deletes: they stop counting at once, as they will once terminating. */
  deleted: Set<Pod>;
}

function manageReplicas(
  rs: ReplicaSet,
  pods: readonly Pod[],
  all: readonly Pod[],
  ctx: ControllerContext,
): Managed {
  const actions: Action[] = [];
  const deleted = new Set<Pod>();
  const want = rs.spec.replicas ?? 1;
  const diff = pods.length - want;
  if (diff < 0) {
    const taken = new Set<string>();
    for (let i = 0; i < Math.min(-diff, BURST_REPLICAS); i++) {
      const name = newPodName(rs, ctx.view, taken, () => ctx.randomSuffix());
      taken.add(name);
      actions.push({ type: "create", object: podFromTemplate(rs.spec.template, rs, name) });
      actions.push(event(rs, "Normal", "SuccessfulCreate", `Created pod: ${name}`));
    }
  } else if (diff > 0) {
    const victims = podsToDelete(pods, relatedPods(rs, ctx.view, all), Math.min(diff, BURST_REPLICAS));
    for (const pod of victims) {
      deleted.add(pod);
      actions.push({
        type: "delete",
        id: idOf(pod),
        reason: `ReplicaSet ${rs.metadata.name} has ${pods.length} pods for ${want} replicas`,
      });
      actions.push(event(rs, "Normal", "SuccessfulDelete", `Deleted pod: ${pod.metadata.name}`));
    }
  }
  return { actions, deleted };
}

export function reconcileReplicaSet(rs: ReplicaSet, ctx: ControllerContext): ReconcileResult {
  const actions: Action[] = [];
  const all = ctx.view.list("Pod", { namespace: namespaceOf(rs) });
  const claim = claimObjects(rs, rs.spec.selector, all.filter(isPodActive));
  for (const p of claim.changed) actions.push({ type: "update", object: p });
  const pods = claim.claimed;

  const { failure, events } = failureOf(ctx.failedActions ?? []);
  for (const [reason, message] of events) actions.push(event(rs, "Warning", reason, message));
  let counted = pods;
  if (rs.metadata.deletionTimestamp === undefined) {
    const managed = manageReplicas(rs, pods, all, ctx);
    actions.push(...managed.actions);
    // Kubernetes counts the pods it just deleted until its next sync; a Deployment reading that
    // status in between would take them for available and scale down too far. berth reports the
    // count the deletions leave.
    if (managed.deleted.size > 0) counted = pods.filter((p) => !managed.deleted.has(p));
  }

  const status = calculateReplicaSetStatus(rs, counted, failure, ctx.now);
  if (!semanticEqual(rs.status, status)) actions.push({ type: "status", id: idOf(rs), status });
  const requeue = availabilityRequeueMs(rs, counted, ctx.now);
  return requeue === undefined ? { actions } : { actions, requeueAfterMs: requeue };
}

/**
 * The ReplicaSets to look at when a pod changes, besides its controller: for an orphan, every
 * ReplicaSet in its namespace whose selector matches its labels (old or new), which may adopt it;
 * for a pod whose controller changed, the previous one.
 */
export function replicaSetsAffectedBy(change: ObjectChange, view: StoreView): ObjectId[] {
  if (change.object.kind !== "Pod") return [];
  const out: ObjectId[] = [];
  const namespace = namespaceOf(change.object);
  const before = change.old ? controllerOf(change.old) : undefined;
  const after = controllerOf(change.object);
  if (before?.kind === "ReplicaSet" && before.uid !== after?.uid) {
    out.push({ kind: "ReplicaSet", namespace, name: before.name });
  }
  if (after) return out;
  const labelSets = [change.object.metadata.labels ?? {}];
  if (change.old) labelSets.push(change.old.metadata.labels ?? {});
  for (const rs of view.list("ReplicaSet", { namespace })) {
    if (labelSets.some((l) => matchesSelector(rs.spec.selector, l))) out.push(idOf(rs));
  }
  return out;
}

export const replicaSetController: Controller<"ReplicaSet"> = {
  kind: "ReplicaSet",
  reconcile: reconcileReplicaSet,
  affected: replicaSetsAffectedBy,
};
