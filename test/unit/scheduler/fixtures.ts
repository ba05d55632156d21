// Small builders for scheduler tests: pods and nodes with only the fields a test cares about.
import type { Container, Pod, PodSpec } from "../../../src/manifest/types.js";
import { NodeInfo } from "../../../src/scheduler/node-info.js";
import { boundPodOf } from "../../../src/scheduler/pod-demand.js";
import type { NodeStatus } from "../../../src/scheduler/types.js";

export const Mi = 1024 * 1024;
export const Gi = 1024 * Mi;

export function container(requests?: { cpu?: string; memory?: string }, name = "app"): Container {
  return { name, image: "berth.local/web:1", ...(requests ? { resources: { requests } } : {}) };
}

export function pod(
  name: string,
  spec: Partial<PodSpec> = {},
  meta: { owner?: string; uid?: string; creationTimestamp?: string } = {},
): Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name,
      namespace: "default",
      uid: meta.uid ?? `uid-${name}`,
      ...(meta.creationTimestamp ? { creationTimestamp: meta.creationTimestamp } : {}),
      ...(meta.owner
        ? {
            ownerReferences: [
              {
                apiVersion: "apps/v1",
                kind: "ReplicaSet" as const,
                name: meta.owner,
                uid: meta.owner,
                controller: true,
              },
            ],
          }
        : {}),
    },
    spec: { containers: [container()], ...spec },
  };
}

export function status(name: string, extra: Partial<NodeStatus> = {}): NodeStatus {
  return {
    name,
    ready: true,
    allocatable: { cpuMillis: 4000, memoryBytes: 8 * Gi, pods: 110 },
    ...extra,
  };
}

export function node(name: string, extra: Partial<NodeStatus> = {}, pods: Pod[] = []): NodeInfo {
  return new NodeInfo(
    status(name, extra),
    pods.map((p) => boundPodOf(p)),
  );
}
