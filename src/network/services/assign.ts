// What the Kubernetes API server's allocators do for a Service, as a pure function over berth's
// persisted allocations: a cluster IP from the namespace's part of the network range, node ports
// from services.nodePortRange for NodePort and LoadBalancer Services. Values are held by the
// Service's uid, so they stay the same across restarts and across updates from git that leave the
// fields empty. Which node port belongs to which service port is remembered in an annotation
// (`berth.io/internal-node-ports`) that applies from git keep.

import type { Service, ServicePort, ServiceSpec } from "../../manifest/types.js";
import {
  allocate,
  allocationsIn,
  holderOf,
  release,
  type AllocationHolder,
  type Allocations,
} from "../../state/allocations.js";
import { formatIPv4, parseIPv4 } from "./ipv4.js";
import { isClusterIPCandidate, type NamespaceNetworkPlan } from "./subnets.js";

export const NODE_PORTS_ANNOTATION = "berth.io/internal-node-ports";

export interface PortRange {
  min: number;
  max: number;
}

export interface AssignInput {
  service: Service;
  allocations: Allocations;
  /** The Service's namespace network; absent for headless and ExternalName Services. */
  plan?: NamespaceNetworkPlan;
  nodePortRange: PortRange;
  now: number;
}

export interface AssignResult {
  spec: ServiceSpec;
  annotations: Record<string, string>;
  allocations: Allocations;
  /** Kubernetes-worded reasons the Service could not get what it asks for (nothing assigned then). */
  problems: string[];
}

export function holderFor(service: Service): AllocationHolder {
  return {
    kind: "Service",
    namespace: service.metadata.namespace ?? "default",
    name: service.metadata.name,
    uid: service.metadata.uid ?? "",
  };
}

export function isHeadless(service: Service): boolean {
  return service.spec.clusterIP === "None";
}

export function wantsClusterIP(service: Service): boolean {
  return service.spec.type !== "ExternalName" && !isHeadless(service);
}

export function wantsNodePorts(service: Service): boolean {
  const t = service.spec.type;
  return (t === "NodePort" || t === "LoadBalancer") && !isHeadless(service);
}

export function portKey(p: ServicePort): string {
  return `${p.protocol ?? "TCP"}/${p.port}`;
}

function heldBy(allocs: Allocations, pool: "clusterIPs" | "nodePorts", uid: string): (string | number)[] {
  return allocationsIn(allocs, pool)
    .filter((a) => a.holder.uid === uid)
    .map((a) => a.value);
}

function parseRemembered(text: string | undefined): Record<string, number> {
  if (text === undefined) return {};
  try {
    const v = JSON.parse(text) as unknown;
    if (typeof v !== "object" || v === null || Array.isArray(v)) return {};
    const out: Record<string, number> = {};
    for (const [k, n] of Object.entries(v)) if (typeof n === "number") out[k] = n;
    return out;
  } catch {
    return {};
  }
}

function assignClusterIP(
  input: AssignInput,
  allocs: Allocations,
  problems: string[],
): { ip?: string; allocations: Allocations } {
  const { service, plan } = input;
  const holder = holderFor(service);
  const held = heldBy(allocs, "clusterIPs", holder.uid) as string[];
  if (!plan) return { allocations: allocs };
  const requested = service.spec.clusterIP;
  if (requested !== undefined && requested !== "" && !held.includes(requested)) {
    const n = parseIPv4(requested);
    if (n === undefined || !isClusterIPCandidate(plan, n)) {
      problems.push(
        `spec.clusterIPs: Invalid value: ["${requested}"]: failed to allocate IP ${requested}: provided IP is not in the valid range. The range of valid IPs is ${formatIPv4(plan.clusterFirst)}-${formatIPv4(plan.clusterLast)} (namespace ${plan.namespace})`,
      );
      return { allocations: allocs };
    }
    if (holderOf(allocs, "clusterIPs", requested) !== undefined) {
      problems.push(
        `spec.clusterIPs: Invalid value: ["${requested}"]: failed to allocate IP ${requested}: provided IP is already allocated`,
      );
      return { allocations: allocs };
    }
    let next = allocs;
    for (const old of held) next = release(next, "clusterIPs", old);
    return { ip: requested, allocations: allocate(next, "clusterIPs", requested, holder, input.now) };
  }
  const keep = requested !== undefined && requested !== "" ? requested : held[0];
  if (keep !== undefined) {
    let next = allocs;
    for (const old of held) if (old !== keep) next = release(next, "clusterIPs", old);
    return { ip: keep, allocations: next };
  }
  const taken = new Set(allocationsIn(allocs, "clusterIPs").map((a) => a.value));
  for (let n = plan.clusterFirst; n <= plan.clusterLast; n++) {
    if (!isClusterIPCandidate(plan, n)) continue;
    const ip = formatIPv4(n);
    if (taken.has(ip)) continue;
    return { ip, allocations: allocate(allocs, "clusterIPs", ip, holder, input.now) };
  }
  problems.push(
    `failed to allocate a cluster IP: the range ${formatIPv4(plan.clusterFirst)}-${formatIPv4(plan.clusterLast)} of namespace ${plan.namespace} is full`,
  );
  return { allocations: allocs };
}

function assignNodePorts(
  input: AssignInput,
  allocs: Allocations,
  problems: string[],
): { ok: boolean; ports: ServicePort[]; remembered: Record<string, number>; allocations: Allocations } {
  const { service, nodePortRange: range } = input;
  const holder = holderFor(service);
  const ports = (service.spec.ports ?? []).map((p) => ({ ...p }));
  const remembered = parseRemembered(service.metadata.annotations?.[NODE_PORTS_ANNOTATION]);
  const held = new Set(heldBy(allocs, "nodePorts", holder.uid) as number[]);
  const chosen = new Map<number, number>();
  const used = new Set<number>();
  // Explicit node ports first, then remembered ones, then new ones: an explicit port wins over a
  // remembered one another port of the same Service had.
  ports.forEach((p, i) => {
    if (p.nodePort === undefined || p.nodePort === 0) return;
    const n = p.nodePort;
    const owner = holderOf(allocs, "nodePorts", n);
    if (n < range.min || n > range.max) {
      problems.push(
        `spec.ports[${i}].nodePort: Invalid value: ${n}: provided port is not in the valid range. The range of valid ports is ${range.min}-${range.max}`,
      );
    } else if ((owner !== undefined && owner.uid !== holder.uid) || used.has(n)) {
      const who = owner && owner.uid !== holder.uid ? ` (by Service ${owner.namespace}/${owner.name})` : "";
      problems.push(
        `spec.ports[${i}].nodePort: Invalid value: ${n}: provided port is already allocated${who}`,
      );
    } else {
      chosen.set(i, n);
      used.add(n);
    }
  });
  if (problems.length > 0) return { ok: false, ports, remembered, allocations: allocs };
  ports.forEach((p, i) => {
    if (chosen.has(i)) return;
    const r = remembered[portKey(p)];
    if (r !== undefined && held.has(r) && !used.has(r)) {
      chosen.set(i, r);
      used.add(r);
    }
  });
  const taken = new Set(allocationsIn(allocs, "nodePorts").map((a) => a.value));
  let candidate = range.min;
  for (let i = 0; i < ports.length; i++) {
    if (chosen.has(i)) continue;
    while (candidate <= range.max && (taken.has(candidate) || used.has(candidate))) candidate++;
    if (candidate > range.max) {
      problems.push(`failed to allocate a node port: the range ${range.min}-${range.max} is full`);
      return { ok: false, ports, remembered, allocations: allocs };
    }
    chosen.set(i, candidate);
    used.add(candidate);
  }
  let next = allocs;
  for (const old of held) if (!used.has(old)) next = release(next, "nodePorts", old);
  const memory: Record<string, number> = {};
  ports.forEach((p, i) => {
    const n = chosen.get(i);
    if (n === undefined) return;
    next = allocate(next, "nodePorts", n, holder, input.now);
    p.nodePort = n;
    memory[portKey(p)] = n;
  });
  return { ok: true, ports, remembered: memory, allocations: next };
}

/** Allocations, spec and annotations the Service should have. Idempotent. */
export function assignServiceAddresses(input: AssignInput): AssignResult {
  const { service } = input;
  const uid = holderFor(service).uid;
  const problems: string[] = [];
  let allocs = input.allocations;
  const spec: ServiceSpec = { ...service.spec };
  const annotations = { ...(service.metadata.annotations ?? {}) };

  if (wantsClusterIP(service)) {
    const r = assignClusterIP(input, allocs, problems);
    allocs = r.allocations;
    if (r.ip !== undefined) {
      spec.clusterIP = r.ip;
      spec.clusterIPs = [r.ip];
    }
  } else {
    for (const ip of heldBy(allocs, "clusterIPs", uid)) allocs = release(allocs, "clusterIPs", ip as string);
    if (isHeadless(service)) spec.clusterIPs = ["None"];
  }

  if (wantsNodePorts(service) && problems.length === 0) {
    const r = assignNodePorts(input, allocs, problems);
    allocs = r.allocations;
    if (r.ok) {
      spec.ports = r.ports;
      annotations[NODE_PORTS_ANNOTATION] = JSON.stringify(r.remembered);
    }
  } else if (!wantsNodePorts(service)) {
    for (const n of heldBy(allocs, "nodePorts", uid)) allocs = release(allocs, "nodePorts", n as number);
    if (spec.ports?.some((p) => p.nodePort !== undefined)) {
      spec.ports = spec.ports.map(({ nodePort: _n, ...p }) => p);
    }
    delete annotations[NODE_PORTS_ANNOTATION];
  }
  // Nothing half-done: a Service that cannot get everything keeps what git says and holds only
  // what it held before.
  if (problems.length > 0) {
    return {
      spec: service.spec,
      annotations: service.metadata.annotations ?? {},
      allocations: input.allocations,
      problems,
    };
  }
  return { spec, annotations, allocations: allocs, problems };
}
