// ProbeTracker: the kubelet's prober workers as pure functions over plain state. It says which
// probes are due, turns raw results into verdicts with the thresholds, and derives started, ready
// and "must be killed" for each container. Results are bound to one container instance (by id):
// a restarted container starts with fresh verdicts, as the kubelet's results cache does.

import type { Container, Pod } from "../../manifest/types.js";
import { isRunning, timeMs } from "../lifecycle/observed.js";
import type { ObservedContainer } from "../lifecycle/types.js";
import { probeOf, probeTiming } from "./spec.js";
import type { DueProbe, ProbeKind, ProbeOutcome, ProbeRecord, ProbeStates } from "./types.js";
import { PROBE_KINDS } from "./types.js";

/** A probe handed out and never reported is given up this long after its timeout. */
const LOST_PROBE_GRACE_MS = 5_000;

/** Liveness starts as success, readiness as failure, startup as unknown (kubelet initial values). */
function initialRecord(kind: ProbeKind, containerId: string, nowMs: number): ProbeRecord {
  const verdict = kind === "liveness" ? "success" : kind === "readiness" ? "failure" : "unknown";
  return { containerId, verdict, verdictAtMs: nowMs, run: 0, onHold: false };
}

function recordFor(
  states: ProbeStates | undefined,
  kind: ProbeKind,
  containerId: string,
  nowMs: number,
): ProbeRecord {
  const rec = states?.[kind];
  return rec?.containerId === containerId ? rec : initialRecord(kind, containerId, nowMs);
}

/**
 * Binds probe records to the newest instance of each app container that has probes: records of
 * older instances are dropped, missing ones created. Init containers have no probes.
 */
export function syncProbeStates(
  pod: Pod,
  newest: ReadonlyMap<string, ObservedContainer | undefined>,
  probes: Readonly<Record<string, ProbeStates>>,
  nowMs: number,
): Record<string, ProbeStates> {
  const out: Record<string, ProbeStates> = {};
  for (const container of pod.spec.containers) {
    const instance = newest.get(container.name);
    if (!instance) continue;
    const states: ProbeStates = {};
    for (const kind of PROBE_KINDS) {
      if (probeOf(container, kind))
        states[kind] = recordFor(probes[container.name], kind, instance.id, nowMs);
    }
    if (Object.keys(states).length > 0) out[container.name] = states;
  }
  return out;
}

export interface ContainerProbeView {
  /** Running, and the startup probe (if any) has succeeded. */
  started: boolean;
  /** Started, and the readiness probe (if any) says ready. */
  ready: boolean;
  livenessFailed: boolean;
  startupFailed: boolean;
  /** When the container counts as started (ms): its start, or the startup probe's success. */
  startedAtMs?: number;
}

export function probeView(
  container: Container,
  instance: ObservedContainer | undefined,
  states: ProbeStates | undefined,
  nowMs: number,
): ContainerProbeView {
  if (!instance || !isRunning(instance)) {
    return { started: false, ready: false, livenessFailed: false, startupFailed: false };
  }
  const rec = (kind: ProbeKind): ProbeRecord | undefined =>
    probeOf(container, kind) ? recordFor(states, kind, instance.id, nowMs) : undefined;
  const startup = rec("startup");
  const started = !startup || startup.verdict === "success";
  const containerStart = timeMs(instance.startedAt) ?? nowMs;
  const view: ContainerProbeView = {
    started,
    ready: started && (rec("readiness")?.verdict ?? "success") === "success",
    livenessFailed: started && rec("liveness")?.verdict === "failure",
    startupFailed: startup?.verdict === "failure",
  };
  if (started) view.startedAtMs = startup ? Math.max(containerStart, startup.verdictAtMs) : containerStart;
  return view;
}

export interface DueOptions {
  /** The pod is being deleted: liveness and startup stop, readiness goes on. */
  deleting: boolean;
  /** The pod reached Succeeded or Failed: nothing is probed. */
  terminal: boolean;
}

/** Probes due now, and when the next one falls due. */
export function dueProbes(
  pod: Pod,
  newest: ReadonlyMap<string, ObservedContainer | undefined>,
  probes: Readonly<Record<string, ProbeStates>>,
  nowMs: number,
  opts: DueOptions,
): { due: DueProbe[]; nextDueMs?: number } {
  const due: DueProbe[] = [];
  let nextDueMs: number | undefined;
  if (opts.terminal) return { due };
  for (const container of pod.spec.containers) {
    const instance = newest.get(container.name);
    if (!instance || !isRunning(instance)) continue;
    const states = probes[container.name];
    const view = probeView(container, instance, states, nowMs);
    const containerStart = timeMs(instance.startedAt) ?? nowMs;
    for (const kind of PROBE_KINDS) {
      const probe = probeOf(container, kind);
      if (!probe) continue;
      if (opts.deleting && kind !== "readiness") continue;
      const rec = recordFor(states, kind, instance.id, nowMs);
      if (kind === "startup" ? view.started || rec.onHold : !view.started) continue;
      if (kind === "liveness" && rec.onHold) continue;
      const timing = probeTiming(probe, kind);
      if (rec.inFlightSinceMs !== undefined) {
        const lostAt = rec.inFlightSinceMs + timing.timeoutSeconds * 1000 + LOST_PROBE_GRACE_MS;
        if (nowMs < lostAt) continue;
      }
      const base =
        kind === "startup" ? containerStart : Math.max(containerStart, view.startedAtMs ?? containerStart);
      const dueAtMs =
        rec.lastProbeMs !== undefined
          ? rec.lastProbeMs + timing.periodMs
          : Math.max(base, containerStart + timing.initialDelayMs);
      if (dueAtMs <= nowMs)
        due.push({ containerName: container.name, containerId: instance.id, kind, dueAtMs });
      else nextDueMs = nextDueMs === undefined ? dueAtMs : Math.min(nextDueMs, dueAtMs);
    }
  }
  return nextDueMs === undefined ? { due } : { due, nextDueMs };
}

function withRecord(
  probes: Readonly<Record<string, ProbeStates>>,
  containerName: string,
  kind: ProbeKind,
  rec: ProbeRecord,
): Record<string, ProbeStates> {
  return { ...probes, [containerName]: { ...probes[containerName], [kind]: rec } };
}

/** The agent has handed this probe to an executor: it is not due again until it reports. */
export function markProbeStarted(
  probes: Readonly<Record<string, ProbeStates>>,
  probe: Pick<DueProbe, "containerName" | "containerId" | "kind">,
  nowMs: number,
): Record<string, ProbeStates> {
  const rec = recordFor(probes[probe.containerName], probe.kind, probe.containerId, nowMs);
  return withRecord(probes, probe.containerName, probe.kind, { ...rec, inFlightSinceMs: nowMs });
}

export interface ProbeReport {
  containerName: string;
  containerId: string;
  kind: ProbeKind;
  outcome: ProbeOutcome;
  /** When the probe started (the period counts from here). */
  startedMs: number;
  /** When the result came back; defaults to startedMs. */
  finishedMs?: number;
}

/**
 * Counts a result: `failureThreshold` failures in a row make the verdict failure,
 * `successThreshold` successes in a row make it success. A liveness or startup failure puts the
 * probe on hold until a new container instance runs. Errors and reports about an older instance
 * are thrown away.
 */
export function recordProbeResult(
  probes: Readonly<Record<string, ProbeStates>>,
  pod: Pod,
  report: ProbeReport,
): Record<string, ProbeStates> {
  const container = pod.spec.containers.find((c) => c.name === report.containerName);
  const probe = container ? probeOf(container, report.kind) : undefined;
  const current = probes[report.containerName]?.[report.kind];
  if (!probe || (current && current.containerId !== report.containerId)) return { ...probes };
  const finishedMs = report.finishedMs ?? report.startedMs;
  const base = current ?? initialRecord(report.kind, report.containerId, finishedMs);
  const { inFlightSinceMs: _done, ...rest } = base;
  const rec: ProbeRecord = { ...rest, lastProbeMs: report.startedMs };
  const result = report.outcome.result;
  if (result === "error") return withRecord(probes, report.containerName, report.kind, rec);
  rec.run = rec.lastResult === result ? rec.run + 1 : 1;
  rec.lastResult = result;
  if (result === "failure") rec.lastOutput = report.outcome.output;
  const timing = probeTiming(probe, report.kind);
  const threshold = result === "failure" ? timing.failureThreshold : timing.successThreshold;
  if (rec.run >= threshold) {
    if (rec.verdict !== result) rec.verdictAtMs = finishedMs;
    rec.verdict = result;
    if (result === "failure" && report.kind !== "readiness") {
      rec.onHold = true;
      rec.run = 0;
    }
  }
  return withRecord(probes, report.containerName, report.kind, rec);
}

const KIND_TITLE: Record<ProbeKind, string> = {
  liveness: "Liveness",
  readiness: "Readiness",
  startup: "Startup",
};

/** The kubelet's Unhealthy event for a failed or errored probe; undefined for a success. */
export function probeEvent(
  kind: ProbeKind,
  outcome: ProbeOutcome,
): { type: "Warning"; reason: "Unhealthy"; message: string } | undefined {
  if (outcome.result === "success") return undefined;
  const verb = outcome.result === "failure" ? "failed" : "errored";
  return {
    type: "Warning",
    reason: "Unhealthy",
    message: `${KIND_TITLE[kind]} probe ${verb}: ${outcome.output}`,
  };
}

/** The tracker's operations under one name. */
export const ProbeTracker = {
  sync: syncProbeStates,
  view: probeView,
  due: dueProbes,
  markStarted: markProbeStarted,
  record: recordProbeResult,
  event: probeEvent,
} as const;
