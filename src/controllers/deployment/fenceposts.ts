// maxSurge and maxUnavailable resolved against replicas (k8s deployment_util.go ResolveFenceposts,
// MaxSurge, MaxUnavailable; apimachinery intstr.GetScaledValueFromIntOrPercent): percentages of
// surge round up, of unavailability round down, and when both come out 0 one pod may be
// unavailable, so a rollout can always move.

import type { Deployment, IntOrString } from "../../manifest/types.js";
import { BerthError } from "../../util/errors.js";

/** MaxInt32: how legacy versions (and Kubernetes itself) spell "no limit" for these fields. */
export const MAX_INT32 = 2147483647;

export function scaledValue(v: IntOrString | undefined, total: number, roundUp: boolean): number {
  if (v === undefined) return 0;
  if (typeof v === "number") return v;
  const m = /^(-?\d+)%$/.exec(v);
  if (!m) {
    throw new BerthError("E_INVALID", `invalid value for IntOrString: "${v}" is not a number or percentage`, {
      hint: "use an integer or a percentage such as 25%",
    });
  }
  const pct = Number(m[1]);
  const exact = (pct * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

export function isRollingUpdate(d: Deployment): boolean {
  return (d.spec.strategy?.type ?? "RollingUpdate") === "RollingUpdate";
}

export function replicasOf(d: Deployment): number {
  return d.spec.replicas ?? 1;
}

export function resolveFenceposts(
  maxSurge: IntOrString | undefined,
  maxUnavailable: IntOrString | undefined,
  desired: number,
): { surge: number; unavailable: number } {
  const surge = scaledValue(maxSurge ?? 0, desired, true);
  let unavailable = scaledValue(maxUnavailable ?? 0, desired, false);
  // Validation forbids both 0, but rounding down can still get there; surge may be blocked by
  // quota, so Kubernetes lets one pod go instead.
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}

export function maxSurge(d: Deployment): number {
  if (!isRollingUpdate(d)) return 0;
  const ru = d.spec.strategy?.rollingUpdate;
  return resolveFenceposts(ru?.maxSurge, ru?.maxUnavailable, replicasOf(d)).surge;
}

export function maxUnavailable(d: Deployment): number {
  const replicas = replicasOf(d);
  if (!isRollingUpdate(d) || replicas === 0) return 0;
  const ru = d.spec.strategy?.rollingUpdate;
  const { unavailable } = resolveFenceposts(ru?.maxSurge, ru?.maxUnavailable, replicas);
  return Math.min(unavailable, replicas);
}

/** extensions/v1beta1 Deployments convert to MaxInt32 ("no deadline"): they never time out. */
export function hasProgressDeadline(d: Deployment): boolean {
  const s = d.spec.progressDeadlineSeconds;
  return s !== undefined && s !== MAX_INT32;
}

export function hasRevisionHistoryLimit(d: Deployment): boolean {
  const l = d.spec.revisionHistoryLimit;
  return l !== undefined && l !== MAX_INT32;
}
