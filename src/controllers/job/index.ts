// The Job controller: runs pods to `completions` successes with at most `parallelism` at a time,
// replaces failed pods after a backoff, fails the Job past backoffLimit or activeDeadlineSeconds,
// honours suspend, and deletes a finished Job after ttlSecondsAfterFinished. Finished pods stay
// (for their logs) until the Job goes; the garbage collector then removes them.

import { idOf } from "../../manifest/identity.js";
import type { Condition, Job, JobStatus, Pod } from "../../manifest/types.js";
import { isoTime } from "../../util/clock.js";
import { isControlledBy } from "../owner.js";
import type { Action, Controller, ControllerContext, ReconcileResult } from "../types.js";
import { eventAbout } from "../workload-util/events.js";
import {
  isPodActive,
  isPodFinished,
  isPodReady,
  isTerminating,
  parseTime,
} from "../workload-util/pod-state.js";
import {
  ensureCondition,
  finishedCondition,
  MESSAGE_BACKOFF_LIMIT,
  MESSAGE_COMPLETIONS_REACHED,
  MESSAGE_DEADLINE,
  newCondition,
  REASON_BACKOFF_LIMIT,
  REASON_COMPLETIONS_REACHED,
  REASON_DEADLINE,
} from "./conditions.js";
import { formatIndexes, parseIndexes } from "./indexes.js";
import { planIndexed, planNonIndexed } from "./manage.js";
import { completionIndexOf, newJobPod, untracked } from "./pod.js";
import {
  backoffRecord,
  DEFAULT_BACKOFF_MS,
  MAX_BACKOFF_MS,
  newlyFinished,
  pastBackoffLimitOnFailure,
  remainingBackoff,
} from "./tracking.js";
import { ttlAction } from "./ttl.js";

/** JobStatus plus the fields of the current API berth writes that the shared type lacks. */
export type JobStatusWithIndexes = JobStatus & { completedIndexes?: string; terminating?: number };

function podsOf(job: Job, ctx: ControllerContext): Pod[] {
  return ctx.view
    .list("Pod", { namespace: job.metadata.namespace ?? "default" })
    .filter((p) => isControlledBy(p, job));
}

function withoutZero(status: JobStatusWithIndexes): JobStatusWithIndexes {
  // active, succeeded and failed are omitempty in the Kubernetes API; ready is always written.
  const out = { ...status };
  if (out.active === 0) delete out.active;
  if (out.succeeded === 0) delete out.succeeded;
  if (out.failed === 0) delete out.failed;
  return out;
}

export function reconcileJob(job: Job, ctx: ControllerContext): ReconcileResult {
  if (finishedCondition(job)) return ttlAction(job, ctx.now);
  const now = ctx.now;
  const nowIso = isoTime(now);
  const namespace = job.metadata.namespace ?? "default";
  const indexed = job.spec.completionMode === "Indexed";
  const completions = job.spec.completions;
  const pods = podsOf(job, ctx);
  const prev = (job.status ?? {}) as JobStatusWithIndexes;
  const actions: Action[] = [];
  const podId = (p: Pod) => ({ kind: "Pod" as const, namespace, name: p.metadata.name });

  // Count what finished since the last step, exactly once.
  const fresh = newlyFinished(pods);
  for (const p of [...fresh.succeeded, ...fresh.failed])
    actions.push({ type: "update", object: untracked(p) });
  let succeeded = (prev.succeeded ?? 0) + fresh.succeeded.length;
  let failed = (prev.failed ?? 0) + fresh.failed.length;
  const completed = parseIndexes(prev.completedIndexes);
  if (indexed) {
    for (const p of fresh.succeeded) {
      const i = completionIndexOf(p);
      if (i !== undefined && i < (completions ?? 1)) completed.add(i);
    }
    succeeded = completed.size;
  }

  const active = pods.filter(isPodActive);
  const suspended = job.spec.suspend === true;
  let startTime = prev.startTime;
  if (startTime === undefined && !suspended) startTime = nowIso;
  let conditions: Condition[] = prev.conditions ?? [];
  const suspendedCond = suspended
    ? ensureCondition(conditions, "Suspended", "True", "JobSuspended", "Job suspended", nowIso)
    : ensureCondition(conditions, "Suspended", "False", "JobResumed", "Job resumed", nowIso);
  conditions = suspendedCond.conditions;
  if (suspendedCond.changed) {
    actions.push(
      eventAbout(
        job,
        "Normal",
        suspended ? "Suspended" : "Resumed",
        suspended ? "Job suspended" : "Job resumed",
      ),
    );
    // activeDeadlineSeconds counts continuous activity: a resumed Job starts its clock anew.
    if (!suspended) startTime = nowIso;
  }

  const deadlineMs =
    job.spec.activeDeadlineSeconds === undefined ? undefined : job.spec.activeDeadlineSeconds * 1000;
  const startedAt = parseTime(startTime);
  const pastDeadline =
    !suspended && deadlineMs !== undefined && startedAt !== undefined && now - startedAt >= deadlineMs;
  let failure: Condition | undefined;
  // activeDeadlineSeconds takes precedence over backoffLimit (the Job documentation).
  if (pastDeadline) failure = newCondition("Failed", "True", REASON_DEADLINE, MESSAGE_DEADLINE, nowIso);
  else if (failed > (job.spec.backoffLimit ?? 6) || pastBackoffLimitOnFailure(job, active))
    failure = newCondition("Failed", "True", REASON_BACKOFF_LIMIT, MESSAGE_BACKOFF_LIMIT, nowIso);

  let activeCount = active.length;
  let readyCount = active.filter(isPodReady).length;
  let completionTime: string | undefined;
  let requeueAfterMs: number | undefined;
  if (failure) {
    // Active pods are killed and count as failed.
    for (const p of active) {
      actions.push({ type: "update", object: untracked(p) });
      actions.push({ type: "delete", id: podId(p), reason: `Job ${job.metadata.name} failed` });
    }
    failed += active.length;
    activeCount = 0;
    readyCount = 0;
    // Kubernetes ≥ 1.31 records the interim FailureTarget before Failed, with the same reason.
    conditions = [...conditions, { ...failure, type: "FailureTarget" }, failure];
    actions.push(eventAbout(job, "Warning", failure.reason ?? "", failure.message ?? ""));
  } else {
    if (deadlineMs !== undefined && startedAt !== undefined && !suspended) {
      requeueAfterMs = Math.max(0, startedAt + deadlineMs - now);
    }
    const baseMs = ctx.config?.jobBackoffBaseMs ?? DEFAULT_BACKOFF_MS;
    const maxMs = ctx.config?.jobBackoffMaxMs ?? MAX_BACKOFF_MS;
    const wait = suspended ? 0 : remainingBackoffFor(pods, now, baseMs, maxMs);
    const plan = suspended
      ? { create: [], remove: active }
      : indexed
        ? planIndexed(job, active, completed, wait === 0)
        : planNonIndexed(job, active, succeeded, wait === 0);
    const wantsMore = !suspended && plan.create.length === 0 && wait > 0;
    if (wantsMore && needsPods(job, active.length, succeeded, completed.size)) {
      requeueAfterMs = Math.min(requeueAfterMs ?? wait, wait);
    }
    for (const p of plan.remove) {
      actions.push({
        type: "update",
        object: untracked(p, suspended ? "suspended" : "too many active pods"),
      });
      actions.push({ type: "delete", id: podId(p), reason: `Job ${job.metadata.name}` });
      actions.push(eventAbout(job, "Normal", "SuccessfulDelete", `Deleted pod: ${p.metadata.name}`));
      if (isPodReady(p)) readyCount--;
    }
    for (const index of plan.create) {
      const pod = newJobPod(job, ctx.randomSuffix(), index);
      actions.push({ type: "create", object: pod });
      actions.push(eventAbout(job, "Normal", "SuccessfulCreate", `Created pod: ${pod.metadata.name}`));
    }
    activeCount += plan.create.length - plan.remove.length;
    const done =
      !suspended &&
      activeCount === 0 &&
      (completions === undefined ? succeeded > 0 : succeeded >= completions);
    if (done) {
      // Kubernetes ≥ 1.31 records SuccessCriteriaMet before Complete, with the same reason.
      const met = (type: string) =>
        newCondition(type, "True", REASON_COMPLETIONS_REACHED, MESSAGE_COMPLETIONS_REACHED, nowIso);
      conditions = [...conditions, met("SuccessCriteriaMet"), met("Complete")];
      completionTime = nowIso;
      actions.push(eventAbout(job, "Normal", "Completed", "Job completed"));
      requeueAfterMs = undefined;
    }
  }

  const status: JobStatusWithIndexes = withoutZero({
    ...(conditions.length > 0 ? { conditions } : {}),
    ...(startTime !== undefined ? { startTime } : {}),
    ...(completionTime !== undefined ? { completionTime } : {}),
    active: activeCount,
    succeeded,
    failed,
    ready: readyCount,
    terminating: pods.filter((p) => isTerminating(p) && !isPodFinished(p)).length,
    ...(indexed ? { completedIndexes: formatIndexes(completed) } : {}),
  });
  if (JSON.stringify(job.status) !== JSON.stringify(status))
    actions.push({ type: "status", id: idOf(job), status });
  if (failure || completionTime !== undefined) {
    const ttl = ttlAction({ ...job, status }, now);
    actions.push(...ttl.actions);
    if (ttl.requeueAfterMs !== undefined) requeueAfterMs = ttl.requeueAfterMs;
  }
  const result: ReconcileResult = { actions };
  if (requeueAfterMs !== undefined) result.requeueAfterMs = requeueAfterMs;
  return result;
}

function remainingBackoffFor(pods: readonly Pod[], now: number, baseMs: number, maxMs: number): number {
  return remainingBackoff(backoffRecord(pods), now, baseMs, maxMs);
}

function needsPods(job: Job, active: number, succeeded: number, completedIndexes: number): boolean {
  const parallelism = job.spec.parallelism ?? 1;
  if (job.spec.completions === undefined) return succeeded === 0 && active < parallelism;
  const done = job.spec.completionMode === "Indexed" ? completedIndexes : succeeded;
  return active < Math.min(parallelism, job.spec.completions - done);
}

export const jobController: Controller<"Job"> = {
  kind: "Job",
  reconcile: reconcileJob,
};
