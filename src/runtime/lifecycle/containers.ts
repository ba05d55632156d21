// With a healthy sandbox: run init containers one by one, then keep the app containers as the
// restart policy, their spec hashes and their probes say (the rest of kubelet computePodActions).

import type { ProbeView } from "./probe-views.js";
import { isRunning } from "./observed.js";
import type { Pass } from "./pass.js";
import { initProgress, shouldContainerBeRestarted, shouldRestartOnFailure } from "./restart.js";
import { killUnderWay, planKill, planStart } from "./start.js";
import type { KillReason, PodKillReason } from "./types.js";

/** Returns a reason to stop the whole pod, or undefined when the pod goes on. */
export function planContainers(pass: Pass, probes: ProbeView): PodKillReason | undefined {
  const { pod } = pass;
  const progress = initProgress(pod, pass.inits, pass.apps, pass.observed.sandbox);
  switch (progress.kind) {
    case "failed":
      return "InitFailed";
    case "wait":
      return undefined;
    case "start":
      planStart(pass, progress.container, "init");
      return undefined;
    case "initialized":
      break;
  }

  let keep = 0;
  let starting = 0;
  for (const container of pod.spec.containers) {
    const newest = pass.instances("app", container.name)[0];
    if (!newest || !isRunning(newest)) {
      if (shouldContainerBeRestarted(pod, newest)) {
        starting++;
        planStart(pass, container, "app");
      }
      continue;
    }
    if (killUnderWay(pass, newest.id)) {
      starting++;
      continue;
    }
    const view = probes.get(container.name);
    let restart = shouldRestartOnFailure(pod);
    let reason: KillReason;
    let message: string;
    let grace = pass.gracePeriodSeconds();
    if (newest.specHash !== pass.ctx.specHashOf(container, "app")) {
      reason = "SpecChanged";
      message = `Container ${container.name} definition changed`;
      // A changed spec restarts the container whatever the restart policy.
      restart = true;
    } else if (view?.livenessFailed) {
      reason = "LivenessProbeFailed";
      message = `Container ${container.name} failed liveness probe`;
      grace = pass.gracePeriodSeconds(container.livenessProbe?.terminationGracePeriodSeconds);
    } else if (view?.startupFailed) {
      reason = "StartupProbeFailed";
      message = `Container ${container.name} failed startup probe`;
      grace = pass.gracePeriodSeconds(container.startupProbe?.terminationGracePeriodSeconds);
    } else {
      keep++;
      continue;
    }
    planKill(pass, newest, reason, restart ? `${message}, will be restarted` : message, grace);
    if (restart) {
      starting++;
      planStart(pass, container, "app");
    }
  }
  return keep === 0 && starting === 0 ? "PodCompleted" : undefined;
}
