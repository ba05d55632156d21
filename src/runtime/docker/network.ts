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
}

interface NetworkShape {
  Id: string;
  Name: string;
  Created?: string;
  Containers?: Record<string, unknown> | null;
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
  return keep ? { id: keep.Id, name: keep.Name } : undefined;
}

async function inspectNetwork(docker: Docker, name: string): Promise<NamespaceNetwork | undefined> {
  try {
    const n = (await docker.getNetwork(name).inspect()) as NetworkShape;
    // Lookup by name also matches id prefixes; only an exact name is ours.
    return n.Name === name ? { id: n.Id, name: n.Name } : undefined;
  } catch (e) {
    if (isNotFound(e)) return undefined;
    if (isAmbiguous(e)) return resolveDuplicates(docker, name);
    throw e;
  }
}

const pending = new WeakMap<Docker, Map<string, Promise<NamespaceNetwork>>>();

export function ensureNamespaceNetwork(
  docker: Docker,
  node: string,
  namespace: string,
): Promise<NamespaceNetwork> {
  let byName = pending.get(docker);
  if (!byName) pending.set(docker, (byName = new Map<string, Promise<NamespaceNetwork>>()));
  const name = namespaceNetworkName(namespace);
  let p = byName.get(name);
  if (!p) {
    const map = byName;
    p = ensureOnce(docker, node, namespace).finally(() => map.delete(name));
    byName.set(name, p);
  }
  return p;
}

async function ensureOnce(docker: Docker, node: string, namespace: string): Promise<NamespaceNetwork> {
  const name = namespaceNetworkName(namespace);
  const existing = await inspectNetwork(docker, name);
  if (existing) return existing;
  try {
    const n = await docker.createNetwork({
      Name: name,
      Driver: "bridge",
      CheckDuplicate: true,
      Labels: { [LABEL.managed]: "true", [LABEL.namespace]: namespace, [LABEL.node]: node },
    });
    return { id: n.id, name };
  } catch (e) {
    // Another client (or another berth) racing: the loser finds the winner's network.
    if (isConflict(e)) {
      const again = await inspectNetwork(docker, name);
      if (again) return again;
    }
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
