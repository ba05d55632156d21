// The pod phase from its container statuses: the kubelet's getPhase (regular init containers).

import type { ContainerStatus, Pod, PodPhase } from "../../../manifest/types.js";

function find(statuses: readonly ContainerStatus[], name: string): ContainerStatus | undefined {
  return statuses.find((s) => s.name === name);
}

/**
 * The kubelet counts only the exit code here but also treats an OOM kill as an init failure when
 * deciding what to run; berth counts both here too, so a pod is not left Pending after such a kill.
 */
function initFailed(t: { exitCode: number; reason: string }): boolean {
  return t.exitCode !== 0 || t.reason === "OOMKilled";
}

/** Some app container has run or is running (kubelet HasAnyRegularContainerStarted). */
export function anyAppContainerStarted(pod: Pod, appStatuses: readonly ContainerStatus[]): boolean {
  return pod.spec.containers.some((c) => {
    const s = find(appStatuses, c.name);
    return s !== undefined && (s.state.running !== undefined || s.state.terminated !== undefined);
  });
}

/**
 * `podIsTerminal`: the pod was stopped for good (deleted or past its deadline) and nothing runs any
 * more; its containers will not restart whatever the restart policy says.
 */
export function getPhase(
  pod: Pod,
  initStatuses: readonly ContainerStatus[],
  appStatuses: readonly ContainerStatus[],
  podIsTerminal: boolean,
): PodPhase {
  const policy = pod.spec.restartPolicy ?? "Always";
  let pendingInitialization = 0;
  let failedInitialization = 0;
  for (const c of pod.spec.initContainers ?? []) {
    const s = find(initStatuses, c.name);
    if (!s) {
      pendingInitialization++;
    } else if (s.state.running) {
      pendingInitialization++;
    } else if (s.state.terminated) {
      if (initFailed(s.state.terminated)) failedInitialization++;
    } else if (s.state.waiting) {
      if (s.lastState.terminated) {
        if (initFailed(s.lastState.terminated)) failedInitialization++;
      } else {
        pendingInitialization++;
      }
    } else {
      pendingInitialization++;
    }
  }

  let unknown = 0;
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const c of pod.spec.containers) {
    const s = find(appStatuses, c.name);
    if (!s) {
      unknown++;
    } else if (s.state.running) {
      running++;
    } else if (s.state.terminated) {
      stopped++;
      if (s.state.terminated.exitCode === 0) succeeded++;
    } else if (s.state.waiting) {
      if (s.lastState.terminated) stopped++;
      else waiting++;
    } else {
      unknown++;
    }
  }

  if (failedInitialization > 0 && policy === "Never") return "Failed";
  if ((pendingInitialization > 0 && !anyAppContainerStarted(pod, appStatuses)) || waiting > 0)
    return "Pending";
  if (running > 0 && unknown === 0) return "Running";
  if (running === 0 && stopped > 0 && unknown === 0) {
    if (podIsTerminal) return stopped === succeeded ? "Succeeded" : "Failed";
    if (policy === "Always") return "Running";
    if (stopped === succeeded) return "Succeeded";
    if (policy === "Never") return "Failed";
    return "Running";
  }
  return "Pending";
}
