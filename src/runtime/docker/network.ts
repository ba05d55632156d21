// One user-defined bridge network per namespace per engine, `berth-ns-<namespace>`: pods of a
// namespace resolve each other by alias through Docker's embedded DNS. Docker isolates bridge
// networks from each other, so — unlike Kubernetes — pods of different namespaces do not reach
// each other directly; cross-namespace traffic goes through published ports (services).

import type Docker from "dockerode";
import { BerthError } from "../../util/errors.js";
import { LABEL, namespaceNetworkName } from "../labels.js";
import { engineMessage, isConflict, isNotFound } from "./errors.js";

export interface NamespaceNetwork {
  id: string;
  name: string;
  /** The IPv4 subnet the network was created with ("" when Docker chose it). */
  subnet: string;
}

/** The address plan the service layer gives namespace networks (src/network/services/subnets.ts):
 * the same subnet on every node, Docker's dynamic allocation limited to `ipRange` so the rest is
 * free for static cluster IPs. */
export interface NamespaceNetworkIpam {
  subnet: string;
  gateway: string;
  ipRange: string;
}

interface NetworkInspect {
  Id: string;
  Name: string;
  Labels?: Record<string, string> | null;
  IPAM?: { Config?: { Subnet?: string }[] | null };
}

async function inspectNetwork(docker: Docker, name: string): Promise<NamespaceNetwork | undefined> {
  try {
    const n = (await docker.getNetwork(name).inspect()) as NetworkInspect;
    // Lookup by name also matches id prefixes; only an exact name is ours.
    if (n.Name !== name) return undefined;
    // Only a subnet berth chose counts: Docker fills IPAM.Config in for networks it addressed.
    const subnet = n.Labels?.[LABEL.subnet] !== undefined ? (n.IPAM?.Config?.[0]?.Subnet ?? "") : "";
    return { id: n.Id, name: n.Name, subnet };
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw e;
  }
}

/**
 * The namespace's network on this engine, created when absent — with `ipam` when given. An
 * existing network is returned as it is (its subnet tells whether it follows a plan).
 */
export async function ensureNamespaceNetwork(
  docker: Docker,
  node: string,
  namespace: string,
  ipam?: NamespaceNetworkIpam,
): Promise<NamespaceNetwork> {
  const name = namespaceNetworkName(namespace);
  const existing = await inspectNetwork(docker, name);
  if (existing) return existing;
  try {
    const labels: Record<string, string> = {
      [LABEL.managed]: "true",
      [LABEL.namespace]: namespace,
      [LABEL.node]: node,
    };
    if (ipam) labels[LABEL.subnet] = ipam.subnet;
    const n = await docker.createNetwork({
      Name: name,
      Driver: "bridge",
      CheckDuplicate: true,
      Labels: labels,
      ...(ipam
        ? {
            IPAM: {
              Driver: "default",
              Config: [{ Subnet: ipam.subnet, Gateway: ipam.gateway, IPRange: ipam.ipRange }],
            },
          }
        : {}),
    });
    return { id: n.id, name, subnet: ipam?.subnet ?? "" };
  } catch (e) {
    // Two agents (or two pods, or the service controller) racing: the loser finds the winner's
    // network. With a subnet the engine reports the race as an overlapping pool, not a conflict.
    const again = await inspectNetwork(docker, name);
    if (again) return again;
    throw new BerthError("E_DOCKER", `creating network ${name}: ${engineMessage(e)}`, { cause: e });
  }
}

/** Removes the namespace's network once no container uses it; false when something still does. */
export async function removeNamespaceNetwork(docker: Docker, namespace: string): Promise<boolean> {
  const name = namespaceNetworkName(namespace);
  const n = await inspectNetwork(docker, name);
  if (!n) return true;
  try {
    await docker.getNetwork(n.id).remove();
    return true;
  } catch (e) {
    if (isNotFound(e)) return true;
    if (isConflict(e) || engineMessage(e).includes("active endpoints")) return false;
    throw new BerthError("E_DOCKER", `removing network ${name}: ${engineMessage(e)}`, { cause: e });
  }
}
