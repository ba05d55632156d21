// What a pod asks of a node, computed once per pod: kube-scheduler's PreFilter/PreScore state.
// Effective requests follow Kubernetes' PodRequests: per resource, the larger of the sum over the
// app containers and the largest single init container (init containers run one at a time).

import type { Container, Pod, PodSpec } from "../manifest/types.js";
import { BerthError } from "../util/errors.js";
import { bytes, cpuMillis, parseQuantity } from "../manifest/quantity.js";
import type { BoundPod, ComputeRequests, HostPort, PodDemand } from "./types.js";

/** kube-scheduler's DefaultMilliCPURequest and DefaultMemoryRequest, used for scoring only. */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

// Pods of one template repeat the same few quantity strings; parse each once.
const cpuCache = new Map<string, number>();
const memoryCache = new Map<string, number>();

/** Millicores (cpu) or whole bytes rounded up (memory), as kube-scheduler sums them. */
function quantity(cache: Map<string, number>, kind: "cpu" | "memory", text: string, where: string): number {
  let v = cache.get(text);
  if (v === undefined) {
    const q = parseQuantity(text);
    if (!q.ok) {
      throw new BerthError("E_QUANTITY", `${where}: "${text}" is not a resource quantity (${q.reason})`, {
        hint: "write quantities as Kubernetes does, e.g. 250m, 0.5, 64Mi, 1G",
      });
    }
    v = kind === "cpu" ? cpuMillis(q.value) : bytes(q.value);
    if (cache.size > 10_000) cache.clear();
    cache.set(text, v);
  }
  return v;
}

interface ContainerRequests {
  actual: ComputeRequests;
  nonZero: ComputeRequests;
}

function containerRequests(c: Container, where: string): ContainerRequests {
  const req = c.resources?.requests;
  const cpuText = req?.cpu;
  const memText = req?.memory;
  const cpu = cpuText === undefined ? 0 : quantity(cpuCache, "cpu", cpuText, `${where}.cpu`);
  const mem = memText === undefined ? 0 : quantity(memoryCache, "memory", memText, `${where}.memory`);
  // Only a missing request gets the scoring default; an explicit 0 stays 0 (as Kubernetes does).
  return {
    actual: { cpuMillis: cpu, memoryBytes: mem },
    nonZero: {
      cpuMillis: cpuText === undefined ? DEFAULT_MILLI_CPU_REQUEST : cpu,
      memoryBytes: memText === undefined ? DEFAULT_MEMORY_REQUEST : mem,
    },
  };
}

/** Effective requests of a pod spec, actual and with the scoring defaults. */
export function effectiveRequests(spec: PodSpec, podKey = "pod"): ContainerRequests {
  const actual = { cpuMillis: 0, memoryBytes: 0 };
  const nonZero = { cpuMillis: 0, memoryBytes: 0 };
  spec.containers.forEach((c, i) => {
    const r = containerRequests(c, `${podKey}: spec.containers[${i}].resources.requests`);
    actual.cpuMillis += r.actual.cpuMillis;
    actual.memoryBytes += r.actual.memoryBytes;
    nonZero.cpuMillis += r.nonZero.cpuMillis;
    nonZero.memoryBytes += r.nonZero.memoryBytes;
  });
  (spec.initContainers ?? []).forEach((c, i) => {
    const r = containerRequests(c, `${podKey}: spec.initContainers[${i}].resources.requests`);
    actual.cpuMillis = Math.max(actual.cpuMillis, r.actual.cpuMillis);
    actual.memoryBytes = Math.max(actual.memoryBytes, r.actual.memoryBytes);
    nonZero.cpuMillis = Math.max(nonZero.cpuMillis, r.nonZero.cpuMillis);
    nonZero.memoryBytes = Math.max(nonZero.memoryBytes, r.nonZero.memoryBytes);
  });
  return { actual, nonZero };
}

/** Host ports the pod's app containers publish (hostPort > 0), with Kubernetes' defaults filled in. */
export function hostPortsOf(spec: PodSpec): HostPort[] {
  const out: HostPort[] = [];
  for (const c of spec.containers) {
    for (const p of c.ports ?? []) {
      if (p.hostPort === undefined || p.hostPort <= 0) continue;
      out.push({ protocol: p.protocol ?? "TCP", hostIP: p.hostIP || "0.0.0.0", port: p.hostPort });
    }
  }
  return out;
}

/** The controller owner's uid; the first owner's when none is marked controller (as Kubernetes). */
export function ownerUidOf(pod: Pod): string | undefined {
  const refs = pod.metadata.ownerReferences ?? [];
  return (refs.find((r) => r.controller === true) ?? refs[0])?.uid;
}

export function podKeyOf(pod: Pod): string {
  return `${pod.metadata.namespace ?? "default"}/${pod.metadata.name}`;
}

export function podDemand(pod: Pod): PodDemand {
  const spec = pod.spec;
  const key = podKeyOf(pod);
  const { actual, nonZero } = effectiveRequests(spec, key);
  const affinity = spec.affinity?.nodeAffinity;
  const tolerations = spec.tolerations ?? [];
  return {
    key,
    requests: actual,
    nonZeroRequests: nonZero,
    hostPorts: hostPortsOf(spec),
    ownerUid: ownerUidOf(pod),
    nodeName: spec.nodeName || undefined,
    nodeSelector: Object.entries(spec.nodeSelector ?? {}),
    requiredTerms: affinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms,
    // Kubernetes skips zero-weight terms; weights are 1..100 after validation.
    preferredTerms: (affinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).filter(
      (t) => t.weight !== 0,
    ),
    tolerations,
    preferNoScheduleTolerations: tolerations.filter(
      (t) => t.effect === undefined || (t.effect as string) === "" || t.effect === "PreferNoSchedule",
    ),
  };
}

/** What the node accounting remembers of a pod once it is bound. */
export function boundPodOf(pod: Pod, demand: PodDemand = podDemand(pod)): BoundPod {
  const bound: BoundPod = {
    uid: pod.metadata.uid ?? demand.key,
    namespace: pod.metadata.namespace ?? "default",
    name: pod.metadata.name,
    requests: demand.requests,
    nonZeroRequests: demand.nonZeroRequests,
    hostPorts: demand.hostPorts,
  };
  if (demand.ownerUid !== undefined) bound.ownerUid = demand.ownerUid;
  return bound;
}
