// Drift: a container of a running pod that someone stopped or removed by hand (`docker stop`,
// `docker rm -f`). With self-heal on (the default) the pod's next pass simply puts it back; with
// self-heal off for the pod's app, the pass does nothing and the drift is reported instead, so the
// app shows OutOfSync until a sync heals it (Argo CD's selfHeal: false).
//
// A hand-made stop looks like a crash by signal; what tells them apart is that berth did not send
// the signal (no kill of that container is on record) and the kernel's OOM killer did not either.
// A container that crashes by a signal of its own (a segfault) counts as drift too: rare, and the
// safe reading when the user asked berth not to touch what runs.

import type { Pod } from "../../manifest/types.js";
import type { ObservedPod } from "../observed.js";

/**
 * What a pass found changed behind berth's back, or undefined when nothing was. `killedByBerth`:
 * the ids of containers berth itself is stopping or stopped.
 */
export function detectDrift(
  pod: Pod,
  observed: ObservedPod,
  killedByBerth: ReadonlySet<string> = new Set(),
): string | undefined {
  if (pod.metadata.deletionTimestamp !== undefined) return undefined;
  const byId = new Map(observed.containers.map((c) => [c.id, c]));
  const removed: string[] = [];
  const stopped: string[] = [];
  for (const cs of [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])]) {
    const id = cs.containerID?.replace(/^docker:\/\//, "");
    // Only containers last seen running: a finished one may have been cleaned up by berth itself.
    if (!id || !cs.state.running || killedByBerth.has(id)) continue;
    const c = byId.get(id);
    if (!c) removed.push(cs.name);
    else if ((c.state === "exited" || c.state === "dead") && c.exitCode >= 128 && !c.oomKilled)
      stopped.push(cs.name);
  }
  const where = `pod ${pod.metadata.namespace ?? "default"}/${pod.metadata.name}`;
  const parts: string[] = [];
  if (removed.length > 0) parts.push(`${removed.join(", ")} removed`);
  if (stopped.length > 0) parts.push(`${stopped.join(", ")} stopped`);
  return parts.length === 0 ? undefined : `container ${parts.join(", container ")} outside berth (${where})`;
}
