// A pod's effective requests and limits (Kubernetes' resourcehelper.PodRequestsAndLimits) and its
// QoS class (qos.GetPodQOS), for the node columns and describe.

import type { Container, Pod, ResourceList } from "../../manifest/types.js";
import { parseCpuMillis, parseMemoryBytes } from "./quantity.js";

/** Millicores and bytes; absent resources count as 0. */
export interface CpuMemory {
  cpuMillis: number;
  memoryBytes: number;
}

function amounts(list: ResourceList | undefined): CpuMemory {
  return {
    cpuMillis: list?.cpu === undefined ? 0 : (parseCpuMillis(list.cpu) ?? 0),
    memoryBytes: list?.memory === undefined ? 0 : (parseMemoryBytes(list.memory) ?? 0),
  };
}

/** A request defaults to the limit when only the limit is set (as the API server defaults it). */
function requestsOf(c: Container): ResourceList {
  return { ...(c.resources?.limits ?? {}), ...(c.resources?.requests ?? {}) };
}

function total(
  containers: readonly Container[],
  pick: (c: Container) => ResourceList | undefined,
): CpuMemory {
  const sum: CpuMemory = { cpuMillis: 0, memoryBytes: 0 };
  for (const c of containers) {
    const a = amounts(pick(c));
    sum.cpuMillis += a.cpuMillis;
    sum.memoryBytes += a.memoryBytes;
  }
  return sum;
}

/** Per resource: the larger of the app containers' sum and the largest init container. */
function effective(pod: Pod, pick: (c: Container) => ResourceList | undefined): CpuMemory {
  const sum = total(pod.spec.containers, pick);
  for (const c of pod.spec.initContainers ?? []) {
    const a = amounts(pick(c));
    sum.cpuMillis = Math.max(sum.cpuMillis, a.cpuMillis);
    sum.memoryBytes = Math.max(sum.memoryBytes, a.memoryBytes);
  }
  return sum;
}

export function podRequests(pod: Pod): CpuMemory {
  return effective(pod, requestsOf);
}

export function podLimits(pod: Pod): CpuMemory {
  return effective(pod, (c) => c.resources?.limits);
}

/** Guaranteed, Burstable or BestEffort, from the cpu and memory requests and limits. */
export function qosClass(pod: Pod): "Guaranteed" | "Burstable" | "BestEffort" {
  const all = [...(pod.spec.initContainers ?? []), ...pod.spec.containers];
  const keys = ["cpu", "memory"] as const;
  const anySet = all.some((c) => keys.some((k) => requestsOf(c)[k] !== undefined));
  if (!anySet) return "BestEffort";
  const guaranteed = all.every((c) =>
    keys.every((k) => {
      const limit = c.resources?.limits?.[k];
      const request = requestsOf(c)[k];
      if (limit === undefined || request === undefined) return false;
      const parse = k === "cpu" ? parseCpuMillis : parseMemoryBytes;
      return parse(limit) === parse(request);
    }),
  );
  return guaranteed ? "Guaranteed" : "Burstable";
}
