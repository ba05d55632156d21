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
}

async function inspectNetwork(docker: Docker, name: string): Promise<NamespaceNetwork | undefined> {
  try {
    const n = (await docker.getNetwork(name).inspect()) as { Id: string; Name: string };
    // Lookup by name also matches id prefixes; only an exact name is ours.
    return n.Name === name ? { id: n.Id, name: n.Name } : undefined;
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw e;
  }
}

export async function ensureNamespaceNetwork(
  docker: Docker,
  node: string,
  namespace: string,
): Promise<NamespaceNetwork> {
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
    // Two agents (or two pods) racing: the loser finds the winner's network.
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
