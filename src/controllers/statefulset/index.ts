// The StatefulSet controller: pods with stable names, DNS identity and claims, created and removed
// in ordinal order (OrderedReady) or all at once (Parallel), updated from the highest ordinal down
// to the partition (RollingUpdate) or when deleted (OnDelete).

import { idOf } from "../../manifest/identity.js";
import type { Pod, StatefulSet } from "../../manifest/types.js";
import { isControlledBy } from "../owner.js";
import type { Action, Controller, ControllerContext, ReconcileResult } from "../types.js";
import { deletedSetClaims, scaledDownClaims } from "./claims.js";
import { msUntilNextAvailable, updateStep } from "./control.js";
import { ordinalOf } from "./identity.js";
import { revisionsOf } from "./revisions.js";
import { statefulSetStatus } from "./status.js";

export function podsByOrdinal(sts: StatefulSet, ctx: ControllerContext): Map<number, Pod> {
  const out = new Map<number, Pod>();
  for (const p of ctx.view.list("Pod", { namespace: sts.metadata.namespace ?? "default" })) {
    if (!isControlledBy(p, sts)) continue;
    const ord = ordinalOf(sts, p);
    if (ord !== undefined) out.set(ord, p);
  }
  return out;
}

export function reconcileStatefulSet(sts: StatefulSet, ctx: ControllerContext): ReconcileResult {
  const pods = podsByOrdinal(sts, ctx);
  const rev = revisionsOf(sts);
  const claims = ctx.claims ?? [];
  const actions: Action[] = updateStep({ sts, pods, rev, claims, now: ctx.now });
  actions.push(...scaledDownClaims(sts, claims, new Set(pods.keys())));
  const status = statefulSetStatus(sts, [...pods.values()], rev, ctx.now);
  if (JSON.stringify(sts.status) !== JSON.stringify(status)) {
    actions.push({ type: "status", id: idOf(sts), status });
  }
  const result: ReconcileResult = { actions };
  const wait = msUntilNextAvailable(sts, pods.values(), ctx.now);
  if (wait !== undefined) result.requeueAfterMs = wait;
  return result;
}

export const statefulSetController: Controller<"StatefulSet"> = {
  kind: "StatefulSet",
  reconcile: reconcileStatefulSet,
  finalize: (sts, ctx) => deletedSetClaims(sts, ctx.claims ?? []),
};
