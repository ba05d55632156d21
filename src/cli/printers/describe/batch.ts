// kubectl describe job | cronjob.

import type { CronJob, Job, JobSpec } from "../../../manifest/types.js";
import { humanDuration } from "../../../runtime/lifecycle/duration.js";
import { rfc1123z, selectorString } from "../format.js";
import type { DescribeContext } from "./context.js";
import { writePodTemplate } from "./containers.js";
import { controlledBy, writeAnnotations, writeEvents, writeLabels, writeObjectHeader } from "./meta.js";
import { DescribeWriter, LEVEL_0 } from "./writer.js";

export function describeJob(job: Job, ctx: DescribeContext): string {
  const w = new DescribeWriter();
  const spec = job.spec;
  const s = job.status ?? {};
  w.write(LEVEL_0, `Name:\t${job.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${job.metadata.namespace ?? "default"}\n`);
  w.write(LEVEL_0, `Selector:\t${selectorString(spec.selector)}\n`);
  writeLabels(w, "Labels", job.metadata.labels);
  writeAnnotations(w, "Annotations", job.metadata.annotations);
  const controller = controlledBy(job.metadata);
  if (controller) w.write(LEVEL_0, `Controlled By:\t${controller}\n`);
  if (spec.parallelism !== undefined) w.write(LEVEL_0, `Parallelism:\t${spec.parallelism}\n`);
  w.write(LEVEL_0, `Completions:\t${spec.completions ?? "<unset>"}\n`);
  if (spec.completionMode !== undefined) w.write(LEVEL_0, `Completion Mode:\t${spec.completionMode}\n`);
  if (spec.suspend !== undefined) w.write(LEVEL_0, `Suspend:\t${spec.suspend}\n`);
  if (spec.backoffLimit !== undefined) w.write(LEVEL_0, `Backoff Limit:\t${spec.backoffLimit}\n`);
  if (spec.ttlSecondsAfterFinished !== undefined) {
    w.write(LEVEL_0, `TTL Seconds After Finished:\t${spec.ttlSecondsAfterFinished}\n`);
  }
  if (s.startTime) w.write(LEVEL_0, `Start Time:\t${rfc1123z(s.startTime)}\n`);
  if (s.completionTime) w.write(LEVEL_0, `Completed At:\t${rfc1123z(s.completionTime)}\n`);
  if (s.startTime && s.completionTime) {
    w.write(LEVEL_0, `Duration:\t${humanDuration(Date.parse(s.completionTime) - Date.parse(s.startTime))}\n`);
  }
  if (spec.activeDeadlineSeconds !== undefined) {
    w.write(LEVEL_0, `Active Deadline Seconds:\t${spec.activeDeadlineSeconds}s\n`);
  }
  const ready = s.ready === undefined ? "" : ` (${s.ready} Ready)`;
  w.write(
    LEVEL_0,
    `Pods Statuses:\t${s.active ?? 0} Active${ready} / ${s.succeeded ?? 0} Succeeded / ${s.failed ?? 0} Failed\n`,
  );
  writePodTemplate(w, spec.template);
  writeEvents(w, ctx.events, ctx.now);
  return w.toString();
}

function writeJobTemplate(w: DescribeWriter, spec: JobSpec): void {
  w.write(LEVEL_0, `Selector:\t${spec.selector ? selectorString(spec.selector) : "<unset>"}\n`);
  w.write(LEVEL_0, `Parallelism:\t${spec.parallelism ?? "<unset>"}\n`);
  w.write(LEVEL_0, `Completions:\t${spec.completions ?? "<unset>"}\n`);
  if (spec.activeDeadlineSeconds !== undefined) {
    w.write(LEVEL_0, `Active Deadline Seconds:\t${spec.activeDeadlineSeconds}s\n`);
  }
  writePodTemplate(w, spec.template);
}

export function describeCronJob(cj: CronJob, ctx: DescribeContext): string {
  const w = new DescribeWriter();
  const spec = cj.spec;
  writeObjectHeader(w, cj.metadata);
  w.write(LEVEL_0, `Schedule:\t${spec.schedule}\n`);
  // Not in kubectl's describe; berth shows it here since its table leaves TIMEZONE out (issue #5).
  w.write(LEVEL_0, `Time Zone:\t${spec.timeZone ?? "<unset>"}\n`);
  w.write(LEVEL_0, `Concurrency Policy:\t${spec.concurrencyPolicy ?? "Allow"}\n`);
  w.write(LEVEL_0, `Suspend:\t${spec.suspend === true ? "True" : "False"}\n`);
  w.write(LEVEL_0, `Successful Job History Limit:\t${spec.successfulJobsHistoryLimit ?? "<unset>"}\n`);
  w.write(LEVEL_0, `Failed Job History Limit:\t${spec.failedJobsHistoryLimit ?? "<unset>"}\n`);
  const deadline = spec.startingDeadlineSeconds;
  w.write(LEVEL_0, `Starting Deadline Seconds:\t${deadline === undefined ? "<unset>" : `${deadline}s`}\n`);
  writeJobTemplate(w, spec.jobTemplate.spec);
  const last = cj.status?.lastScheduleTime;
  w.write(LEVEL_0, `Last Schedule Time:\t${last ? rfc1123z(last) : "<unset>"}\n`);
  const active = (cj.status?.active ?? []).map((j) => j.name).join(", ");
  w.write(LEVEL_0, `Active Jobs:\t${active || "<none>"}\n`);
  writeEvents(w, ctx.events, ctx.now);
  return w.toString();
}
