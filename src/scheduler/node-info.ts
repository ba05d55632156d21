// One node as the scheduler sees it: its status plus running sums over the pods bound to it
// (requested resources, host ports in use, pods per owner), kept up to date as pods are added and
// removed, so no filter or score ever walks a node's pod list.

import type { Labels, Pod, Taint } from "../manifest/types.js";
import { boundPodOf } from "./pod-demand.js";
import type { BoundPod, ComputeRequests, HostPort, NodeStatus, Resources } from "./types.js";

/** The taint Kubernetes puts on a node that is not Ready (TaintNodesByCondition). */
export const NOT_READY_TAINT: Readonly<Taint> = { key: "node.kubernetes.io/not-ready", effect: "NoSchedule" };
/** Set on every node by the kubelet; berth sets it to the node name unless the config does. */
export const HOSTNAME_LABEL = "kubernetes.io/hostname";
/** kubelet's default maxPods. */
export const DEFAULT_MAX_PODS = 110;

const ANY_IP = "0.0.0.0";

/** FNV-1a: a stable 32-bit hash for the deterministic tie-break. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export class NodeInfo {
  readonly name: string;
  readonly labels: Readonly<Labels>;
  readonly taints: readonly Taint[];
  readonly unschedulable: boolean;
  readonly ready: boolean;
  readonly allocatable: Readonly<Resources>;
  /** Node fields that node affinity's matchFields may select on. */
  readonly fields: Readonly<Labels>;
  readonly nameHash: number;
  /** NoSchedule and NoExecute taints (the not-ready taint first when not Ready): the filter's list. */
  readonly filterTaints: readonly Taint[];
  readonly preferNoScheduleTaints: readonly Taint[];

  private readonly bound = new Map<string, BoundPod>();
  private readonly requestedSum: ComputeRequests = { cpuMillis: 0, memoryBytes: 0 };
  private readonly nonZeroSum: ComputeRequests = { cpuMillis: 0, memoryBytes: 0 };
  /** "TCP/80" → host IP → how many bound pods use it. */
  private readonly ports = new Map<string, Map<string, number>>();
  private readonly owners = new Map<string, number>();

  constructor(status: NodeStatus, pods: Iterable<BoundPod> = []) {
    this.name = status.name;
    this.labels = { [HOSTNAME_LABEL]: status.name, ...status.labels };
    this.taints = status.taints ?? [];
    this.unschedulable = status.unschedulable ?? false;
    this.ready = status.ready;
    this.allocatable = { ...status.allocatable };
    this.fields = { "metadata.name": status.name };
    this.nameHash = hashString(status.name);
    const hard = this.taints.filter((t) => t.effect === "NoSchedule" || t.effect === "NoExecute");
    this.filterTaints = this.ready ? hard : [NOT_READY_TAINT, ...hard];
    this.preferNoScheduleTaints = this.taints.filter((t) => t.effect === "PreferNoSchedule");
    for (const p of pods) this.addPod(p);
  }

  get pods(): ReadonlyMap<string, BoundPod> {
    return this.bound;
  }

  get podCount(): number {
    return this.bound.size;
  }

  /** Sum of the bound pods' effective requests (what the fit filter compares). */
  get requested(): Readonly<ComputeRequests> {
    return this.requestedSum;
  }

  /** The same with the 100m / 200Mi defaults for containers without requests (for scoring). */
  get nonZeroRequested(): Readonly<ComputeRequests> {
    return this.nonZeroSum;
  }

  /** Pods on this node with the given controller owner. */
  ownerCount(ownerUid: string): number {
    return this.owners.get(ownerUid) ?? 0;
  }

  /** Adds a bound pod; a pod already present under the same uid is replaced. */
  addPod(pod: BoundPod): void {
    if (this.bound.has(pod.uid)) this.removePod(pod.uid);
    this.bound.set(pod.uid, pod);
    this.apply(pod, 1);
  }

  removePod(uid: string): BoundPod | undefined {
    const pod = this.bound.get(uid);
    if (!pod) return undefined;
    this.bound.delete(uid);
    this.apply(pod, -1);
    return pod;
  }

  /**
   * Kubernetes' HostPortInfo.CheckConflict: same protocol and port, and the same host IP or either
   * side binding 0.0.0.0 (all addresses).
   */
  portConflict(hp: HostPort): boolean {
    const ips = this.ports.get(`${hp.protocol}/${hp.port}`);
    if (ips === undefined) return false;
    if (hp.hostIP === ANY_IP) return ips.size > 0;
    return ips.has(ANY_IP) || ips.has(hp.hostIP);
  }

  private apply(pod: BoundPod, sign: 1 | -1): void {
    this.requestedSum.cpuMillis += sign * pod.requests.cpuMillis;
    this.requestedSum.memoryBytes += sign * pod.requests.memoryBytes;
    this.nonZeroSum.cpuMillis += sign * pod.nonZeroRequests.cpuMillis;
    this.nonZeroSum.memoryBytes += sign * pod.nonZeroRequests.memoryBytes;
    for (const hp of pod.hostPorts) {
      const key = `${hp.protocol}/${hp.port}`;
      let ips = this.ports.get(key);
      if (!ips) this.ports.set(key, (ips = new Map<string, number>()));
      const n = (ips.get(hp.hostIP) ?? 0) + sign;
      if (n > 0) ips.set(hp.hostIP, n);
      else ips.delete(hp.hostIP);
      if (ips.size === 0) this.ports.delete(key);
    }
    if (pod.ownerUid !== undefined) {
      const n = (this.owners.get(pod.ownerUid) ?? 0) + sign;
      if (n > 0) this.owners.set(pod.ownerUid, n);
      else this.owners.delete(pod.ownerUid);
    }
  }
}

/** Allocatable = capacity less what is reserved for the system (Kubernetes' node allocatable). */
export function allocatableOf(capacity: Resources, reserve: ComputeRequests): Resources {
  return {
    cpuMillis: Math.max(0, capacity.cpuMillis - reserve.cpuMillis),
    memoryBytes: Math.max(0, capacity.memoryBytes - reserve.memoryBytes),
    pods: capacity.pods,
  };
}

/** Succeeded and Failed pods hold no resources (kube-scheduler's cache drops them too). */
export function isTerminal(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase === "Succeeded" || phase === "Failed";
}

/**
 * NodeInfos for the given nodes, with every non-terminal pod bound to one of them (spec.nodeName)
 * accounted on it. Pods naming unknown nodes are ignored. The result follows the nodes' order.
 */
export function buildNodeInfos(nodes: readonly NodeStatus[], pods: Iterable<Pod>): NodeInfo[] {
  const byNode = new Map<string, BoundPod[]>();
  for (const n of nodes) byNode.set(n.name, []);
  for (const pod of pods) {
    const nodeName = pod.spec.nodeName;
    if (!nodeName || isTerminal(pod)) continue;
    byNode.get(nodeName)?.push(boundPodOf(pod));
  }
  return nodes.map((n) => new NodeInfo(n, byNode.get(n.name) ?? []));
}
