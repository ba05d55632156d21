// How many pods a Job should run now (k8s job_controller.go manageJob): parallelism, but never more
// than the completions still missing; once a work-queue Job (no completions) has a success, no new
// pods. Excess active pods are removed (not counted as failures); new ones wait out the failure
// backoff. Indexed Jobs run one pod per pending index, lowest first.

import type { Job, Pod } from "../../manifest/types.js";
import { byAge } from "../workload-util/events.js";
import { isPodReady } from "../workload-util/pod-state.js";
import { completionIndexOf } from "./pod.js";

/** At most this many pods are created or removed in one step (MaxPodCreateDeletePerSync). */
export const MAX_BURST = 500;

export interface ManagePlan {
  /** Pods to create: undefined entries for NonIndexed, the completion index for Indexed. */
  create: (number | undefined)[];
  remove: Pod[];
}

export function wantActive(job: Job, active: number, succeeded: number): number {
  const parallelism = job.spec.parallelism ?? 1;
  if (job.spec.completions === undefined) return succeeded > 0 ? active : parallelism;
  return Math.max(0, Math.min(parallelism, job.spec.completions - succeeded));
}

/** activePodsForRemoval: unscheduled before scheduled, pending before running, not ready before ready, newest first. */
export function removalOrder(pods: readonly Pod[]): Pod[] {
  const rank = (p: Pod): number[] => [
    p.spec.nodeName ? 1 : 0,
    p.status?.phase === "Running" ? 1 : 0,
    isPodReady(p) ? 1 : 0,
  ];
  return [...pods].sort((a, b) => {
    const ra = rank(a);
    const rb = rank(b);
    for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return (ra[i] ?? 0) - (rb[i] ?? 0);
    return -byAge(a, b);
  });
}

export function planNonIndexed(
  job: Job,
  active: readonly Pod[],
  succeeded: number,
  mayCreate: boolean,
): ManagePlan {
  const want = wantActive(job, active.length, succeeded);
  if (active.length > want) {
    return { create: [], remove: removalOrder(active).slice(0, Math.min(MAX_BURST, active.length - want)) };
  }
  const diff = mayCreate ? Math.min(MAX_BURST, want - active.length) : 0;
  return { create: Array<undefined>(diff).fill(undefined), remove: [] };
}

export function planIndexed(
  job: Job,
  active: readonly Pod[],
  completed: ReadonlySet<number>,
  mayCreate: boolean,
): ManagePlan {
  const completions = job.spec.completions ?? 1;
  const remove: Pod[] = [];
  const byIndex = new Map<number, Pod>();
  for (const p of [...active].sort(byAge)) {
    const i = completionIndexOf(p);
    // Out of range, already completed, or a second pod for the same index.
    if (i === undefined || i >= completions || completed.has(i) || byIndex.has(i)) remove.push(p);
    else byIndex.set(i, p);
  }
  const want = wantActive(job, byIndex.size, completed.size);
  if (byIndex.size > want) {
    const excess = [...byIndex.entries()].sort(([a], [b]) => b - a).slice(0, byIndex.size - want);
    for (const [, p] of excess) remove.push(p);
    return { create: [], remove: remove.slice(0, MAX_BURST) };
  }
  const create: number[] = [];
  if (mayCreate) {
    for (let i = 0; i < completions && create.length < Math.min(MAX_BURST, want - byIndex.size); i++) {
      if (!completed.has(i) && !byIndex.has(i)) create.push(i);
    }
  }
  return { create, remove: remove.slice(0, MAX_BURST) };
}
