// A pod's declared container ports → what its sandbox publishes. Every declared port is
// published: to its hostPort when one is given (on hostIP, default every address — the Kubernetes
// meaning), otherwise to an ephemeral host port bound to the node's address, so services and the
// ingress can reach the pod from other engines. Host-network pods publish nothing: their ports
// are the node's.

import type { Pod } from "../../manifest/types.js";

export interface PortBinding {
  HostIp: string;
  HostPort: string;
}

export interface PortPublishing {
  ExposedPorts: Record<string, Record<string, never>>;
  PortBindings: Record<string, PortBinding[]>;
}

/** Docker's port key: `80/tcp`. */
export function portKey(containerPort: number, protocol: string | undefined): string {
  return `${containerPort}/${(protocol ?? "TCP").toLowerCase()}`;
}

export function mapPorts(pod: Pod, nodeAddress: string): PortPublishing {
  const out: PortPublishing = { ExposedPorts: {}, PortBindings: {} };
  if (pod.spec.hostNetwork) return out;
  const seen = new Set<string>();
  for (const c of pod.spec.containers) {
    for (const p of c.ports ?? []) {
      const key = portKey(p.containerPort, p.protocol);
      const binding: PortBinding =
        p.hostPort !== undefined && p.hostPort > 0
          ? { HostIp: p.hostIP ?? "", HostPort: String(p.hostPort) }
          : { HostIp: nodeAddress, HostPort: "" };
      const dedupe = `${key}|${binding.HostIp}|${binding.HostPort}`;
      if (seen.has(dedupe)) continue;
      seen.add(dedupe);
      out.ExposedPorts[key] = {};
      (out.PortBindings[key] ??= []).push(binding);
    }
  }
  return out;
}
