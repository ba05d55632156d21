// The agent's entry to the probe tracker: which probes of a pod to run now, in the pod's own terms.

import type { Pod } from "../../manifest/types.js";
import { dueProbes } from "../probes/tracker.js";
import type { DueProbe } from "../probes/types.js";
import { newestAppInstances } from "./observed.js";
import type { ObservedPod, PodRuntimeState } from "./types.js";

export function probesDue(
  pod: Pod,
  observed: ObservedPod,
  state: PodRuntimeState,
  nowMs: number,
): { due: DueProbe[]; nextDueMs?: number } {
  const phase = pod.status?.phase;
  return dueProbes(pod, newestAppInstances(pod.spec.containers, observed), state.probes, nowMs, {
    deleting: pod.metadata.deletionTimestamp !== undefined,
    terminal: phase === "Succeeded" || phase === "Failed",
  });
}
