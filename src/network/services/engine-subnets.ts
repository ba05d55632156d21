// Subnets already in use on the engines. A state file is per daemon, but an engine may already
// carry networks berth did not record: another berth on the same engine, a state rebuilt with
// --rebuild-state, or networks of unrelated tools. Docker refuses a network whose pool overlaps
// another ("Pool overlaps with other one on this address space"), so subnets in use are avoided,
// and a namespace network berth made before (labelled with its subnet) is adopted as it is.

import type Docker from "dockerode";
import { LABEL, namespaceNetworkName } from "../../runtime/labels.js";

export interface EngineSubnets {
  /** Subnets of networks that are not berth namespace networks, on any node. */
  taken: Set<string>;
  /** Namespace → the subnet its berth network already has on some node. */
  byNamespace: Map<string, string>;
}

interface NetworkListing {
  Name: string;
  Labels?: Record<string, string> | null;
  IPAM?: { Config?: { Subnet?: string }[] | null };
}

export function emptyEngineSubnets(): EngineSubnets {
  return { taken: new Set(), byNamespace: new Map() };
}

/** Reads every node's networks; a node that does not answer contributes nothing. */
export async function scanEngineSubnets(dockers: readonly Docker[]): Promise<EngineSubnets> {
  const out = emptyEngineSubnets();
  for (const docker of dockers) {
    let nets: NetworkListing[];
    try {
      nets = (await docker.listNetworks()) as NetworkListing[];
    } catch {
      continue;
    }
    for (const n of nets) {
      const ns = n.Labels?.[LABEL.namespace];
      const labelled = n.Labels?.[LABEL.subnet];
      if (ns !== undefined && labelled !== undefined && n.Name === namespaceNetworkName(ns)) {
        out.byNamespace.set(ns, labelled);
        continue;
      }
      for (const c of n.IPAM?.Config ?? []) if (c.Subnet) out.taken.add(c.Subnet);
    }
  }
  return out;
}
