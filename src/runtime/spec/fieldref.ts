// The downward API for environment variables: fieldRef and resourceFieldRef values, as the
// kubelet computes them (podFieldSelectorRuntimeValue, ExtractContainerResourceValue).

import type { Container, Pod } from "../../manifest/types.js";
import { configError } from "../errors.js";
import type { PodRuntimeFacts } from "./context.js";
import { milliValue, value } from "./quantity.js";

const SUBSCRIPTED = /^(metadata\.(?:labels|annotations))\['(.*)'\]$/;

/** `key="value"` lines sorted by key, as fieldpath.FormatMap prints a whole map. */
function formatMap(m: Record<string, string>): string {
  return Object.keys(m)
    .sort()
    .map((k) => `${k}=${JSON.stringify(m[k])}`)
    .join("\n");
}

export function fieldRefValue(pod: Pod, fieldPath: string, facts: PodRuntimeFacts): string {
  switch (fieldPath) {
    case "metadata.name":
      return pod.metadata.name;
    case "metadata.namespace":
      return pod.metadata.namespace ?? "default";
    case "metadata.uid":
      return pod.metadata.uid ?? "";
    case "metadata.labels":
      return formatMap(pod.metadata.labels ?? {});
    case "metadata.annotations":
      return formatMap(pod.metadata.annotations ?? {});
    case "spec.nodeName":
      return pod.spec.nodeName ?? facts.nodeName;
    case "spec.serviceAccountName":
      // The ServiceAccount admission plugin sets "default" on every pod that names none.
      return pod.spec.serviceAccountName ?? "default";
    case "status.hostIP":
    case "status.hostIPs":
      return facts.hostIP;
    case "status.podIP":
    case "status.podIPs":
      // A host-network pod's IP is its node's.
      return facts.podIP !== "" ? facts.podIP : pod.spec.hostNetwork ? facts.hostIP : "";
  }
  const m = SUBSCRIPTED.exec(fieldPath);
  if (m) {
    const map = m[1] === "metadata.labels" ? pod.metadata.labels : pod.metadata.annotations;
    return map?.[m[2] ?? ""] ?? "";
  }
  throw configError(`unsupported fieldPath: ${fieldPath}`);
}

type ResourceName = "cpu" | "memory" | "ephemeral-storage";

function findContainer(pod: Pod, name: string): Container | undefined {
  return (
    pod.spec.containers.find((c) => c.name === name) ?? pod.spec.initContainers?.find((c) => c.name === name)
  );
}

/**
 * `limits.*` falls back to the node's capacity when the container sets no limit (the kubelet
 * merges node allocatable); `requests.*` falls back to the limit (API defaulting), then 0.
 * The result is ceil(value / divisor), CPU compared in millicores.
 */
export function resourceFieldRefValue(
  pod: Pod,
  current: Container,
  ref: { containerName?: string; resource: string; divisor?: string },
  facts: PodRuntimeFacts,
): string {
  const target = ref.containerName ? findContainer(pod, ref.containerName) : current;
  if (!target)
    throw configError(`resourceFieldRef: no container named "${ref.containerName ?? ""}" in the pod`);
  const [kind, res] = ref.resource.split(".", 2) as [string, string | undefined];
  if (
    (kind !== "limits" && kind !== "requests") ||
    (res !== "cpu" && res !== "memory" && res !== "ephemeral-storage")
  ) {
    throw configError(`unsupported resourceFieldRef resource: ${ref.resource}`);
  }
  const resource: ResourceName = res;
  const limits = target.resources?.limits ?? {};
  const requests = target.resources?.requests ?? {};
  const declared = kind === "limits" ? limits[resource] : (requests[resource] ?? limits[resource]);
  const divisor = ref.divisor ?? "1";

  if (resource === "cpu") {
    const milli =
      declared !== undefined ? milliValue(declared) : kind === "limits" ? facts.capacity.cpuMilli : 0;
    const div = milliValue(divisor);
    if (div <= 0) throw configError(`resourceFieldRef divisor must be positive: ${divisor}`);
    return String(Math.ceil(milli / div));
  }
  const fallback =
    kind === "requests"
      ? 0
      : resource === "memory"
        ? facts.capacity.memoryBytes
        : (facts.capacity.ephemeralStorageBytes ?? 0);
  const bytes = declared !== undefined ? value(declared) : fallback;
  const div = value(divisor);
  if (div <= 0) throw configError(`resourceFieldRef divisor must be positive: ${divisor}`);
  return String(Math.ceil(bytes / div));
}
