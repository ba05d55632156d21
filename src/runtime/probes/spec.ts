// A container's probes with Kubernetes' defaults filled in.

import type { Container, Probe } from "../../manifest/types.js";
import type { ProbeKind } from "./types.js";

export interface ProbeTiming {
  initialDelayMs: number;
  timeoutSeconds: number;
  periodMs: number;
  successThreshold: number;
  failureThreshold: number;
}

export function probeOf(container: Container, kind: ProbeKind): Probe | undefined {
  switch (kind) {
    case "liveness":
      return container.livenessProbe;
    case "readiness":
      return container.readinessProbe;
    case "startup":
      return container.startupProbe;
  }
}

/** Defaults: delay 0, timeout 1 s, period 10 s (at least 1), success 1 (always 1 for liveness and startup), failure 3. */
export function probeTiming(probe: Probe, kind: ProbeKind): ProbeTiming {
  const positive = (v: number | undefined, d: number): number => (v !== undefined && v > 0 ? v : d);
  return {
    initialDelayMs: Math.max(0, probe.initialDelaySeconds ?? 0) * 1000,
    timeoutSeconds: positive(probe.timeoutSeconds, 1),
    periodMs: positive(probe.periodSeconds, 10) * 1000,
    successThreshold: kind === "readiness" ? positive(probe.successThreshold, 1) : 1,
    failureThreshold: positive(probe.failureThreshold, 3),
  };
}

export function hasProbes(container: Container): boolean {
  return !!(container.livenessProbe ?? container.readinessProbe ?? container.startupProbe);
}
