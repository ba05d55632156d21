// The CronJob controller (k8s cronjob_controllerv2.go syncCronJob): tracks its Jobs in status.active,
// starts the most recent unmet scheduled time (Allow / Forbid / Replace), trims finished Jobs to the
// history limits, and asks to be woken exactly at the next scheduled time.

import { idOf } from "../../manifest/identity.js";
import type { CronJob, CronJobStatus, Job } from "../../manifest/types.js";
import { isoTime } from "../../util/clock.js";
import { finishedCondition } from "../job/conditions.js";
import { isControlledBy } from "../owner.js";
import type { Action, Controller, ControllerContext, ReconcileResult } from "../types.js";
import { eventAbout } from "../workload-util/events.js";
import { parseTime } from "../workload-util/pod-state.js";
import { jobsBeyondHistory } from "./history.js";
import { jobFromTemplate, jobName } from "./job-template.js";
import { mostRecentScheduleTime, nextRunAt } from "./missed.js";
import { isValidTimeZone, localTimeZone, parseSchedule, type Schedule } from "./schedule.js";

type ActiveRef = NonNullable<CronJobStatus["active"]>[number];

const refers = (ref: ActiveRef, job: Job): boolean =>
  ref.uid !== undefined ? ref.uid === job.metadata.uid : ref.name === job.metadata.name;

export function reconcileCronJob(cj: CronJob, ctx: ControllerContext): ReconcileResult {
  const now = ctx.now;
  const namespace = cj.metadata.namespace ?? "default";
  const jobs = ctx.view.list("Job", { namespace }).filter((j) => isControlledBy(j, cj));
  const actions: Action[] = [];
  let active: ActiveRef[] = [...(cj.status?.active ?? [])];
  let lastScheduleTime = cj.status?.lastScheduleTime;
  let lastSuccessfulTime = cj.status?.lastSuccessfulTime;

  for (const j of jobs) {
    const i = active.findIndex((r) => refers(r, j));
    const finished = finishedCondition(j);
    if (i < 0 && !finished) {
      actions.push(
        eventAbout(
          cj,
          "Warning",
          "UnexpectedJob",
          `Saw a job that the controller did not create or forgot: ${j.metadata.name}`,
        ),
      );
    } else if (i >= 0 && finished) {
      active = active.filter((_, k) => k !== i);
      actions.push(
        eventAbout(
          cj,
          "Normal",
          "SawCompletedJob",
          `Saw completed job: ${j.metadata.name}, condition: ${finished.type}`,
        ),
      );
    } else if (i >= 0 && active[i]?.uid === undefined) {
      const uid = j.metadata.uid;
      if (uid !== undefined) active = active.map((r, k) => (k === i ? { ...r, uid } : r));
    }

    const completedAt = finished?.type === "Complete" ? j.status?.completionTime : undefined;
    if (
      completedAt !== undefined &&
      (parseTime(lastSuccessfulTime) ?? -Infinity) < (parseTime(completedAt) ?? 0)
    ) {
      lastSuccessfulTime = completedAt;
    }
  }
  for (const ref of active) {
    if (jobs.some((j) => refers(ref, j))) continue;
    actions.push(eventAbout(cj, "Normal", "MissingJob", `Active job went missing: ${ref.name}`));
  }
  active = active.filter((ref) => jobs.some((j) => refers(ref, j)));

  const deleteJob = (j: Job): void => {
    actions.push({ type: "delete", id: idOf(j), reason: `CronJob ${cj.metadata.name}` });
    actions.push(eventAbout(cj, "Normal", "SuccessfulDelete", `Deleted job ${j.metadata.name}`));
    active = active.filter((r) => !refers(r, j));
  };

  /** Starts the due run, if any; returns when to look again. */
  const scheduleStep = (): number | undefined => {
    const zone = cj.spec.timeZone ?? ctx.config?.defaultTimeZone ?? localTimeZone();
    if (!isValidTimeZone(zone)) {
      actions.push(
        eventAbout(
          cj,
          "Warning",
          "UnknownTimeZone",
          `invalid timeZone: "${zone}": unknown time zone ${zone}`,
        ),
      );
      return undefined;
    }
    if (cj.spec.suspend === true) return undefined;
    let schedule: Schedule;
    try {
      schedule = parseSchedule(cj.spec.schedule, zone);
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      actions.push(
        eventAbout(
          cj,
          "Warning",
          "UnparseableSchedule",
          `unparseable schedule: "${cj.spec.schedule}" : ${why}`,
        ),
      );
      return undefined;
    }
    const current = (): CronJob => ({
      ...cj,
      status: { ...cj.status, ...(lastScheduleTime ? { lastScheduleTime } : {}) },
    });
    let found;
    try {
      found = mostRecentScheduleTime(cj, now, schedule, true);
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      actions.push(
        eventAbout(cj, "Warning", "InvalidSchedule", `invalid schedule: ${cj.spec.schedule} : ${why}`),
      );
      return undefined;
    }
    const scheduled = found.mostRecent;
    if (scheduled === undefined) return nextRunAt(current(), now, schedule);
    if (found.missed === "many") {
      actions.push(
        eventAbout(
          cj,
          "Warning",
          "TooManyMissedTimes",
          "too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew",
        ),
      );
    }
    const name = jobName(cj, scheduled);
    const deadline = cj.spec.startingDeadlineSeconds;
    if (deadline !== undefined && scheduled + deadline * 1000 < now) {
      actions.push(
        eventAbout(
          cj,
          "Warning",
          "MissSchedule",
          `Missed scheduled time to start a job: ${new Date(scheduled).toUTCString()}`,
        ),
      );
      return nextRunAt(current(), now, schedule);
    }
    if (active.some((r) => r.name === name) || parseTime(lastScheduleTime) === scheduled) {
      return nextRunAt(current(), now, schedule);
    }
    if (cj.spec.concurrencyPolicy === "Forbid" && active.length > 0) {
      actions.push(
        eventAbout(
          cj,
          "Normal",
          "JobAlreadyActive",
          "Not starting job because prior execution is running and concurrency policy is Forbid",
        ),
      );
      return nextRunAt(current(), now, schedule);
    }
    if (cj.spec.concurrencyPolicy === "Replace") {
      for (const ref of [...active]) {
        const j = jobs.find((x) => refers(ref, x));
        if (j) deleteJob(j);
      }
    }
    const existing = jobs.find((j) => j.metadata.name === name);
    if (existing === undefined) {
      actions.push({ type: "create", object: jobFromTemplate(cj, scheduled) });
      actions.push(eventAbout(cj, "Normal", "SuccessfulCreate", `Created job ${name}`));
      active.push({ kind: "Job", namespace, name });
    } else if (!finishedCondition(existing) && !active.some((r) => refers(r, existing))) {
      active.push({
        kind: "Job",
        namespace,
        name,
        ...(existing.metadata.uid ? { uid: existing.metadata.uid } : {}),
      });
    }
    lastScheduleTime = isoTime(scheduled);
    return nextRunAt(current(), now, schedule);
  };

  const requeueAt = scheduleStep();
  const deleting = new Set(actions.flatMap((a) => (a.type === "delete" ? [a.id.name] : [])));
  for (const j of jobsBeyondHistory(
    jobs.filter((j) => !deleting.has(j.metadata.name)),
    cj.spec.successfulJobsHistoryLimit,
    cj.spec.failedJobsHistoryLimit,
  )) {
    deleteJob(j);
  }

  const status: CronJobStatus = {
    ...(active.length > 0 ? { active } : {}),
    ...(lastScheduleTime !== undefined ? { lastScheduleTime } : {}),
    ...(lastSuccessfulTime !== undefined ? { lastSuccessfulTime } : {}),
  };
  if (JSON.stringify(cj.status ?? {}) !== JSON.stringify(status))
    actions.push({ type: "status", id: idOf(cj), status });
  return requeueAt === undefined ? { actions } : { actions, requeueAfterMs: Math.max(0, requeueAt - now) };
}

export const cronJobController: Controller<"CronJob"> = {
  kind: "CronJob",
  reconcile: reconcileCronJob,
};
