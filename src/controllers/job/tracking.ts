// Counting finished pods into the Job's status exactly once (k8s trackJobStatusAndRemoveFinalizers):
// a pod still carrying the tracking marker that succeeded, failed, or is being deleted without
// having succeeded is added to the counters and loses its marker. And the pod-failure backoff
// (k8s backoff_utils.go): 10 s after the first failure since the last success, doubling per
// further failure, capped; measured from the last failure's finish time.

import type { Job, Pod } from "../../manifest/types.js";
import { isTerminating, parseTime } from "../workload-util/pod-state.js";
import { completionIndexOf, isTracked, wasRemovedByJob } from "./pod.js";

export const DEFAULT_BACKOFF_MS = 10_000;
/** Kubernetes' current MaxJobPodFailureBackOff (older docs said six minutes). */
export const MAX_BACKOFF_MS = 10 * 60_000;

export interface NewlyFinished {
  succeeded: Pod[];
  failed: Pod[];
}

export function isPodSucceeded(pod: Pod): boolean {
  return pod.status?.phase === "Succeeded";
}

/** Failed, or deleted before it could succeed (an orphan never reaches Failed). */
export function isPodFailed(pod: Pod): boolean {
  return pod.status?.phase === "Failed" || (isTerminating(pod) && !isPodSucceeded(pod));
}

export function newlyFinished(pods: readonly Pod[]): NewlyFinished {
  const out: NewlyFinished = { succeeded: [], failed: [] };
  for (const p of pods) {
    if (!isTracked(p)) continue;
    if (isPodSucceeded(p)) out.succeeded.push(p);
    else if (isPodFailed(p)) out.failed.push(p);
  }
  return out;
}

/** getFinishedTime: the last container finish, else Ready turning False, else deletion, else creation. */
export function finishedTime(pod: Pod): number {
  let last: number | undefined;
  for (const c of [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])]) {
    const t = parseTime(c.state.terminated?.finishedAt);
    if (t !== undefined && (last === undefined || t > last)) last = t;
  }
  if (last !== undefined) return last;
  const ready = pod.status?.conditions?.find((c) => c.type === "Ready" && c.status === "False");
  return (
    parseTime(ready?.lastTransitionTime) ??
    parseTime(pod.metadata.deletionTimestamp) ??
    parseTime(pod.metadata.creationTimestamp) ??
    0
  );
}

export interface BackoffRecord {
  failuresAfterLastSuccess: number;
  lastFailureTime?: number;
}

/** From every finished pod the Job still has (berth keeps them until the Job is deleted). */
export function backoffRecord(pods: readonly Pod[]): BackoffRecord {
  let lastSuccess = -Infinity;
  for (const p of pods) if (isPodSucceeded(p)) lastSuccess = Math.max(lastSuccess, finishedTime(p));
  const record: BackoffRecord = { failuresAfterLastSuccess: 0 };
  for (const p of pods) {
    if (!isPodFailed(p) || wasRemovedByJob(p)) continue;
    const t = finishedTime(p);
    if (t <= lastSuccess) continue;
    record.failuresAfterLastSuccess++;
    record.lastFailureTime = Math.max(record.lastFailureTime ?? t, t);
  }
  return record;
}

/** The delay owed after `failures` consecutive failures: base·2^(failures−1), at most max. */
export function backoffDelay(failures: number, baseMs: number, maxMs: number): number {
  if (failures <= 0) return 0;
  let d = baseMs;
  for (let i = 1; i < failures; i++) {
    d *= 2;
    if (d >= maxMs) return maxMs;
  }
  return Math.min(d, maxMs);
}

/** How long to wait before creating replacement pods; 0 when they may be created now. */
export function remainingBackoff(record: BackoffRecord, now: number, baseMs: number, maxMs: number): number {
  if (record.failuresAfterLastSuccess === 0 || record.lastFailureTime === undefined) return 0;
  const delay = backoffDelay(record.failuresAfterLastSuccess, baseMs, maxMs);
  const elapsed = now - record.lastFailureTime;
  return elapsed >= delay ? 0 : delay - elapsed;
}

/** restartPolicy OnFailure: container restarts of active pods count against backoffLimit. */
export function pastBackoffLimitOnFailure(job: Job, pods: readonly Pod[]): boolean {
  if (job.spec.template.spec.restartPolicy !== "OnFailure") return false;
  let restarts = 0;
  for (const p of pods) {
    const phase = p.status?.phase ?? "Pending";
    if (phase !== "Running" && phase !== "Pending") continue;
    for (const c of [...(p.status?.initContainerStatuses ?? []), ...(p.status?.containerStatuses ?? [])])
      restarts += c.restartCount;
  }
  const limit = job.spec.backoffLimit ?? 6;
  return limit === 0 ? restarts > 0 : restarts >= limit;
}

/** Completion indexes of pods that succeeded, for Indexed Jobs. */
export function succeededIndexes(pods: readonly Pod[]): number[] {
  return pods.filter(isPodSucceeded).flatMap((p) => {
    const i = completionIndexOf(p);
    return i === undefined ? [] : [i];
  });
}
