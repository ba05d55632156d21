// batch/v1 defaults (k8s pkg/apis/batch/v1/defaults.go). A CronJob's jobTemplate gets the Job
// defaults too (Kubernetes applies them when the Job is created; berth applies them up front so
// a CronJob that spells them out equals one that does not).

import type { CronJob, Job, JobSpec } from "../types.js";
import { defaultPodTemplate } from "./template.js";

export function defaultJobSpec(spec: JobSpec): void {
  // Both unset: a single-pod job. Parallelism alone set: a work queue, completions stays unset.
  if (spec.completions === undefined && spec.parallelism === undefined) spec.completions = 1;
  spec.parallelism ??= 1;
  spec.backoffLimit ??= 6;
  spec.completionMode ??= "NonIndexed";
  spec.suspend ??= false;
  defaultPodTemplate(spec.template);
}

export function defaultJob(job: Job): void {
  defaultJobSpec(job.spec);
  // A Job without labels of its own takes its template's (SetDefaults_Job).
  const templateLabels = job.spec.template.metadata.labels;
  const labels = job.metadata.labels;
  if (
    templateLabels &&
    Object.keys(templateLabels).length > 0 &&
    (!labels || Object.keys(labels).length === 0)
  ) {
    job.metadata.labels = { ...templateLabels };
  }
}

export function defaultCronJob(cj: CronJob): void {
  const spec = cj.spec;
  spec.concurrencyPolicy ??= "Allow";
  spec.suspend ??= false;
  spec.successfulJobsHistoryLimit ??= 3;
  spec.failedJobsHistoryLimit ??= 1;
  defaultJobSpec(spec.jobTemplate.spec);
}
