// The pod conditions the kubelet owns (PodReadyToStartContainers, Initialized, Ready,
// ContainersReady) plus PodScheduled, with lastTransitionTime kept while a status holds.

import type { Condition, ContainerStatus, Pod, PodPhase } from "../../../manifest/types.js";
import { isoTime } from "../../../util/clock.js";
import { anyAppContainerStarted } from "./phase.js";

type Generated = Omit<Condition, "lastTransitionTime">;

const KUBELET_OWNED = new Set(["PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady"]);

/** Go's %s of a []string: "[a b]". */
function goList(names: string[]): string {
  return `[${names.join(" ")}]`;
}

/** True unless containers are listed: "containers with unknown status: [a], containers with unready status: [b]". */
function unlessListed(
  type: string,
  reason: string,
  unknown: string[],
  [what, names]: [string, string[]],
): Generated {
  const messages: string[] = [];
  if (unknown.length > 0) messages.push(`containers with unknown status: ${goList(unknown)}`);
  if (names.length > 0) messages.push(`containers with ${what} status: ${goList(names)}`);
  if (messages.length === 0) return { type, status: "True" };
  return { type, status: "False", reason, message: messages.join(", ") };
}

export function initializedCondition(
  pod: Pod,
  initStatuses: readonly ContainerStatus[],
  appStatuses: readonly ContainerStatus[],
  phase: PodPhase,
): Generated {
  const inits = pod.spec.initContainers ?? [];
  if (inits.length === 0) return { type: "Initialized", status: "True" };
  if (phase === "Succeeded") return { type: "Initialized", status: "True", reason: "PodCompleted" };
  if (anyAppContainerStarted(pod, appStatuses)) return { type: "Initialized", status: "True" };
  const unknown: string[] = [];
  const incomplete: string[] = [];
  for (const c of inits) {
    const s = initStatuses.find((x) => x.name === c.name);
    if (!s) unknown.push(c.name);
    else if (s.state.terminated?.exitCode !== 0) incomplete.push(c.name);
  }
  return unlessListed("Initialized", "ContainersNotInitialized", unknown, ["incomplete", incomplete]);
}

export function containersReadyCondition(
  pod: Pod,
  appStatuses: readonly ContainerStatus[],
  phase: PodPhase,
): Generated {
  const unknown: string[] = [];
  const unready: string[] = [];
  for (const c of pod.spec.containers) {
    const s = appStatuses.find((x) => x.name === c.name);
    if (!s) unknown.push(c.name);
    else if (!s.ready) unready.push(c.name);
  }
  if (phase === "Succeeded" && unknown.length === 0) {
    return { type: "ContainersReady", status: "False", reason: "PodCompleted" };
  }
  if (phase === "Failed") return { type: "ContainersReady", status: "False", reason: "PodFailed" };
  return unlessListed("ContainersReady", "ContainersNotReady", unknown, ["unready", unready]);
}

/** Ready follows ContainersReady (berth has no readiness gates). */
export function readyCondition(containersReady: Generated): Generated {
  return { ...containersReady, type: "Ready" };
}

/** Keeps the previous lastTransitionTime while the status is unchanged (status manager). */
function withTransition(c: Generated, previous: readonly Condition[], nowMs: number): Condition {
  const old = previous.find((p) => p.type === c.type);
  const lastTransitionTime =
    old?.status === c.status && old.lastTransitionTime ? old.lastTransitionTime : isoTime(nowMs);
  return { ...c, lastTransitionTime };
}

export function podConditions(
  pod: Pod,
  initStatuses: readonly ContainerStatus[],
  appStatuses: readonly ContainerStatus[],
  phase: PodPhase,
  sandboxReady: boolean,
  nowMs: number,
): Condition[] {
  const previous = pod.status?.conditions ?? [];
  const containersReady = containersReadyCondition(pod, appStatuses, phase);
  const generated: Generated[] = [
    { type: "PodReadyToStartContainers", status: sandboxReady ? "True" : "False" },
    initializedCondition(pod, initStatuses, appStatuses, phase),
    readyCondition(containersReady),
    containersReady,
  ];
  const kept = previous.filter((c) => !KUBELET_OWNED.has(c.type) && c.type !== "PodScheduled");
  const scheduled = previous.find((c) => c.type === "PodScheduled") ?? {
    type: "PodScheduled",
    status: "True" as const,
    lastTransitionTime: isoTime(nowMs),
  };
  return [...kept, ...generated.map((c) => withTransition(c, previous, nowMs)), scheduled];
}
