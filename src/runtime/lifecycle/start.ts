// Starting a container: crash-loop backoff first (the kubelet's doBackOff), then the image, then a
// recent start failure; only then a start action, with the attempt number the new instance carries.

import type { Container } from "../../manifest/types.js";
import { inBackoffSince, nextBackoff, type BackoffPolicy } from "./backoff.js";
import { goDuration } from "./duration.js";
import { decideImage } from "./images.js";
import { lifeState, newestExited, timeMs } from "./observed.js";
import type { Pass } from "./pass.js";
import type { ContainerRuntimeState, KillReason, LifecycleConfig, ObservedContainer } from "./types.js";

export function crashLoopPolicy(cfg: LifecycleConfig): BackoffPolicy {
  return { initialMs: cfg.crashLoopInitialMs, maxMs: cfg.crashLoopMaxMs, resetMs: cfg.crashLoopResetMs };
}

function runtimeState(pass: Pass, name: string): ContainerRuntimeState {
  let cs = pass.state.containers[name];
  if (!cs) {
    cs = {};
    pass.state.containers[name] = cs;
  }
  return cs;
}

/**
 * The attempt number of the next instance: one more than the newest instance's; the same number
 * when the newest never started (it is removed and created again); when every instance is gone
 * (removed by hand), one more than the restart count the pod's status last reported.
 */
export function nextAttempt(pass: Pass, role: "init" | "app", name: string): number {
  const newest = pass.instances(role, name)[0];
  if (newest) return lifeState(newest) === "created" ? newest.attempt : newest.attempt + 1;
  const statuses =
    role === "init" ? pass.pod.status?.initContainerStatuses : pass.pod.status?.containerStatuses;
  const previous = statuses?.find((s) => s.name === name);
  if (!previous) return 0;
  const ran = previous.containerID !== undefined && previous.containerID !== "";
  return ran ? previous.restartCount + 1 : previous.restartCount;
}

/** When an instance last ran: its finish, else its start. */
function lastRanMs(c: ObservedContainer | undefined): number | undefined {
  if (!c) return undefined;
  return timeMs(c.finishedAt) ?? timeMs(c.startedAt);
}

/** Plans the start of `container`; returns false when it has to wait (the reason is recorded). */
export function planStart(pass: Pass, container: Container, role: "init" | "app"): boolean {
  const { now, cfg } = pass;
  const name = container.name;
  const instances = pass.instances(role, name);
  const newest = instances[0];
  const specHash = pass.ctx.specHashOf(container, role);
  const cs = runtimeState(pass, name);
  const attempt = nextAttempt(pass, role, name);

  // Crash-loop backoff, measured from the finish of the newest exited instance.
  const exited = newestExited(instances);
  const finishedMs = exited ? (timeMs(exited.finishedAt) ?? timeMs(exited.startedAt) ?? now) : undefined;
  const entry = cs.backoff?.specHash === specHash ? cs.backoff : undefined;
  if (finishedMs !== undefined && inBackoffSince(entry, finishedMs, now, crashLoopPolicy(cfg)) && entry) {
    pass.waiting.set(name, {
      reason: "CrashLoopBackOff",
      message: `back-off ${goDuration(entry.delayMs)} restarting failed container=${name} pod=${pass.podRef()}`,
    });
    pass.event(
      "Warning",
      "BackOff",
      `Back-off restarting failed container ${name} in pod ${pass.podRef()}`,
      name,
    );
    pass.dueAt(finishedMs + entry.delayMs);
    return false;
  }

  const image = decideImage(
    container,
    pass.state.images[container.image],
    pass.ctx.imagePresent(container.image),
    lastRanMs(newest),
    now,
    cfg,
  );
  if (image.kind === "wait") {
    pass.waiting.set(name, { reason: image.reason, message: image.message });
    if (image.reason === "ImagePullBackOff") pass.event("Normal", "BackOff", image.message, name);
    if (image.reason === "ErrImageNeverPull") pass.event("Warning", "ErrImageNeverPull", image.message, name);
    pass.dueAt(image.untilMs);
    return false;
  }
  if (image.kind === "pull") {
    const existing = pass.actions.find((a) => a.type === "pullImage" && a.image === container.image);
    if (existing?.type === "pullImage") existing.containers.push(name);
    else
      pass.act({ type: "pullImage", image: container.image, pullPolicy: image.policy, containers: [name] });
    return false;
  }
  if (image.usingLocalCopy !== undefined) {
    pass.event(
      "Warning",
      "PullFailedUsingLocal",
      `Failed to pull image "${container.image}": ${image.usingLocalCopy}; starting from the image already on the node`,
      name,
    );
  }

  const failure = cs.startFailure;
  if (failure?.attempt === attempt) {
    pass.waiting.set(name, { reason: failure.reason, message: failure.message });
    if (now < failure.atMs + cfg.retryMs) {
      pass.dueAt(failure.atMs + cfg.retryMs);
      return false;
    }
  }

  if (finishedMs !== undefined)
    cs.backoff = { ...nextBackoff(entry, finishedMs, now, crashLoopPolicy(cfg)), specHash };
  if (newest && lifeState(newest) === "created") {
    pass.act({ type: "removeContainer", id: newest.id, name, reason: "NeverStarted" });
  }
  pass.act({ type: role === "init" ? "startInit" : "startContainer", name, attempt, specHash });
  return true;
}

/** A kill of this container was issued and its deadline (plus the retry margin) has not passed. */
export function killUnderWay(pass: Pass, id: string): boolean {
  const pending = pass.state.kills[id];
  if (!pending || pass.now >= pending.deadlineMs + pass.cfg.killRetryMs) return false;
  pass.dueAt(pending.deadlineMs + pass.cfg.killRetryMs);
  return true;
}

/** Stops one container unless a kill of it is already under way. */
export function planKill(
  pass: Pass,
  c: ObservedContainer,
  reason: KillReason,
  message: string,
  gracePeriodSeconds: number,
): void {
  if (killUnderWay(pass, c.id)) return;
  // A kill that outlived its deadline is issued again without grace.
  const grace = pass.state.kills[c.id] ? 0 : gracePeriodSeconds;
  pass.act({
    type: "killContainer",
    id: c.id,
    name: c.name,
    role: c.role,
    gracePeriodSeconds: grace,
    reason,
    message,
  });
  pass.event("Normal", "Killing", message, c.name);
  const deadlineMs = pass.now + grace * 1000;
  pass.state.kills[c.id] = { startedMs: pass.now, deadlineMs, gracePeriodSeconds: grace, reason };
  pass.dueAt(deadlineMs + pass.cfg.killRetryMs);
}
