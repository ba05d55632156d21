// successfulJobsHistoryLimit / failedJobsHistoryLimit (k8s cronjob cleanupFinishedJobs): finished
// Jobs beyond the limits are deleted oldest first, by start time (Jobs without one last, then by
// name); their pods follow by garbage collection.

import type { Job } from "../../manifest/types.js";
import { finishedCondition } from "../job/conditions.js";

function byStartTime(a: Job, b: Job): number {
  const sa = a.status?.startTime;
  const sb = b.status?.startTime;
  if (sa === undefined && sb !== undefined) return 1;
  if (sa !== undefined && sb === undefined) return -1;
  if (sa === sb || sa === undefined || sb === undefined) return a.metadata.name < b.metadata.name ? -1 : 1;
  return Date.parse(sa) - Date.parse(sb);
}

function oldestBeyond(jobs: Job[], limit: number | undefined): Job[] {
  if (limit === undefined || jobs.length <= limit) return [];
  return [...jobs].sort(byStartTime).slice(0, jobs.length - limit);
}

export function jobsBeyondHistory(
  jobs: readonly Job[],
  successfulLimit?: number,
  failedLimit?: number,
): Job[] {
  const succeeded: Job[] = [];
  const failed: Job[] = [];
  for (const j of jobs) {
    const c = finishedCondition(j);
    if (c?.type === "Complete") succeeded.push(j);
    else if (c?.type === "Failed") failed.push(j);
  }
  return [...oldestBeyond(succeeded, successfulLimit), ...oldestBeyond(failed, failedLimit)];
}
