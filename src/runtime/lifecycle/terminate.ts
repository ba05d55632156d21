// Stopping a whole pod (deletion, activeDeadlineSeconds, a finished or failed pod) and, for a
// deleted pod, removing it once nothing runs.

import { isRunning } from "./observed.js";
import type { Pass } from "./pass.js";
import type { PodKillReason } from "./types.js";

const KILL_MESSAGES: Record<PodKillReason, string> = {
  Deleted: "The pod was deleted",
  DeadlineExceeded: "Pod was active on the node longer than the specified deadline",
  PodCompleted: "All containers of the pod have finished",
  InitFailed: "An init container failed and the restart policy is Never",
  SandboxLost: "The pod sandbox stopped and the restart policy is Never",
};

export function anythingRunning(pass: Pass): boolean {
  return isRunning(pass.observed.sandbox) || pass.observed.containers.some((c) => isRunning(c));
}

export function planStop(pass: Pass, reason: PodKillReason): void {
  const { cfg, now } = pass;
  // killPod stops everything: single kills planned earlier in the pass are folded into it.
  for (let i = pass.actions.length - 1; i >= 0; i--) {
    const action = pass.actions[i];
    if (action?.type === "killContainer") {
      pass.actions.splice(i, 1);
      delete pass.state.kills[action.id];
    }
  }
  if (!anythingRunning(pass)) {
    delete pass.state.podKill;
    if (pass.deleting) pass.act({ type: "removePod", reason: "Deleted" });
    return;
  }
  const pending = pass.state.podKill;
  if (pending && now < pending.deadlineMs + cfg.killRetryMs) {
    pass.dueAt(pending.deadlineMs + cfg.killRetryMs);
    return;
  }
  // A kill that outlived its deadline is issued again without grace.
  const grace = pending ? 0 : pass.gracePeriodSeconds();
  pass.act({ type: "killPod", gracePeriodSeconds: grace, reason, message: KILL_MESSAGES[reason] });
  for (const c of pass.observed.containers) {
    if (isRunning(c)) pass.event("Normal", "Killing", `Stopping container ${c.name}`, c.name);
  }
  if (reason === "DeadlineExceeded") pass.event("Normal", "DeadlineExceeded", KILL_MESSAGES.DeadlineExceeded);
  const deadlineMs = now + grace * 1000;
  pass.state.podKill = { startedMs: now, deadlineMs, gracePeriodSeconds: grace, reason };
  pass.dueAt(deadlineMs + cfg.killRetryMs);
}
