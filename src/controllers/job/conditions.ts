// Job conditions as the Job controller writes them and the CronJob controller and kubectl read
// them: Complete and Failed (terminal, with Kubernetes' reasons and messages) and Suspended.

import type { Condition, Job } from "../../manifest/types.js";

export const REASON_COMPLETIONS_REACHED = "CompletionsReached";
export const MESSAGE_COMPLETIONS_REACHED = "Reached expected number of succeeded pods";
export const REASON_BACKOFF_LIMIT = "BackoffLimitExceeded";
export const MESSAGE_BACKOFF_LIMIT = "Job has reached the specified backoff limit";
export const REASON_DEADLINE = "DeadlineExceeded";
export const MESSAGE_DEADLINE = "Job was active longer than specified deadline";

/** The Complete or Failed condition that is True, if the Job has finished. */
export function finishedCondition(job: Job): Condition | undefined {
  return job.status?.conditions?.find(
    (c) => (c.type === "Complete" || c.type === "Failed") && c.status === "True",
  );
}

export function isJobFinished(job: Job): boolean {
  return finishedCondition(job) !== undefined;
}

export function newCondition(
  type: string,
  status: "True" | "False",
  reason: string,
  message: string,
  now: string,
): Condition {
  return { type, status, reason, message, lastProbeTime: now, lastTransitionTime: now };
}

/**
 * ensureJobConditionStatus: sets a condition's status, keeping it (and its times) when unchanged;
 * a False condition is only recorded over an existing one. Returns the list and whether it changed.
 */
export function ensureCondition(
  conditions: readonly Condition[],
  type: string,
  status: "True" | "False",
  reason: string,
  message: string,
  now: string,
): { conditions: Condition[]; changed: boolean } {
  const i = conditions.findIndex((c) => c.type === type);
  const existing = conditions[i];
  if (existing === undefined) {
    if (status === "False") return { conditions: [...conditions], changed: false };
    return { conditions: [...conditions, newCondition(type, status, reason, message, now)], changed: true };
  }
  if (existing.status === status) return { conditions: [...conditions], changed: false };
  const out = [...conditions];
  out[i] = newCondition(type, status, reason, message, now);
  return { conditions: out, changed: true };
}
