// The fallback for pods without a (current) published-ports annotation: ask the pod's engine.
// One list call per node returns every sandbox's port mapping; the cache keeps the answer per
// pod uid with the sandbox's address, so a replaced sandbox (new address) is asked about again.

import type Docker from "dockerode";
import { engineMessage } from "../../runtime/docker/errors.js";
import { LABEL } from "../../runtime/labels.js";
import type { PortProtocol } from "../../runtime/observed.js";
import { BerthError } from "../../util/errors.js";
import type { PublishedPorts } from "./published-ports.js";

interface ListedSandbox {
  Labels?: Record<string, string>;
  Ports?: { IP?: string; PrivatePort: number; PublicPort?: number; Type: string }[];
  NetworkSettings?: { Networks?: Record<string, { IPAddress?: string }> };
  HostConfig?: { NetworkMode?: string };
}

/** Pure: the list output → pod uid → ports (with the sandbox's namespace-network address). */
export function sandboxPortsFromList(list: readonly ListedSandbox[]): Map<string, PublishedPorts> {
  const out = new Map<string, PublishedPorts>();
  for (const c of list) {
    const uid = c.Labels?.[LABEL.podUid];
    if (!uid) continue;
    const mode = c.HostConfig?.NetworkMode ?? "";
    const podIP = c.NetworkSettings?.Networks?.[mode]?.IPAddress ?? "";
    const ports = (c.Ports ?? [])
      .filter((p) => p.PublicPort !== undefined && p.PublicPort > 0)
      .map((p) => ({
        containerPort: p.PrivatePort,
        protocol: p.Type.toUpperCase() as PortProtocol,
        hostIP: p.IP ?? "",
        hostPort: p.PublicPort ?? 0,
      }));
    out.set(uid, { podIP, ports });
  }
  return out;
}

export async function listSandboxPorts(docker: Docker, node: string): Promise<Map<string, PublishedPorts>> {
  try {
    const list = (await docker.listContainers({
      filters: { label: [`${LABEL.role}=sandbox`, `${LABEL.node}=${node}`] },
    })) as ListedSandbox[];
    return sandboxPortsFromList(list);
  } catch (e) {
    throw new BerthError("E_DOCKER", `listing pod sandboxes on node ${node}: ${engineMessage(e)}`, {
      cause: e,
    });
  }
}
