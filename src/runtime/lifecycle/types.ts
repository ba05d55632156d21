// The vocabulary between the pod-lifecycle core (pure decisions), the Docker layer (what exists) and
// the node agent (which runs the actions and keeps the per-pod state). Everything here is plain data
// so the agent can log it, persist it and restore it.

import type { Container, PodStatus, PullPolicy } from "../../manifest/types.js";
import type { ProbeStates } from "../probes/types.js";

export type ContainerRole = "sandbox" | "init" | "app";

/** Docker's State.Status, as `docker inspect` reports it. */
export type ObservedContainerState = "created" | "running" | "exited" | "dead" | "paused" | "restarting";

/** One Docker container of a pod, as the Docker layer reads it back (labels + inspect). */
export interface ObservedContainer {
  id: string;
  /** The container's name within the pod (label io.berth.container.name); "POD" for the sandbox. */
  name: string;
  role: ContainerRole;
  /** 0 for the first instance of a container, +1 for each restart (label io.berth.restart-count). */
  attempt: number;
  /** The spec hash the container was created from (label io.berth.spec-hash). */
  specHash: string;
  state: ObservedContainerState;
  exitCode?: number;
  oomKilled: boolean;
  /** ISO 8601; absent (or Docker's zero time) when the container never started. */
  startedAt?: string;
  /** ISO 8601; absent (or Docker's zero time) while running or never started. */
  finishedAt?: string;
  /** The image reference the container was created with. */
  image: string;
  /** The resolved image (status.imageID), e.g. "docker://sha256:…" or "docker-pullable://repo@sha256:…". */
  imageId: string;
  /** Docker's State.Error: why the container could not start (`OCI runtime create failed: …`). */
  error?: string;
  /** The termination message (terminationMessagePath, or the log tail with FallbackToLogsOnError). */
  message?: string;
}

export interface ObservedSandbox extends ObservedContainer {
  /** The pod's IP on the node's bridge; absent for hostNetwork pods or a stopped sandbox. */
  ip?: string;
}

/** Every Docker container labelled with one pod uid. */
export interface ObservedPod {
  uid: string;
  /** The newest sandbox (network holder) of the pod, if any. */
  sandbox?: ObservedSandbox;
  /** Init and app containers, every attempt still present. */
  containers: ObservedContainer[];
}

// ---------------------------------------------------------------------------------------------
// State the agent keeps per pod between passes (in memory; plain JSON so it can be restored).

/** kubelet's flowcontrol.Backoff entry for one key. */
export interface BackoffEntry {
  /** The current delay. */
  delayMs: number;
  /** When the delay last grew (a restart or a failed pull). */
  lastUpdateMs: number;
}

export interface ContainerRuntimeState {
  /** Crash-loop backoff; keyed by spec hash as the kubelet keys it, so a new spec starts afresh. */
  backoff?: BackoffEntry & { specHash: string };
  /** A start that failed before Docker ran anything (CreateContainerConfigError, RunContainerError…). */
  startFailure?: { attempt: number; reason: string; message: string; atMs: number };
}

export interface ImagePullState {
  /** Backoff after failed pulls (absent once a pull succeeds). */
  backoff?: BackoffEntry;
  /** The error of the last failed pull. */
  lastError?: string;
  lastFailureMs?: number;
  lastSuccessMs?: number;
}

/** A kill issued and not yet seen through: keeps passes from issuing it again before its deadline. */
export interface PendingKill {
  startedMs: number;
  deadlineMs: number;
  gracePeriodSeconds: number;
  reason: string;
}

export interface PodRuntimeState {
  /** Keyed by container name (init and app names are unique within a pod). */
  containers: Record<string, ContainerRuntimeState>;
  /** Keyed by image reference. */
  images: Record<string, ImagePullState>;
  /** Keyed by container name; each record is bound to one container id. */
  probes: Record<string, ProbeStates>;
  /** Keyed by Docker container id. */
  kills: Record<string, PendingKill>;
  /** A killPod in progress. */
  podKill?: PendingKill;
  /** The last ensureSandbox failed; it is retried after LifecycleConfig.retryMs. */
  sandboxFailure?: { message: string; atMs: number };
}

export function emptyPodRuntimeState(): PodRuntimeState {
  return { containers: {}, images: {}, probes: {}, kills: {} };
}

// ---------------------------------------------------------------------------------------------
// Actions: what the agent asks the Docker layer to do, in list order. Each one must have finished
// (killContainer: the container has stopped or was SIGKILLed after its grace period) before the
// next one runs; after the list the agent observes again and calls computePodActions again.

export type PodAction =
  | {
      type: "ensureSandbox";
      /** Attempt number of the new sandbox. */
      attempt: number;
      reason: "SandboxMissing" | "SandboxNotRunning" | "SandboxChanged";
      /** The old sandbox to stop and remove first. */
      replaces?: string;
    }
  | { type: "pullImage"; image: string; pullPolicy: PullPolicy; containers: string[] }
  | { type: "startInit"; name: string; attempt: number; specHash: string }
  | { type: "startContainer"; name: string; attempt: number; specHash: string }
  | {
      type: "killContainer";
      id: string;
      name: string;
      role: ContainerRole;
      gracePeriodSeconds: number;
      reason: KillReason;
      message: string;
    }
  | { type: "removeContainer"; id: string; name: string; reason: string }
  | { type: "killPod"; gracePeriodSeconds: number; reason: PodKillReason; message: string }
  | { type: "removePod"; reason: string };

export type KillReason =
  "LivenessProbeFailed" | "StartupProbeFailed" | "SpecChanged" | "SandboxChanged" | "Duplicate" | "NotInSpec";

export type PodKillReason = "Deleted" | "DeadlineExceeded" | "PodCompleted" | "InitFailed" | "SandboxLost";

/** What a pass decided that a person should see (the agent turns these into Events). */
export interface LifecycleEvent {
  type: "Normal" | "Warning";
  reason: string;
  message: string;
  /** The container the event is about (fieldPath spec.containers{name}). */
  container?: string;
}

// ---------------------------------------------------------------------------------------------

export interface LifecycleConfig {
  /** CrashLoopBackOff: first delay (kubelet 10 s). */
  crashLoopInitialMs: number;
  /** CrashLoopBackOff: the cap (kubelet 300 s). */
  crashLoopMaxMs: number;
  /** A container that ran this long since its last restart starts from the first delay again. */
  crashLoopResetMs: number;
  imagePullInitialMs: number;
  imagePullMaxMs: number;
  imagePullResetMs: number;
  /** After a failed pull the container shows ErrImagePull this long, then ImagePullBackOff. */
  errImagePullShowMs: number;
  /** Retry delay after a start failure that has no backoff of its own (config errors, sandbox). */
  retryMs: number;
  /** A kill still not seen through this long after its deadline is issued again. */
  killRetryMs: number;
  /** The kubelet never gives a container less than this to stop (minimumGracePeriodInSeconds). */
  minGracePeriodSeconds: number;
}

export interface ComputeContext {
  /** Milliseconds since the epoch. */
  now: number;
  /** The hash the Docker layer labels containers with (io.berth.spec-hash). */
  specHashOf(container: Container, role: "init" | "app"): string;
  /** The hash of everything the sandbox is created from; a change recreates it. */
  sandboxSpecHash?: string;
  /** Whether the node has the image. */
  imagePresent(image: string): boolean;
  /** The node's address (status.hostIP; podIP for hostNetwork pods). */
  hostIP?: string;
  config?: Partial<LifecycleConfig>;
}

export interface ComputeResult {
  actions: PodAction[];
  state: PodRuntimeState;
  status: PodStatus;
  events: LifecycleEvent[];
  /** When to look again even if nothing happens (a backoff ends, a probe is due, a deadline passes). */
  requeueAfterMs?: number;
}
