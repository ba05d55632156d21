// Which containers should run next: the kubelet's ShouldContainerBeRestarted and its init-container
// progression (computeInitContainerActions for regular, non-sidecar init containers).

import type { Container, Pod } from "../../manifest/types.js";
import { lifeState, timeMs } from "./observed.js";
import type { ObservedContainer, ObservedSandbox } from "./types.js";

export function restartPolicyOf(pod: Pod): "Always" | "OnFailure" | "Never" {
  return pod.spec.restartPolicy ?? "Always";
}

export function shouldRestartOnFailure(pod: Pod): boolean {
  return restartPolicyOf(pod) !== "Never";
}

/** Whether a container that is not running should be started (again), given its newest instance. */
export function shouldContainerBeRestarted(pod: Pod, newest: ObservedContainer | undefined): boolean {
  if (pod.metadata.deletionTimestamp !== undefined) return false;
  if (!newest) return true;
  const state = lifeState(newest);
  if (state === "running") return false;
  if (state === "created") return true;
  const policy = restartPolicyOf(pod);
  if (policy === "Never") return false;
  if (policy === "OnFailure") return (newest.exitCode ?? 0) !== 0;
  return true;
}

/** An init container failed: a non-zero exit or an OOM kill. */
export function isInitContainerFailed(c: ObservedContainer): boolean {
  if (c.oomKilled) return true;
  return lifeState(c) === "exited" && (c.exitCode ?? 0) !== 0;
}

export type InitProgress =
  | { kind: "initialized" }
  /** Start (or restart) this init container. */
  | { kind: "start"; index: number; container: Container }
  /** An init container is running: wait for it. */
  | { kind: "wait" }
  /** An init container failed and restartPolicy is Never: the pod fails. */
  | { kind: "failed"; container: Container };

/**
 * Where initialization stands. Init instances that started before the current sandbox belong to an
 * earlier sandbox and do not count; app containers already created or running mean initialization
 * happened even if its containers have since been removed.
 */
export function initProgress(
  pod: Pod,
  inits: ReadonlyMap<string, ObservedContainer[]>,
  apps: ReadonlyMap<string, ObservedContainer[]>,
  sandbox: ObservedSandbox | undefined,
): InitProgress {
  const initContainers = pod.spec.initContainers ?? [];
  if (initContainers.length === 0) return { kind: "initialized" };
  for (const c of pod.spec.containers) {
    const newest = apps.get(c.name)?.[0];
    if (newest && lifeState(newest) !== "exited") return { kind: "initialized" };
  }
  const sandboxStart = timeMs(sandbox?.startedAt);
  const current = (c: ObservedContainer): boolean => {
    const started = timeMs(c.startedAt);
    return sandboxStart === undefined || started === undefined || started >= sandboxStart;
  };
  for (let i = initContainers.length - 1; i >= 0; i--) {
    const container = initContainers[i];
    if (!container) continue;
    const newest = inits.get(container.name)?.find(current);
    if (!newest) continue;
    switch (lifeState(newest)) {
      case "created":
        return { kind: "start", index: i, container };
      case "running":
        return { kind: "wait" };
      case "exited": {
        if (isInitContainerFailed(newest)) {
          return shouldRestartOnFailure(pod)
            ? { kind: "start", index: i, container }
            : { kind: "failed", container };
        }
        const following = initContainers[i + 1];
        return following ? { kind: "start", index: i + 1, container: following } : { kind: "initialized" };
      }
    }
  }
  const first = initContainers[0];
  return first ? { kind: "start", index: 0, container: first } : { kind: "initialized" };
}
