// DaemonSet status as updateDaemonSetStatus computes it: per node that should run a daemon pod,
// whether the oldest one is there, Ready, available and of the current revision; pods on nodes
// that should not run one are misscheduled.

import type { DaemonSet, DaemonSetStatus, Pod } from "../../manifest/types.js";
import type { NodeSummary } from "../types.js";
import { byAge } from "../workload-util/events.js";
import {
  isPodAvailable,
  isPodFinished,
  isPodReady,
  isTerminating,
  msUntilAvailable,
} from "../workload-util/pod-state.js";
import { REVISION_LABEL } from "./pod.js";
import { nodeVerdict } from "./placement.js";

export interface DaemonSetCounts {
  status: DaemonSetStatus;
  /** Some Ready pods are not yet available (minReadySeconds): look again this much later. */
  msUntilAvailable: number | undefined;
}

export function daemonSetStatus(
  ds: DaemonSet,
  nodes: readonly NodeSummary[],
  byNode: ReadonlyMap<string, Pod[]>,
  hash: string,
  now: number,
): DaemonSetCounts {
  const minReady = ds.spec.minReadySeconds ?? 0;
  let desired = 0;
  let current = 0;
  let misscheduled = 0;
  let ready = 0;
  let available = 0;
  let updated = 0;
  let wait: number | undefined;
  for (const node of nodes) {
    // Pods already deleted and finished no longer count (getNodesToDaemonPods without them).
    const pods = (byNode.get(node.name) ?? []).filter((p) => !(isTerminating(p) && isPodFinished(p)));
    const scheduled = pods.length > 0;
    if (!nodeVerdict(ds, node).shouldRun) {
      if (scheduled) misscheduled++;
      continue;
    }
    desired++;
    const pod = [...pods].sort(byAge)[0];
    if (!pod) continue;
    current++;
    if (isPodReady(pod)) {
      ready++;
      if (isPodAvailable(pod, minReady, now)) available++;
      const ms = msUntilAvailable(pod, minReady, now);
      if (ms !== undefined) wait = Math.min(wait ?? ms, ms);
    }
    if (pod.metadata.labels?.[REVISION_LABEL] === hash) updated++;
  }
  const status: DaemonSetStatus = {
    currentNumberScheduled: current,
    numberMisscheduled: misscheduled,
    desiredNumberScheduled: desired,
    numberReady: ready,
    observedGeneration: ds.metadata.generation ?? 1,
    updatedNumberScheduled: updated,
    numberAvailable: available,
    numberUnavailable: desired - available,
  };
  return { status, msUntilAvailable: wait };
}
