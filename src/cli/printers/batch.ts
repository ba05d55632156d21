// `berth get jobs|cronjobs`, as kubectl 1.30's printJob (with its STATUS column) and printCronJob
// (without TIMEZONE, as issue #5 specifies the columns).
// TODO(ctrl-batch): the Job/CronJob controllers (branch ctrl-batch) bring their own row helpers;
// once on main, share the status and duration logic instead of keeping a second copy here.

import type { Condition, CronJob, Job } from "../../manifest/types.js";
import { humanDuration } from "../../runtime/lifecycle/duration.js";
import type { ViewContext } from "./context.js";
import { age, containerCells, printBool, selectorString } from "./format.js";
import type { Column } from "./table.js";

/** kubectl's hasJobCondition: the first condition of that type decides. */
function hasCondition(conditions: readonly Condition[] | undefined, type: string): boolean {
  const c = (conditions ?? []).find((x) => x.type === type);
  return c?.status === "True";
}

/** STATUS: Complete, Failed, Terminating, Suspended, FailureTarget or Running. */
export function jobStatus(job: Job): string {
  const conditions = job.status?.conditions;
  if (hasCondition(conditions, "Complete")) return "Complete";
  if (hasCondition(conditions, "Failed")) return "Failed";
  if (job.metadata.deletionTimestamp !== undefined) return "Terminating";
  if (hasCondition(conditions, "Suspended")) return "Suspended";
  if (hasCondition(conditions, "FailureTarget")) return "FailureTarget";
  return "Running";
}

/** COMPLETIONS: "1/3"; a work queue (no completions) "0/1", or "0/1 of 4" when parallel. */
export function jobCompletions(job: Job): string {
  const succeeded = job.status?.succeeded ?? 0;
  if (job.spec.completions !== undefined) return `${succeeded}/${job.spec.completions}`;
  const parallelism = job.spec.parallelism ?? 0;
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

/** DURATION: start to completion, or to now while running; empty before the job started. */
export function jobDuration(job: Job, now: number): string {
  const start = job.status?.startTime === undefined ? Number.NaN : Date.parse(job.status.startTime);
  if (Number.isNaN(start)) return "";
  const end = job.status?.completionTime === undefined ? Number.NaN : Date.parse(job.status.completionTime);
  return humanDuration((Number.isNaN(end) ? now : end) - start);
}

export const JOB_COLUMNS: readonly Column<Job, ViewContext>[] = [
  { header: "NAME", name: true, cell: (j) => j.metadata.name },
  { header: "STATUS", cell: (j) => jobStatus(j) },
  { header: "COMPLETIONS", cell: (j) => jobCompletions(j) },
  { header: "DURATION", cell: (j, ctx) => jobDuration(j, ctx.now) },
  { header: "AGE", cell: (j, ctx) => age(j.metadata.creationTimestamp, ctx.now) },
  { header: "CONTAINERS", wide: true, cell: (j) => containerCells(j.spec.template.spec.containers).names },
  { header: "IMAGES", wide: true, cell: (j) => containerCells(j.spec.template.spec.containers).images },
  { header: "SELECTOR", wide: true, cell: (j) => selectorString(j.spec.selector) },
];

export const CRONJOB_COLUMNS: readonly Column<CronJob, ViewContext>[] = [
  { header: "NAME", name: true, cell: (c) => c.metadata.name },
  { header: "SCHEDULE", cell: (c) => c.spec.schedule },
  { header: "SUSPEND", cell: (c) => printBool(c.spec.suspend) },
  { header: "ACTIVE", cell: (c) => String(c.status?.active?.length ?? 0) },
  {
    header: "LAST SCHEDULE",
    cell: (c, ctx) => (c.status?.lastScheduleTime ? age(c.status.lastScheduleTime, ctx.now) : "<none>"),
  },
  { header: "AGE", cell: (c, ctx) => age(c.metadata.creationTimestamp, ctx.now) },
  {
    header: "CONTAINERS",
    wide: true,
    cell: (c) => containerCells(c.spec.jobTemplate.spec.template.spec.containers).names,
  },
  {
    header: "IMAGES",
    wide: true,
    cell: (c) => containerCells(c.spec.jobTemplate.spec.template.spec.containers).images,
  },
  { header: "SELECTOR", wide: true, cell: (c) => selectorString(c.spec.jobTemplate.spec.selector) },
];
