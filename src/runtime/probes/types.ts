// Probe state and outcomes. The tracker (pure) decides when probes are due and what their results
// mean; the executors (http, tcp, exec) run one probe and report an outcome.

import type { Container, Pod } from "../../manifest/types.js";

export type ProbeKind = "liveness" | "readiness" | "startup";

export const PROBE_KINDS: readonly ProbeKind[] = ["startup", "liveness", "readiness"];

/**
 * One probe run: success and failure count towards the thresholds; `error` means the probe could not
 * be run at all (a named port that does not exist, the exec boundary failing) and, as in the kubelet,
 * is thrown away.
 */
export interface ProbeOutcome {
  result: "success" | "failure" | "error";
  /** Response body, command output or error text (at most 10 KiB), for events. */
  output: string;
}

/** The result the kubelet acts on once thresholds are applied. */
export type ProbeVerdict = "success" | "failure" | "unknown";

export interface ProbeRecord {
  /** The container instance this record belongs to; a new instance starts a new record. */
  containerId: string;
  verdict: ProbeVerdict;
  /** When the verdict last changed (ms). */
  verdictAtMs: number;
  /** The last counted raw result and how many times in a row it came. */
  lastResult?: "success" | "failure";
  run: number;
  /** When the last probe started (ms); the next is due a period later. */
  lastProbeMs?: number;
  /** A probe has been handed to an executor and has not reported yet. */
  inFlightSinceMs?: number;
  /** Liveness and startup stop probing after a failure verdict until a new container runs. */
  onHold: boolean;
  /** Output of the last failed probe. */
  lastOutput?: string;
}

export type ProbeStates = Partial<Record<ProbeKind, ProbeRecord>>;

/** A probe the agent should run now. */
export interface DueProbe {
  containerName: string;
  containerId: string;
  kind: ProbeKind;
  dueAtMs: number;
}

/** Runs a command in a container (the Docker layer's exec); exit code 0 is success. */
export type ExecFn = (
  containerId: string,
  command: string[],
  timeoutSeconds: number,
) => Promise<{ exitCode: number; output: string; timedOut?: boolean }>;

/**
 * How berth reaches a container port: pods are reached through ports published on the node's
 * address, so the agent maps (container, port) to where that port answers.
 */
export type PortResolver = (container: Container, port: number) => { host: string; port: number };

export interface ProbeTarget {
  pod: Pod;
  container: Container;
  containerId: string;
  /** Default host when the probe names none and there is no resolver. */
  podIP?: string;
  resolve?: PortResolver;
  exec?: ExecFn;
}
