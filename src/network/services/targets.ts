// From a Service's ready endpoints (computeEndpoints, as Kubernetes' endpoints controller) to
// addresses a proxy can dial. Where the dialler sits decides the address:
//
//   same node as the pod      podIP:targetPort on the namespace network
//   another node, the host    <pod's node address>:<host port the sandbox published targetPort on>
//   host-network pod          <pod's node address>:targetPort from anywhere
//
// Docker keeps engines apart: a container on one engine cannot reach another engine's container
// IPs, only ports published on its host's address.

import type { Pod, Service, ServicePort } from "../../manifest/types.js";
import type { PortProtocol } from "../../runtime/observed.js";
import { computeEndpoints } from "../endpoints.js";
import { hostEndpoint, type PublishedPort } from "./published-ports.js";

export interface Target {
  pod: Pod;
  /** The resolved target port on the pod (named ports looked up per pod). */
  targetPort: number;
}

export interface PortTargets {
  port: ServicePort;
  targets: Target[];
}

export interface ReachContext {
  /** Node name → address (berth.yaml nodes[].address). */
  nodeAddresses: ReadonlyMap<string, string>;
  /** The pod's published ports, from its annotation or Docker; undefined when unknown. */
  portsOf(pod: Pod): readonly PublishedPort[] | undefined;
}

export interface Dialable {
  host: string;
  port: number;
  /** `namespace/name` of the pod behind it. */
  pod: string;
}

function podKey(p: Pod): string {
  return p.metadata.uid ?? `${p.metadata.namespace ?? "default"}/${p.metadata.name}`;
}

function sortKey(p: Pod): string {
  return `${p.metadata.name}\0${p.metadata.uid ?? ""}`;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The ready targets of every service port (the Endpoints' ready addresses, per port). */
export function readyTargets(service: Service, pods: readonly Pod[]): PortTargets[] {
  const byKey = new Map<string, Pod>();
  for (const p of pods) byKey.set(podKey(p), p);
  const endpoints = computeEndpoints(service, pods);
  return (service.spec.ports ?? []).map((sp) => {
    const protocol = sp.protocol ?? "TCP";
    const targets: Target[] = [];
    for (const subset of endpoints.subsets ?? []) {
      const ep = subset.ports?.find((p) => (p.name ?? "") === (sp.name ?? "") && p.protocol === protocol);
      if (!ep) continue;
      for (const a of subset.addresses ?? []) {
        const pod = byKey.get(a.targetRef.uid ?? `${a.targetRef.namespace}/${a.targetRef.name}`);
        if (pod) targets.push({ pod, targetPort: ep.port });
      }
    }
    targets.sort((a, b) => compareText(sortKey(a.pod), sortKey(b.pod)));
    return { port: sp, targets };
  });
}

/**
 * How `from` (a node name, or undefined for the berth host) reaches the target; undefined when it
 * cannot (another node's pod whose target port was not published, or whose node is unknown).
 */
export function reach(
  from: string | undefined,
  t: Target,
  protocol: PortProtocol,
  ctx: ReachContext,
): Dialable | undefined {
  const pod = t.pod;
  const name = `${pod.metadata.namespace ?? "default"}/${pod.metadata.name}`;
  const node = pod.spec.nodeName ?? "";
  const nodeAddress = ctx.nodeAddresses.get(node) ?? pod.status?.hostIP ?? "";
  if (pod.spec.hostNetwork === true) {
    return nodeAddress === "" ? undefined : { host: nodeAddress, port: t.targetPort, pod: name };
  }
  const podIP = pod.status?.podIP ?? "";
  if (from !== undefined && node === from && podIP !== "")
    return { host: podIP, port: t.targetPort, pod: name };
  const ports = ctx.portsOf(pod);
  const ep = ports ? hostEndpoint(ports, t.targetPort, protocol, nodeAddress) : undefined;
  return ep ? { ...ep, pod: name } : undefined;
}
