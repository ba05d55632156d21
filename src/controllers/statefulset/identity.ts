// A StatefulSet pod's stable identity (k8s stateful_set_utils.go): name `<sts>-<ordinal>`, the
// pod-name and pod-index labels, hostname and subdomain for its DNS name, one claim per
// volumeClaimTemplate named `<claim>-<sts>-<ordinal>`, and the revision label. A pod whose claims
// already live on a node is pinned there by required node affinity: the claim is a Docker volume
// on that node's engine, as a local PersistentVolume binds a pod to its node in Kubernetes.

import type { Pod, PodTemplateSpec, StatefulSet, Volume } from "../../manifest/types.js";
import { controllerRef } from "../owner.js";
import type { ClaimLocation } from "../types.js";
import { pinToNode } from "../workload-util/node-fit.js";

export const POD_NAME_LABEL = "statefulset.kubernetes.io/pod-name";
export const POD_INDEX_LABEL = "apps.kubernetes.io/pod-index";
export const REVISION_LABEL = "controller-revision-hash";

export function podName(sts: StatefulSet, ordinal: number): string {
  return `${sts.metadata.name}-${ordinal}`;
}

/** The ordinal of a pod named `<sts>-<n>`; undefined for any other name. */
export function ordinalOf(sts: StatefulSet, pod: Pod): number | undefined {
  const prefix = `${sts.metadata.name}-`;
  const rest = pod.metadata.name.slice(prefix.length);
  if (!pod.metadata.name.startsWith(prefix) || !/^(0|[1-9]\d*)$/.test(rest)) return undefined;
  return Number(rest);
}

export function claimName(templateName: string, sts: StatefulSet, ordinal: number): string {
  return `${templateName}-${sts.metadata.name}-${ordinal}`;
}

/** The ordinal a claim of this set belongs to, when `name` is one of its claims. */
export function claimOrdinal(sts: StatefulSet, name: string): number | undefined {
  for (const t of sts.spec.volumeClaimTemplates ?? []) {
    const prefix = `${t.metadata.name}-${sts.metadata.name}-`;
    const rest = name.slice(prefix.length);
    if (name.startsWith(prefix) && /^(0|[1-9]\d*)$/.test(rest)) return Number(rest);
  }
  return undefined;
}

export function claimNames(sts: StatefulSet, ordinal: number): string[] {
  return (sts.spec.volumeClaimTemplates ?? []).map((t) => claimName(t.metadata.name, sts, ordinal));
}

/** The node holding this ordinal's claims, if any of them exists yet. */
export function claimNode(
  sts: StatefulSet,
  ordinal: number,
  claims: readonly ClaimLocation[],
): string | undefined {
  const namespace = sts.metadata.namespace ?? "default";
  for (const name of claimNames(sts, ordinal)) {
    const at = claims.find((c) => c.namespace === namespace && c.claimName === name);
    if (at) return at.node;
  }
  return undefined;
}

export function newStatefulPod(
  sts: StatefulSet,
  template: PodTemplateSpec,
  revision: string,
  ordinal: number,
  claims: readonly ClaimLocation[],
): Pod {
  const name = podName(sts, ordinal);
  const spec = structuredClone(template.spec);
  const claimVolumes: Volume[] = (sts.spec.volumeClaimTemplates ?? []).map((t) => ({
    name: t.metadata.name,
    persistentVolumeClaim: { claimName: claimName(t.metadata.name, sts, ordinal) },
  }));
  const claimed = new Set(claimVolumes.map((v) => v.name));
  const volumes = [...claimVolumes, ...(spec.volumes ?? []).filter((v) => !claimed.has(v.name))];
  if (volumes.length > 0) spec.volumes = volumes;
  spec.hostname = name;
  spec.subdomain = sts.spec.serviceName;
  const node = claimNode(sts, ordinal, claims);
  if (node !== undefined) spec.affinity = pinToNode(spec.affinity, node);
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name,
      namespace: sts.metadata.namespace ?? "default",
      labels: {
        ...template.metadata.labels,
        [POD_NAME_LABEL]: name,
        [POD_INDEX_LABEL]: String(ordinal),
        [REVISION_LABEL]: revision,
      },
      annotations: { ...template.metadata.annotations },
      ownerReferences: [controllerRef(sts)],
    },
    spec,
  };
}
