// How a pod's ports are reached from outside its node: the sandbox publishes every declared
// containerPort on the node's address (docs/runtime.md, Ports). The node agent tells the service
// layer which host port each got through an annotation on the Pod, written whenever it starts a
// sandbox (together with status.podIP):
//
//   berth.io/internal-published-ports: {"podIP":"10.96.0.5","ports":[
//     {"containerPort":80,"protocol":"TCP","hostIP":"10.231.0.2","hostPort":32768}]}
//
// `podIP` ties the mapping to one sandbox: when it differs from status.podIP the annotation is
// stale and the controller asks Docker instead (as it does when the annotation is missing).
// The `berth.io/internal-` prefix makes applies from git keep it (src/daemon/apply.ts).

import type { Pod } from "../../manifest/types.js";
import type { ObservedPort, PortProtocol } from "../../runtime/observed.js";

export const PUBLISHED_PORTS_ANNOTATION = "berth.io/internal-published-ports";

export interface PublishedPort {
  containerPort: number;
  protocol: PortProtocol;
  /** "0.0.0.0", "::" or "" mean every address of the node. */
  hostIP: string;
  hostPort: number;
}

export interface PublishedPorts {
  podIP: string;
  ports: PublishedPort[];
}

/** The annotation value for a sandbox's ports (for the agent). */
export function formatPublishedPorts(podIP: string, ports: readonly ObservedPort[]): string {
  const list = ports.map((p) => ({
    containerPort: p.containerPort,
    protocol: p.protocol,
    hostIP: p.hostIP,
    hostPort: p.hostPort,
  }));
  return JSON.stringify({ podIP, ports: list });
}

function isPort(v: unknown): v is PublishedPort {
  if (typeof v !== "object" || v === null) return false;
  const p = v as Record<string, unknown>;
  return (
    typeof p.containerPort === "number" &&
    typeof p.hostPort === "number" &&
    typeof p.hostIP === "string" &&
    (p.protocol === "TCP" || p.protocol === "UDP" || p.protocol === "SCTP")
  );
}

/** The pod's annotation when present, well-formed and about its current sandbox. */
export function annotatedPorts(pod: Pod): PublishedPorts | undefined {
  const text = pod.metadata.annotations?.[PUBLISHED_PORTS_ANNOTATION];
  if (text === undefined) return undefined;
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof v !== "object" || v === null) return undefined;
  const o = v as { podIP?: unknown; ports?: unknown };
  if (typeof o.podIP !== "string" || !Array.isArray(o.ports) || !o.ports.every(isPort)) return undefined;
  if (o.podIP !== (pod.status?.podIP ?? "")) return undefined;
  return { podIP: o.podIP, ports: o.ports };
}

const ANY_ADDRESS = new Set(["", "0.0.0.0", "::"]);

/**
 * Where `containerPort/protocol` of the pod answers from other hosts: a binding on a specific
 * IPv4 address first, else one on every address (reached at the node's address).
 */
export function hostEndpoint(
  ports: readonly PublishedPort[],
  containerPort: number,
  protocol: PortProtocol,
  nodeAddress: string,
): { host: string; port: number } | undefined {
  const matching = ports.filter((p) => p.containerPort === containerPort && p.protocol === protocol);
  const specific = matching.find((p) => !ANY_ADDRESS.has(p.hostIP) && !p.hostIP.includes(":"));
  if (specific) return { host: specific.hostIP, port: specific.hostPort };
  const any = matching.find((p) => ANY_ADDRESS.has(p.hostIP));
  if (any && nodeAddress !== "") return { host: nodeAddress, port: any.hostPort };
  return undefined;
}
