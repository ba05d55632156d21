// Which scheduled time to run now (k8s cronjob/utils.go mostRecentScheduleTime, the v2 controller):
// only the most recent unmet time since the last run (or since creation), never the older ones;
// with startingDeadlineSeconds, only times inside that window count. The number of missed times is
// estimated from the interval between two occurrences; more than 100 is worth a warning.

import type { CronJob } from "../../manifest/types.js";
import { parseTime } from "../workload-util/pod-state.js";
import type { Schedule } from "./schedule.js";

export type Missed = "none" | "few" | "many";

export interface MostRecent {
  earliest: number;
  mostRecent?: number;
  missed: Missed;
  missedCount: number;
}

export function mostRecentScheduleTime(
  cj: CronJob,
  now: number,
  schedule: Schedule,
  includeStartingDeadline: boolean,
): MostRecent {
  let earliest = parseTime(cj.status?.lastScheduleTime) ?? parseTime(cj.metadata.creationTimestamp) ?? now;
  const deadline = cj.spec.startingDeadlineSeconds;
  if (includeStartingDeadline && deadline !== undefined) {
    earliest = Math.max(earliest, now - deadline * 1000);
  }
  const t1 = schedule.next(earliest);
  const t2 = schedule.next(t1);
  if (now < t1) return { earliest, missed: "none", missedCount: 0 };
  if (now < t2) return { earliest, mostRecent: t1, missed: "none", missedCount: 1 };
  const between = Math.round((t2 - t1) / 1000);
  if (between < 1) throw new Error("time difference between two schedules is less than 1 second");
  const elapsed = Math.trunc((now - t1) / 1000);
  const missedCount = Math.trunc(elapsed / between) + 1;
  // Kubernetes starts one interval before the estimated last occurrence; berth starts two, because
  // the estimate comes from the first interval alone, and one that spans a DST change (23 h for a
  // daily job) overestimates the count enough to start past the most recent occurrence.
  let t = schedule.next(Math.max(earliest, t1 + (missedCount - 3) * between * 1000));
  let mostRecent: number | undefined;
  for (; t <= now; t = schedule.next(t)) mostRecent = t;
  const missed: Missed = missedCount > 100 ? "many" : missedCount > 1 ? "few" : "none";
  return mostRecent === undefined
    ? { earliest, missed, missedCount }
    : { earliest, mostRecent, missed, missedCount };
}

/** When to look again: the occurrence after the most recent one (nextScheduleTimeDuration). */
export function nextRunAt(cj: CronJob, now: number, schedule: Schedule): number {
  const r = mostRecentScheduleTime(cj, now, schedule, false);
  return schedule.next(r.mostRecent ?? r.earliest);
}
