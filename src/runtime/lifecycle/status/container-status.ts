// containerStatuses / initContainerStatuses as the kubelet writes them
// (convertToAPIContainerStatuses plus the prober manager's started/ready).

import type { Container, ContainerState, ContainerStatus } from "../../../manifest/types.js";
import { isoTime } from "../../../util/clock.js";
import type { ContainerProbeView } from "../../probes/tracker.js";
import { dockerId, failedToStart, lifeState, timeMs } from "../observed.js";
import type { Waiting } from "../pass.js";
import type { ObservedContainer } from "../types.js";

function iso(value: string | undefined): string | undefined {
  const ms = timeMs(value);
  return ms === undefined ? undefined : isoTime(ms);
}

/** The terminated reason Docker-based kubelets gave: OOMKilled, ContainerCannotRun, Completed, Error. */
export function terminatedReason(c: ObservedContainer): string {
  if (c.oomKilled) return "OOMKilled";
  if (failedToStart(c)) return "ContainerCannotRun";
  return (c.exitCode ?? 0) === 0 ? "Completed" : "Error";
}

export function instanceState(c: ObservedContainer): ContainerState {
  switch (lifeState(c)) {
    case "running":
      return { running: { startedAt: iso(c.startedAt) ?? "" } };
    case "created":
      return { waiting: { reason: "ContainerCreating" } };
    case "exited": {
      const message = c.message ?? c.error;
      const startedAt = iso(c.startedAt);
      const finishedAt = iso(c.finishedAt);
      return {
        terminated: {
          exitCode: c.exitCode ?? (failedToStart(c) ? 128 : 0),
          reason: terminatedReason(c),
          ...(message ? { message } : {}),
          ...(startedAt ? { startedAt } : {}),
          ...(finishedAt ? { finishedAt } : {}),
          containerID: dockerId(c.id),
        },
      };
    }
  }
}

export interface ContainerStatusInput {
  spec: Container;
  role: "init" | "app";
  /** Newest first. */
  instances: readonly ObservedContainer[];
  previous: ContainerStatus | undefined;
  /** Why the pass could not start it (CrashLoopBackOff, ErrImagePull…). */
  waiting: Waiting | undefined;
  defaultWaitingReason: "ContainerCreating" | "PodInitializing";
  deleting: boolean;
  probe: ContainerProbeView;
}

function statusWithoutInstances(input: ContainerStatusInput): ContainerStatus {
  const { spec, previous } = input;
  // A container that terminated and was then removed keeps its last status.
  if (previous?.state.terminated) return structuredClone(previous);
  const status: ContainerStatus = {
    name: spec.name,
    image: spec.image,
    imageID: "",
    ready: false,
    restartCount: previous?.restartCount ?? 0,
    state: { waiting: { reason: input.defaultWaitingReason } },
    lastState: structuredClone(previous?.lastState ?? {}),
  };
  // It was running and has vanished (removed by hand, or lost): it did stop, with an unknown result.
  if (previous?.state.running && !status.lastState.terminated) {
    status.lastState = {
      terminated: {
        exitCode: 137,
        reason: "ContainerStatusUnknown",
        message:
          "The container could not be located when the pod was deleted.  The container used to be Running",
      },
    };
    if (!input.deleting) status.restartCount += 1;
  }
  return status;
}

export function buildContainerStatus(input: ContainerStatusInput): ContainerStatus {
  const [newest, previousInstance] = input.instances;
  const status: ContainerStatus = newest
    ? {
        name: input.spec.name,
        image: newest.image,
        imageID: newest.imageId,
        containerID: dockerId(newest.id),
        ready: false,
        restartCount: newest.attempt,
        state: instanceState(newest),
        lastState: previousInstance ? instanceState(previousInstance) : {},
      }
    : statusWithoutInstances(input);

  if (input.waiting && !status.state.running) {
    if (status.state.terminated) status.lastState = status.state;
    status.state = {
      waiting: {
        reason: input.waiting.reason,
        ...(input.waiting.message !== undefined ? { message: input.waiting.message } : {}),
      },
    };
  }

  const running = status.state.running !== undefined;
  status.started = running && input.probe.started;
  if (input.role === "init") status.ready = status.state.terminated?.exitCode === 0;
  else status.ready = running && input.probe.ready;
  return status;
}
