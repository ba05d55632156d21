// The sandbox (network holder) decisions: kubelet's PodSandboxChanged and the first branch of
// computePodActions. A missing, stopped or changed sandbox takes every container with it.

import { isRunning, lifeState } from "./observed.js";
import type { Pass } from "./pass.js";
import { restartPolicyOf, shouldRestartOnFailure } from "./restart.js";
import { killUnderWay, planKill, planStart } from "./start.js";
import type { PodKillReason } from "./types.js";

export type SandboxChange = "SandboxMissing" | "SandboxNotRunning" | "SandboxChanged";

export function sandboxChange(pass: Pass): SandboxChange | undefined {
  const sb = pass.observed.sandbox;
  if (!sb) return "SandboxMissing";
  if (!isRunning(sb)) return "SandboxNotRunning";
  const want = pass.ctx.sandboxSpecHash;
  if (want !== undefined && sb.specHash !== want) return "SandboxChanged";
  return undefined;
}

function succeeded(pass: Pass, name: string): boolean {
  const newest = pass.instances("app", name)[0];
  return newest !== undefined && lifeState(newest) === "exited" && (newest.exitCode ?? 0) === 0;
}

/**
 * (Re)creates the sandbox: stops whatever still runs, purges init containers so initialization
 * starts over, creates the sandbox and starts the first init container or the app containers.
 * Returns a reason to stop the pod instead when nothing would be started again.
 */
export function planSandbox(pass: Pass, change: SandboxChange): PodKillReason | undefined {
  const { pod, observed } = pass;
  const sb = observed.sandbox;
  const everRan = observed.containers.some((c) => c.role !== "sandbox");
  // The kubelet only checks this when an old sandbox is still listed; berth also refuses when the
  // sandbox vanished (removed by hand), so a Never pod never runs a container twice.
  if (!shouldRestartOnFailure(pod) && everRan) return "SandboxLost";
  const toStart = pod.spec.containers.filter(
    (c) => !(restartPolicyOf(pod) === "OnFailure" && succeeded(pass, c.name)),
  );
  const anyAppCreated = pod.spec.containers.some((c) => pass.instances("app", c.name).length > 0);
  if (toStart.length === 0 && anyAppCreated) return "PodCompleted";

  const failure = pass.state.sandboxFailure;
  if (failure && pass.now < failure.atMs + pass.cfg.retryMs) {
    pass.dueAt(failure.atMs + pass.cfg.retryMs);
    return undefined;
  }

  const stopping = observed.containers.filter((c) => c.role !== "sandbox" && isRunning(c));
  if (stopping.some((c) => killUnderWay(pass, c.id))) return undefined;
  for (const c of stopping) {
    planKill(pass, c, "SandboxChanged", `Stopping container ${c.name}`, pass.gracePeriodSeconds());
  }
  for (const c of observed.containers) {
    if (c.role === "init" && !isRunning(c)) {
      pass.act({ type: "removeContainer", id: c.id, name: c.name, reason: "SandboxChanged" });
    }
  }
  if (sb) pass.event("Normal", "SandboxChanged", "Pod sandbox changed, it will be killed and re-created.");
  pass.act({
    type: "ensureSandbox",
    attempt: sb ? sb.attempt + 1 : 0,
    reason: change,
    ...(sb ? { replaces: sb.id } : {}),
  });
  const firstInit = pod.spec.initContainers?.[0];
  if (firstInit) planStart(pass, firstInit, "init");
  else for (const c of toStart) planStart(pass, c, "app");
  return undefined;
}
