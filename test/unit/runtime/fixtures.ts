import type { ConfigMap, Container, Pod, PodSpec, Secret } from "../../../src/manifest/types.js";
import type { ConfigSources, PodRuntimeFacts } from "../../../src/runtime/spec/context.js";

export function pod(
  spec: Partial<PodSpec> & { containers?: Container[] } = {},
  meta: Partial<Pod["metadata"]> = {},
): Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name: "web-1",
      namespace: "shop",
      uid: "0b6d8c4e-1111-2222-3333-444455556666",
      labels: { app: "web", tier: "front" },
      annotations: { note: "hi" },
      ...meta,
    },
    spec: {
      restartPolicy: "Always",
      terminationGracePeriodSeconds: 30,
      dnsPolicy: "ClusterFirst",
      containers: [{ name: "app", image: "berth.local/web:1", imagePullPolicy: "IfNotPresent" }],
      ...spec,
    },
  };
}

export function configMap(
  name: string,
  data: Record<string, string>,
  binaryData?: Record<string, string>,
): ConfigMap {
  return {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name, namespace: "shop", labels: {}, annotations: {} },
    data,
    ...(binaryData ? { binaryData } : {}),
  };
}

export function secret(name: string, plain: Record<string, string>): Secret {
  const data: Record<string, string> = {};
  for (const [k, v] of Object.entries(plain)) data[k] = Buffer.from(v).toString("base64");
  return {
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name, namespace: "shop", labels: {}, annotations: {} },
    data,
    type: "Opaque",
  };
}

export function sources(objs: { configMaps?: ConfigMap[]; secrets?: Secret[] } = {}): ConfigSources {
  return {
    configMap: (n) => objs.configMaps?.find((c) => c.metadata.name === n),
    secret: (n) => objs.secrets?.find((s) => s.metadata.name === n),
  };
}

export const facts: PodRuntimeFacts = {
  nodeName: "n1",
  hostIP: "192.0.2.10",
  podIP: "172.18.0.5",
  capacity: { cpuMilli: 4000, memoryBytes: 8 * 1024 ** 3 },
};

export const openPolicy = { allowHostPath: true, allowPrivileged: true, allowHostNetwork: true } as const;
export const closedPolicy = {
  allowHostPath: false,
  allowPrivileged: false,
  allowHostNetwork: false,
} as const;
