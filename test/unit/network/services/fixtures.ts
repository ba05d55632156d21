// Services and pods as the store holds them, for the service layer's unit tests.

import type { Container, Pod, PodSpec, Service, ServiceSpec } from "../../../../src/manifest/types.js";
import { PUBLISHED_PORTS_ANNOTATION } from "../../../../src/network/services/published-ports.js";

export function svc(
  name: string,
  spec: ServiceSpec,
  opts: { namespace?: string; uid?: string } = {},
): Service {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: {
      name,
      namespace: opts.namespace ?? "default",
      uid: opts.uid ?? `uid-${name}`,
      labels: {},
      annotations: {},
    },
    spec: { type: "ClusterIP", sessionAffinity: "None", ...spec },
  };
}

export const WEB_CONTAINER: Container = {
  name: "web",
  image: "web",
  ports: [{ name: "http", containerPort: 80, protocol: "TCP" }],
};

export interface PodOptions {
  namespace?: string;
  node?: string;
  ip?: string;
  ready?: boolean;
  labels?: Record<string, string>;
  containers?: Container[];
  spec?: Partial<PodSpec>;
  /** Published ports annotation: containerPort → hostPort on `hostIP`. */
  published?: { containerPort: number; hostPort: number; hostIP?: string; protocol?: "TCP" | "UDP" }[];
}

export function pod(name: string, o: PodOptions = {}): Pod {
  const ip = o.ip ?? "10.96.0.2";
  const annotations: Record<string, string> = {};
  if (o.published) {
    annotations[PUBLISHED_PORTS_ANNOTATION] = JSON.stringify({
      podIP: ip,
      ports: o.published.map((p) => ({
        containerPort: p.containerPort,
        protocol: p.protocol ?? "TCP",
        hostIP: p.hostIP ?? "192.0.2.2",
        hostPort: p.hostPort,
      })),
    });
  }
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name,
      namespace: o.namespace ?? "default",
      uid: `uid-${name}`,
      labels: o.labels ?? { app: "web" },
      annotations,
    },
    spec: {
      containers: o.containers ?? [WEB_CONTAINER],
      nodeName: o.node ?? "n1",
      ...o.spec,
    },
    status: {
      phase: "Running",
      podIP: ip,
      hostIP: "192.0.2.1",
      conditions: [{ type: "Ready", status: o.ready === false ? "False" : "True" }],
    },
  };
}
