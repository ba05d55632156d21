// The io.berth.* labels on every container, volume and network berth creates, and the names it
// gives containers. Labels are the adoption basis: a restarted berth finds its containers with
// `docker ps --filter label=io.berth.managed=true` and rebuilds its picture from them alone.

import type { ContainerRole } from "./lifecycle/types.js";

export const LABEL = {
  managed: "io.berth.managed",
  node: "io.berth.node",
  podName: "io.berth.pod.name",
  podNamespace: "io.berth.pod.namespace",
  podUid: "io.berth.pod.uid",
  containerName: "io.berth.container.name",
  role: "io.berth.role",
  specHash: "io.berth.spec-hash",
  /** The attempt number: 0 for the first container of a name, +1 for every restart. */
  restartCount: "io.berth.restart-count",
  /** Where the container writes its termination message, and the policy reading it. */
  terminationMessagePath: "io.berth.termination-message-path",
  terminationMessagePolicy: "io.berth.termination-message-policy",
  namespace: "io.berth.namespace",
  /** On a namespace network: the subnet berth chose for it (the same on every node). */
  subnet: "io.berth.subnet",
  volume: "io.berth.volume",
  claim: "io.berth.pvc",
} as const;

export type { ContainerRole };

export const SANDBOX_CONTAINER_NAME = "POD";

export interface PodRef {
  name: string;
  namespace: string;
  uid: string;
}

/** Labels shared by all of a pod's containers. */
export function podLabels(node: string, pod: PodRef): Record<string, string> {
  return {
    [LABEL.managed]: "true",
    [LABEL.node]: node,
    [LABEL.podName]: pod.name,
    [LABEL.podNamespace]: pod.namespace,
    [LABEL.podUid]: pod.uid,
  };
}

export function containerLabels(
  node: string,
  pod: PodRef,
  c: { name: string; role: ContainerRole; specHash: string; attempt: number },
): Record<string, string> {
  return {
    ...podLabels(node, pod),
    [LABEL.containerName]: c.name,
    [LABEL.role]: c.role,
    [LABEL.specHash]: c.specHash,
    [LABEL.restartCount]: String(c.attempt),
  };
}

/** `berth_<namespace>_<pod>_<container>_<attempt>`: Kubernetes names are DNS labels, so `_`
 * separates unambiguously and the result is a valid Docker container name. */
export function containerDockerName(pod: PodRef, container: string, attempt: number): string {
  return `berth_${pod.namespace}_${pod.name}_${container}_${attempt}`;
}

export function sandboxDockerName(pod: PodRef): string {
  return `berth_${pod.namespace}_${pod.name}_${SANDBOX_CONTAINER_NAME}`;
}

export function namespaceNetworkName(namespace: string): string {
  return `berth-ns-${namespace}`;
}

/** Pod-lifetime volumes (emptyDir, configMap, secret): removed with the pod. */
export function podVolumeName(podUid: string, volume: string): string {
  return `berth-${podUid}-${volume}`;
}

/** PersistentVolumeClaims outlive pods; StatefulSets name claims `<claim>-<sts>-<ordinal>`. */
export function claimVolumeName(namespace: string, claimName: string): string {
  return `berth-pvc-${namespace}-${claimName}`;
}

/** Where the sandbox mounts every pod volume, so projection can write into it and tmpfs-backed
 * volumes stay mounted (and keep their content) while app containers restart. */
/** A pod's termination-message files (one per container attempt, bound at terminationMessagePath).
 * `_` cannot occur in a pod volume name, so this never collides with one. */
export function terminationVolumeName(podUid: string): string {
  return `berth-${podUid}_termination`;
}

export const SANDBOX_TERMINATION_DIR = "/berth/termination";

export function terminationFileName(container: string, attempt: number): string {
  return `${container}-${attempt}`;
}

/** Empty message files the infra image carries at SANDBOX_TERMINATION_DIR, copied into a pod's
 * fresh termination volume when its first sandbox is created: the first attempt of the pod's
 * first TERMINATION_PRESETS containers (init containers first) needs no upload of its own. */
export const TERMINATION_PRESETS = 16;

export function terminationPresetName(index: number): string {
  return `preset-${index}`;
}

export const SANDBOX_VOLUME_ROOT = "/berth/volumes";

export function sandboxVolumePath(volume: string): string {
  return `${SANDBOX_VOLUME_ROOT}/${volume}`;
}
