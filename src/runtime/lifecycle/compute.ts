// computePodActions: one level-triggered pass of the kubelet's pod worker, without Docker. Given the
// pod, what runs, and the state kept since the last pass, it returns what to do, the new state, the
// pod status, and when to look again.

import type { Pod } from "../../manifest/types.js";
import { dueProbes, syncProbeStates } from "../probes/tracker.js";
import { resolveConfig } from "./config.js";
import { planContainers } from "./containers.js";
import { planGarbageCollection } from "./gc.js";
import { isRunning, newestAppInstances, timeMs } from "./observed.js";
import { Pass } from "./pass.js";
import { probeViews } from "./probe-views.js";
import { planSandbox, sandboxChange } from "./sandbox.js";
import { buildPodStatus } from "./status/pod-status.js";
import { anythingRunning, planStop } from "./terminate.js";
import type { ComputeContext, ComputeResult, ObservedPod, PodKillReason, PodRuntimeState } from "./types.js";

/** Forgets what no longer applies: kills of containers that stopped, failures of attempts that ran. */
function pruneState(pass: Pass): void {
  const running = new Set(pass.observed.containers.filter((c) => isRunning(c)).map((c) => c.id));
  if (isRunning(pass.observed.sandbox) && pass.observed.sandbox) running.add(pass.observed.sandbox.id);
  for (const id of Object.keys(pass.state.kills)) if (!running.has(id)) delete pass.state.kills[id];
  for (const [name, cs] of Object.entries(pass.state.containers)) {
    const failure = cs.startFailure;
    const all = [...pass.instances("init", name), ...pass.instances("app", name)];
    if (failure && all.some((c) => c.attempt >= failure.attempt)) delete cs.startFailure;
  }
  if (pass.state.sandboxFailure && isRunning(pass.observed.sandbox)) delete pass.state.sandboxFailure;
}

export function computePodActions(
  pod: Pod,
  observed: ObservedPod,
  state: PodRuntimeState,
  ctx: ComputeContext,
): ComputeResult {
  const pass = new Pass(pod, observed, state, ctx, resolveConfig(ctx.config));
  const now = pass.now;
  pruneState(pass);
  const newest = newestAppInstances(pod.spec.containers, observed);
  pass.state.probes = syncProbeStates(pod, newest, pass.state.probes, now);
  const probes = probeViews(pod, newest, pass.state.probes, now);

  const previousPhase = pod.status?.phase;
  const terminalBefore = previousPhase === "Succeeded" || previousPhase === "Failed";
  const startTimeMs = timeMs(pod.status?.startTime) ?? now;
  const deadlineSeconds = pod.spec.activeDeadlineSeconds;
  const deadlineMs = deadlineSeconds === undefined ? undefined : startTimeMs + deadlineSeconds * 1000;
  const deadlineExceeded = !terminalBefore && deadlineMs !== undefined && now >= deadlineMs;

  let stop: PodKillReason | undefined;
  if (pass.deleting) stop = "Deleted";
  else if (terminalBefore) stop = "PodCompleted";
  else if (deadlineExceeded) stop = "DeadlineExceeded";
  else {
    if (deadlineMs !== undefined) pass.dueAt(deadlineMs);
    const change = sandboxChange(pass);
    stop = change ? planSandbox(pass, change) : planContainers(pass, probes);
  }
  if (stop) planStop(pass, stop);
  if (!pass.deleting) planGarbageCollection(pass, stop !== undefined);

  const stoppedForGood = pass.deleting || deadlineExceeded;
  const status = buildPodStatus(pass, {
    probes,
    podIsTerminal: stoppedForGood && !anythingRunning(pass),
    deadlineExceeded,
    sandboxReady: sandboxChange(pass) === undefined,
    startTimeMs,
  });

  const terminal = status.phase === "Succeeded" || status.phase === "Failed";
  const { due, nextDueMs } = dueProbes(pod, newest, pass.state.probes, now, {
    deleting: pass.deleting,
    terminal,
  });
  if (due.length > 0) pass.dueAt(now);
  else if (nextDueMs !== undefined) pass.dueAt(nextDueMs);

  const requeueAfterMs = pass.requeueAfterMs();
  const result: ComputeResult = { actions: pass.actions, state: pass.state, status, events: pass.events };
  if (requeueAfterMs !== undefined) result.requeueAfterMs = requeueAfterMs;
  return result;
}
