// `berth get jobs` rows as kubectl prints them (k8s pkg/printers/internalversion printJob):
// COMPLETIONS "<succeeded>/<completions>" ("<succeeded>/1 of <parallelism>" for a work queue with
// parallelism > 1), DURATION from startTime to completionTime (or now while running), AGE.

import type { Job } from "../../manifest/types.js";
import { humanAge, humanDuration } from "../../util/human-duration.js";
import { parseTime } from "../workload-util/pod-state.js";

export const JOB_COLUMNS = ["NAME", "COMPLETIONS", "DURATION", "AGE"] as const;

/**
 * The STATUS column newer kubectl versions print between NAME and COMPLETIONS: Complete, Failed,
 * Terminating, Suspended, FailureTarget or Running, from the Job's True conditions.
 */
export function jobStatusText(job: Job): string {
  const has = (type: string): boolean =>
    job.status?.conditions?.some((c) => c.type === type && c.status === "True") ?? false;
  if (has("Complete")) return "Complete";
  if (has("Failed")) return "Failed";
  if (job.metadata.deletionTimestamp !== undefined) return "Terminating";
  if (has("Suspended")) return "Suspended";
  if (has("FailureTarget")) return "FailureTarget";
  return "Running";
}

export function jobCompletions(job: Job): string {
  const succeeded = job.status?.succeeded ?? 0;
  if (job.spec.completions !== undefined) return `${succeeded}/${job.spec.completions}`;
  const parallelism = job.spec.parallelism ?? 0;
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

export function jobDuration(job: Job, now: number): string {
  const start = parseTime(job.status?.startTime);
  if (start === undefined) return "";
  const end = parseTime(job.status?.completionTime) ?? now;
  return humanDuration(end - start);
}

export function jobRow(job: Job, now: number): string[] {
  return [
    job.metadata.name,
    jobCompletions(job),
    jobDuration(job, now),
    humanAge(job.metadata.creationTimestamp, now),
  ];
}
