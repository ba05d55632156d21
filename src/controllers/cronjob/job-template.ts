// The Job a CronJob starts for one scheduled time (k8s cronjob getJobFromTemplate2): named
// `<cronjob>-<scheduled unix time in minutes>` (the name is the lock that keeps a time from running
// twice), labels and annotations from jobTemplate plus batch.kubernetes.io/cronjob-scheduled-timestamp
// (RFC 3339 in spec.timeZone, UTC without one), and a controller reference to the CronJob.

import type { CronJob, Job } from "../../manifest/types.js";
import { controllerRef } from "../owner.js";
import { rfc3339InZone } from "./schedule.js";

export const SCHEDULED_TIMESTAMP = "batch.kubernetes.io/cronjob-scheduled-timestamp";

export function jobName(cj: CronJob, scheduled: number): string {
  return `${cj.metadata.name}-${Math.floor(scheduled / 60_000)}`;
}

export function jobFromTemplate(cj: CronJob, scheduled: number): Job {
  const t = cj.spec.jobTemplate;
  return {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: {
      name: jobName(cj, scheduled),
      namespace: cj.metadata.namespace ?? "default",
      labels: { ...t.metadata?.labels },
      annotations: {
        ...t.metadata?.annotations,
        [SCHEDULED_TIMESTAMP]: rfc3339InZone(scheduled, cj.spec.timeZone ?? "UTC"),
      },
      ownerReferences: [controllerRef(cj)],
    },
    spec: structuredClone(t.spec),
  };
}
