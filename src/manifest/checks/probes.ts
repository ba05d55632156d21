// Probes: exactly one handler; ports that exist (a named port must be one of the container's);
// successThreshold 1 for liveness and startup probes, as Kubernetes requires.

import { error, type FieldPath, type Issue } from "../issue.js";
import type { Container, IntOrString, Probe } from "../types.js";
import { isPortNumber, portNameIssues, portRangeIssue } from "./report.js";

const HANDLERS = ["exec", "httpGet", "tcpSocket", "grpc"] as const;

function checkProbePort(port: IntOrString, c: Container, path: FieldPath): Issue[] {
  if (typeof port === "number") return isPortNumber(port) ? [] : [portRangeIssue(path, port)];
  const nameProblems = portNameIssues(path, port);
  if (nameProblems.length > 0) return nameProblems;
  const names = (c.ports ?? []).flatMap((p) => (p.name === undefined ? [] : [p.name]));
  if (names.includes(port)) return [];
  return [
    error(
      "E_PORT",
      path,
      `the probe refers to port "${port}", which is not a named port of container "${c.name}"`,
      {
        expected:
          names.length > 0
            ? `a port number or one of: ${names.join(", ")}`
            : "a port number (the container names no ports)",
        found: JSON.stringify(port),
        hint: `add a port named "${port}" to the container's ports, or use the port number`,
      },
    ),
  ];
}

export function checkProbe(probe: Probe, which: string, c: Container, path: FieldPath): Issue[] {
  const out: Issue[] = [];
  const record = probe as unknown as Record<string, unknown>;
  const handlers = HANDLERS.filter((h) => record[h] !== undefined && record[h] !== null);
  if (handlers.length === 0) {
    out.push(
      error("E_VALUE", path, "must specify a handler type", {
        expected: "one of exec, httpGet, tcpSocket or grpc",
        found: "none",
      }),
    );
  } else if (handlers.length > 1) {
    out.push(
      error("E_VALUE", path, "may not specify more than 1 handler type", {
        expected: "one of exec, httpGet, tcpSocket or grpc",
        found: handlers.join(" and "),
      }),
    );
  }
  if (probe.httpGet) out.push(...checkProbePort(probe.httpGet.port, c, [...path, "httpGet", "port"]));
  if (probe.tcpSocket) out.push(...checkProbePort(probe.tcpSocket.port, c, [...path, "tcpSocket", "port"]));
  if (
    (which === "livenessProbe" || which === "startupProbe") &&
    probe.successThreshold !== undefined &&
    probe.successThreshold !== 1
  ) {
    out.push(
      error("E_VALUE", [...path, "successThreshold"], `must be 1 for a ${which}`, {
        expected: "1",
        found: String(probe.successThreshold),
        hint: "only readiness probes may require several successes in a row",
      }),
    );
  }
  return out;
}
