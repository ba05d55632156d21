// `berth get cronjobs` rows as kubectl prints them (printCronJob): SUSPEND "True"/"False" ("<unset>"
// when absent), ACTIVE the number of active Jobs, LAST SCHEDULE "<none>" or how long ago, AGE.

import type { CronJob } from "../../manifest/types.js";
import { humanAge } from "../../util/human-duration.js";

export const CRONJOB_COLUMNS = ["NAME", "SCHEDULE", "SUSPEND", "ACTIVE", "LAST SCHEDULE", "AGE"] as const;

/** The TIMEZONE column newer kubectl versions print after SCHEDULE: spec.timeZone or "<none>". */
export function cronJobTimeZoneText(cj: CronJob): string {
  return cj.spec.timeZone ?? "<none>";
}

export function cronJobRow(cj: CronJob, now: number): string[] {
  const suspend = cj.spec.suspend === undefined ? "<unset>" : cj.spec.suspend ? "True" : "False";
  const last = cj.status?.lastScheduleTime;
  return [
    cj.metadata.name,
    cj.spec.schedule,
    suspend,
    String(cj.status?.active?.length ?? 0),
    last === undefined ? "<none>" : humanAge(last, now),
    humanAge(cj.metadata.creationTimestamp, now),
  ];
}
