// Container garbage collection within a pod: per container name keep the newest instance and the
// newest exited one (what `logs --previous` reads, the kubelet's MaxPerPodContainer = 1); stop
// running duplicates and containers the spec no longer names.

import { isRunning, lifeState } from "./observed.js";
import type { Pass } from "./pass.js";
import { planKill } from "./start.js";

/** `stopping`: a killPod is stopping everything anyway, so only stopped containers are removed. */
export function planGarbageCollection(pass: Pass, stopping: boolean): void {
  for (const role of ["init", "app"] as const) {
    const specNames = new Set(
      (role === "init" ? (pass.pod.spec.initContainers ?? []) : pass.pod.spec.containers).map((c) => c.name),
    );
    for (const [name, instances] of role === "init" ? pass.inits : pass.apps) {
      const inSpec = specNames.has(name);
      const keep = new Set<string>();
      if (inSpec) {
        const newest = instances[0];
        const lastExited = instances.find((c) => lifeState(c) === "exited");
        if (newest) keep.add(newest.id);
        if (lastExited) keep.add(lastExited.id);
      }
      for (const c of instances) {
        if (keep.has(c.id)) continue;
        if (isRunning(c)) {
          if (stopping) continue;
          const why = inSpec ? "Duplicate" : "NotInSpec";
          const message = inSpec
            ? `Stopping container ${name}: a newer instance replaces it`
            : `Stopping container ${name}: the pod spec has no such container`;
          planKill(pass, c, why, message, pass.gracePeriodSeconds());
        } else {
          pass.act({ type: "removeContainer", id: c.id, name, reason: inSpec ? "Superseded" : "NotInSpec" });
        }
      }
    }
  }
}
