// Reading what the Docker layer observed: timestamps, the lifecycle state of an instance, and the
// instances of each container name from newest to oldest.

import type { ContainerRole, ObservedContainer, ObservedPod } from "./types.js";

/** Milliseconds of an ISO time; undefined for absent, unparsable or Docker's zero time (year 1). */
export function timeMs(iso: string | undefined): number | undefined {
  if (iso === undefined || iso === "" || iso.startsWith("0001-")) return undefined;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * The three states the kubelet reasons about. Paused and restarting containers still have their
 * process; a created container that Docker could not start (State.Error, or an exit code) ran and
 * failed as far as restarts are concerned.
 */
export type LifeState = "running" | "exited" | "created";

export function lifeState(c: ObservedContainer): LifeState {
  switch (c.state) {
    case "running":
    case "paused":
    case "restarting":
      return "running";
    case "exited":
    case "dead":
      return "exited";
    case "created":
      return failedToStart(c) ? "exited" : "created";
  }
}

export function failedToStart(c: ObservedContainer): boolean {
  return (c.error !== undefined && c.error !== "") || (c.state === "created" && (c.exitCode ?? 0) !== 0);
}

export function isRunning(c: ObservedContainer | undefined): boolean {
  return c !== undefined && lifeState(c) === "running";
}

/** Newest first: highest attempt, then latest start. */
function newestFirst(a: ObservedContainer, b: ObservedContainer): number {
  if (a.attempt !== b.attempt) return b.attempt - a.attempt;
  return (timeMs(b.startedAt) ?? Number.MAX_SAFE_INTEGER) - (timeMs(a.startedAt) ?? Number.MAX_SAFE_INTEGER);
}

/** Instances of each container name of one role, newest first. */
export function instancesByName(
  observed: ObservedPod,
  role: ContainerRole,
): Map<string, ObservedContainer[]> {
  const byName = new Map<string, ObservedContainer[]>();
  for (const c of observed.containers) {
    if (c.role !== role) continue;
    const list = byName.get(c.name);
    if (list) list.push(c);
    else byName.set(c.name, [c]);
  }
  for (const list of byName.values()) list.sort(newestFirst);
  return byName;
}

/** The newest instance that is no longer running (what doBackOff measures from). */
export function newestExited(instances: readonly ObservedContainer[]): ObservedContainer | undefined {
  return instances.find((c) => lifeState(c) === "exited");
}

export function dockerId(id: string): string {
  return `docker://${id}`;
}

/** The newest instance of each app container of the pod (what probes and readiness are about). */
export function newestAppInstances(
  containers: readonly { name: string }[],
  observed: ObservedPod,
): Map<string, ObservedContainer | undefined> {
  const byName = instancesByName(observed, "app");
  return new Map(containers.map((c) => [c.name, byName.get(c.name)?.[0]]));
}
