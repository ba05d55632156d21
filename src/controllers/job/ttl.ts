// ttlSecondsAfterFinished (k8s ttlafterfinished controller): a finished Job is deleted that many
// seconds after its Complete or Failed condition; its pods follow by garbage collection. Unset
// means never; 0 means at once.

import { idOf } from "../../manifest/identity.js";
import type { Job } from "../../manifest/types.js";
import type { ReconcileResult } from "../types.js";
import { parseTime } from "../workload-util/pod-state.js";
import { finishedCondition } from "./conditions.js";

/** When a finished Job expires (ms), or undefined when it never does. */
export function jobExpiresAt(job: Job): number | undefined {
  const ttl = job.spec.ttlSecondsAfterFinished;
  if (ttl === undefined) return undefined;
  const finished = finishedCondition(job);
  const at = parseTime(finished?.lastTransitionTime ?? job.status?.completionTime);
  return at === undefined ? undefined : at + ttl * 1000;
}

export function ttlAction(job: Job, now: number): ReconcileResult {
  const expires = jobExpiresAt(job);
  if (expires === undefined) return { actions: [] };
  if (now < expires) return { actions: [], requeueAfterMs: expires - now };
  return {
    actions: [
      {
        type: "delete",
        id: idOf(job),
        reason: `ttlSecondsAfterFinished (${job.spec.ttlSecondsAfterFinished ?? 0}s) expired`,
      },
    ],
  };
}
