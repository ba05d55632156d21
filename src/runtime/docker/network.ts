// One user-defined bridge network per namespace per engine, `berth-ns-<namespace>`: pods of a
// namespace resolve each other by alias through Docker's embedded DNS. Docker isolates bridge
// networks from each other, so — unlike Kubernetes — pods of different namespaces do not reach
// each other directly; cross-namespace traffic goes through published ports (services).
//
// Docker's duplicate-name check is not atomic: two creates racing on one engine can both succeed,
// and every later lookup by name fails as ambiguous. Creation is therefore single-flight per
// client and name, and duplicates found anyway (another client raced) are resolved: the oldest
// network is kept, unused younger ones are removed.

import type Docker from "dockerode";
import { BerthError } from "../../util/errors.js";
import { LABEL, namespaceNetworkName } from "../labels.js";
import { engineMessage, isConflict, isNotFound, statusOf } from "./errors.js";

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

interface NetworkShape {
  Id: string;
  Name: string;
  Created?: string;
  Containers?: Record<string, unknown> | null;
}

/** Only a subnet berth chose counts: Docker fills IPAM.Config in for networks it addressed. */
function subnetOf(n: NetworkInspect): string {
  return n.Labels?.[LABEL.subnet] !== undefined ? (n.IPAM?.Config?.[0]?.Subnet ?? "") : "";
}

function isAmbiguous(e: unknown): boolean {
  return statusOf(e) === 400 && /ambiguous|matches found/i.test(engineMessage(e));
}

/** Several networks carry the name: keep the oldest, remove unused younger ones. */
async function resolveDuplicates(docker: Docker, name: string): Promise<NamespaceNetwork | undefined> {
  const all = (await docker.listNetworks({ filters: { name: [name] } })) as NetworkShape[];
  const same = all
    .filter((n) => n.Name === name)
    .sort((a, b) => (a.Created ?? "").localeCompare(b.Created ?? ""));
  const [keep, ...extra] = same;
  for (const n of extra) {
    const info = (await docker.getNetwork(n.Id).inspect()) as NetworkShape;
    if (Object.keys(info.Containers ?? {}).length > 0) continue;
    try {
      await docker.getNetwork(n.Id).remove();
    } catch {
      // Taken into use meanwhile, or removed by the other racer: either way not ours to force.
    }
  }
  if (!keep) return undefined;
  const n = (await docker.getNetwork(keep.Id).inspect()) as NetworkInspect;
  return { id: n.Id, name: n.Name, subnet: subnetOf(n) };
}

async function inspectNetwork(docker: Docker, name: string): Promise<NamespaceNetwork | undefined> {
  try {
    const n = (await docker.getNetwork(name).inspect()) as NetworkInspect;
    // Lookup by name also matches id prefixes; only an exact name is ours.
    if (n.Name !== name) return undefined;
    return { id: n.Id, name: n.Name, subnet: subnetOf(n) };
  } catch (e) {
    if (isNotFound(e)) return undefined;
    if (isAmbiguous(e)) return resolveDuplicates(docker, name);
    throw e;
  }
}

const pending = new WeakMap<Docker, Map<string, Promise<NamespaceNetwork>>>();

/**
 * The namespace's network on this engine, created when absent — with `ipam` when given. An
 * existing network is returned as it is (its subnet tells whether it follows a plan).
 */
export function ensureNamespaceNetwork(
  docker: Docker,
  node: string,
  namespace: string,
  ipam?: NamespaceNetworkIpam,
): Promise<NamespaceNetwork> {
  let byName = pending.get(docker);
  if (!byName) pending.set(docker, (byName = new Map<string, Promise<NamespaceNetwork>>()));
  const name = namespaceNetworkName(namespace);
  let p = byName.get(name);
  if (!p) {
    const map = byName;
    p = ensureOnce(docker, node, namespace, ipam).finally(() => map.delete(name));
    byName.set(name, p);
  }
  return p;
}

async function ensureOnce(
  docker: Docker,
  node: string,
  namespace: string,
  ipam: NamespaceNetworkIpam | undefined,
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
