// Running a pod's due probes beside its passes: each probe is marked started, run with the right
// executor, and its result folded into the pod's state. A changed verdict (ready, not ready,
// liveness or startup failed, startup passed) asks for a pass; otherwise only the next probe's time
// is scheduled.

import type Docker from "dockerode";
import type { Pod } from "../../manifest/types.js";
import type { Clock } from "../../util/clock.js";
import { probesDue } from "../lifecycle/probe-schedule.js";
import type { PodRuntimeState } from "../lifecycle/types.js";
import type { ObservedPod } from "../observed.js";
import { runProbe } from "../probes/run.js";
import { probeOf } from "../probes/spec.js";
import { markProbeStarted, probeEvent, recordProbeResult } from "../probes/tracker.js";
import type { DueProbe, ProbeOutcome } from "../probes/types.js";
import type { PodEvent } from "./event-sink.js";
import { execProbe, portResolver } from "./probe-target.js";

/** The worker, as the probes see it. */
export interface ProbeHost {
  readonly clock: Clock;
  getState(): PodRuntimeState;
  setState(state: PodRuntimeState): void;
  /** The pod as it is now (undefined once deleted). */
  currentPod(): Pod | undefined;
  currentObserved(): ObservedPod | undefined;
  event(pod: Pod, e: PodEvent): void;
  /** A verdict changed: run a pass. */
  verdictChanged(): void;
  /** Look again at this time (ms) at the latest. */
  dueAt(ms: number): void;
  stopped(): boolean;
}

/** Starts every probe due now; returns how many. */
export function launchDueProbes(
  host: ProbeHost,
  docker: Docker,
  pod: Pod,
  observed: ObservedPod,
  address: string,
): number {
  const now = host.clock.now();
  const { due } = probesDue(pod, observed, host.getState(), now);
  if (due.length === 0) return 0;
  const resolve = portResolver(pod, observed.sandbox, address);
  const exec = execProbe(docker);
  const podIP = observed.sandbox?.ip;
  for (const p of due) {
    const container = pod.spec.containers.find((c) => c.name === p.containerName);
    const probe = container ? probeOf(container, p.kind) : undefined;
    if (!container || !probe) continue;
    const state = host.getState();
    host.setState({ ...state, probes: markProbeStarted(state.probes, p, now) });
    void runProbe(probe, {
      pod,
      container,
      containerId: p.containerId,
      resolve,
      exec,
      ...(podIP !== undefined ? { podIP } : {}),
    }).then((outcome) => probeFinished(host, p, outcome, now));
  }
  return due.length;
}

function verdictOf(state: PodRuntimeState, p: DueProbe): string | undefined {
  return state.probes[p.containerName]?.[p.kind]?.verdict;
}

function probeFinished(host: ProbeHost, p: DueProbe, outcome: ProbeOutcome, startedMs: number): void {
  const pod = host.currentPod();
  if (host.stopped() || !pod) return;
  const finishedMs = host.clock.now();
  const before = host.getState();
  const probes = recordProbeResult(before.probes, pod, {
    containerName: p.containerName,
    containerId: p.containerId,
    kind: p.kind,
    outcome,
    startedMs,
    finishedMs,
  });
  const after = { ...host.getState(), probes };
  host.setState(after);
  const ev = probeEvent(p.kind, outcome);
  if (ev) host.event(pod, ev);
  if (verdictOf(before, p) !== verdictOf(after, p)) {
    host.verdictChanged();
    return;
  }
  const observed = host.currentObserved();
  if (!observed) return;
  const { due, nextDueMs } = probesDue(pod, observed, after, finishedMs);
  if (due.length > 0) host.dueAt(finishedMs);
  else if (nextDueMs !== undefined) host.dueAt(nextDueMs);
}
