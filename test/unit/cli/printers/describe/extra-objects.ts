// Objects that exercise the describers' less common branches, beside the shared cluster fixture.

import type {
  ConfigMap,
  Deployment,
  Ingress,
  Pod,
  ReplicaSet,
  Secret,
} from "../../../../../src/manifest/types.js";
import { at, configMap, deployment, ingress, replicaSet, secret } from "../../../../support/cli-cluster.js";

export const richPod: Pod = {
  apiVersion: "v1",
  kind: "Pod",
  metadata: {
    name: "rich",
    namespace: "default",
    uid: "uid-pod-rich",
    labels: {},
    annotations: {
      "example.com/multi": "line one\nline two\n",
      "example.com/long": "x".repeat(150),
      "kubectl.kubernetes.io/last-applied-configuration": '{"kind":"Pod"}',
    },
    creationTimestamp: at(0),
  },
  spec: {
    serviceAccountName: "builder",
    priorityClassName: "high",
    nodeName: "n1",
    nodeSelector: { "kubernetes.io/os": "linux", disk: "ssd" },
    tolerations: [
      { key: "dedicated", operator: "Equal", value: "db", effect: "NoSchedule" },
      {
        key: "node.kubernetes.io/unreachable",
        operator: "Exists",
        effect: "NoExecute",
        tolerationSeconds: 300,
      },
      { operator: "Exists" },
    ],
    initContainers: [
      {
        name: "migrate",
        image: "berth.local/busybox:1",
        command: ["sh", "-c"],
        args: ["echo one\necho two"],
      },
    ],
    containers: [
      {
        name: "app",
        image: "berth.local/web:2",
        ports: [
          { containerPort: 8080, protocol: "TCP" },
          { containerPort: 9090, hostPort: 19090, protocol: "TCP" },
        ],
        envFrom: [
          { configMapRef: { name: "web-config" }, prefix: "CFG_" },
          { secretRef: { name: "web-secret", optional: true } },
        ],
        env: [
          { name: "MULTI", value: "a\nb" },
          { name: "CPU_LIMIT", valueFrom: { resourceFieldRef: { resource: "limits.cpu" } } },
          { name: "NODE", valueFrom: { fieldRef: { fieldPath: "spec.nodeName" } } },
          {
            name: "LEVEL",
            valueFrom: { configMapKeyRef: { name: "web-config", key: "level", optional: true } },
          },
        ],
        livenessProbe: {
          exec: { command: ["cat", "/tmp/healthy"] },
          initialDelaySeconds: 5,
          periodSeconds: 5,
        },
        startupProbe: { tcpSocket: { port: 8080 }, failureThreshold: 30 },
        volumeMounts: [
          { name: "scratch", mountPath: "/scratch" },
          { name: "certs", mountPath: "/certs", readOnly: true, subPath: "tls" },
        ],
      },
      { name: "sidecar", image: "berth.local/busybox:1" },
    ],
    volumes: [
      { name: "scratch", emptyDir: { medium: "Memory", sizeLimit: "64Mi" } },
      { name: "certs", secret: { secretName: "web-tls", optional: false } },
      { name: "logs", hostPath: { path: "/var/log/app", type: "DirectoryOrCreate" } },
      { name: "data", persistentVolumeClaim: { claimName: "data-rich" } },
    ],
  },
  status: {
    phase: "Running",
    podIP: "10.244.1.20",
    startTime: at(1),
    message: "one container is crash-looping",
    conditions: [{ type: "Ready", status: "False", reason: "ContainersNotReady" }],
    initContainerStatuses: [
      {
        name: "migrate",
        image: "berth.local/busybox:1",
        imageID: "sha256:2222",
        containerID: "docker://migrate",
        ready: true,
        restartCount: 0,
        state: { terminated: { exitCode: 0, reason: "Completed", startedAt: at(2), finishedAt: at(4) } },
        lastState: {},
      },
    ],
    containerStatuses: [
      {
        name: "app",
        image: "berth.local/web:2",
        imageID: "sha256:3333",
        containerID: "docker://app",
        ready: false,
        restartCount: 4,
        state: { waiting: { reason: "CrashLoopBackOff", message: "back-off 40s" } },
        lastState: {
          terminated: {
            exitCode: 137,
            signal: 9,
            reason: "OOMKilled",
            message: "out of memory",
            startedAt: at(200),
            finishedAt: at(230),
          },
        },
      },
      {
        name: "sidecar",
        image: "berth.local/busybox:1",
        imageID: "sha256:2222",
        ready: false,
        restartCount: 0,
        state: {},
        lastState: {},
      },
    ],
  },
};

/** A deployment mid-rollout: a new ReplicaSet scaling up, an old one scaling down, one long gone. */
export const rollout: Deployment = {
  ...deployment,
  metadata: { ...deployment.metadata, name: "api", uid: "uid-deploy-api", annotations: {} },
  spec: {
    ...deployment.spec,
    replicas: 3,
    strategy: { type: "Recreate" },
    template: {
      ...deployment.spec.template,
      spec: { ...deployment.spec.template.spec, containers: [{ name: "api", image: "api:2" }] },
    },
  },
  status: { replicas: 4, updatedReplicas: 1, readyReplicas: 3, availableReplicas: 3, unavailableReplicas: 1 },
};

function apiRS(hash: string, image: string, replicas: number): ReplicaSet {
  return {
    ...replicaSet,
    metadata: {
      ...replicaSet.metadata,
      name: `api-${hash}`,
      uid: `uid-rs-api-${hash}`,
      ownerReferences: [
        { apiVersion: "apps/v1", kind: "Deployment", name: "api", uid: "uid-deploy-api", controller: true },
      ],
    },
    spec: {
      replicas,
      selector: { matchLabels: { app: "web", "pod-template-hash": hash } },
      template: {
        metadata: { labels: { app: "web", "pod-template-hash": hash }, annotations: {} },
        spec: { ...rollout.spec.template.spec, containers: [{ name: "api", image }] },
      },
    },
    status: { replicas },
  };
}

export const rolloutSets = [apiRS("new", "api:2", 1), apiRS("old", "api:1", 3), apiRS("older", "api:0", 0)];

export const fallbackIngress: Ingress = {
  ...ingress,
  metadata: { ...ingress.metadata, name: "fallback", uid: "uid-ing-fallback" },
  spec: {
    defaultBackend: { service: { name: "missing", port: { name: "http" } } },
    rules: [{ host: "api.example.com" }],
  },
};

export const binConfig: ConfigMap = {
  ...configMap,
  metadata: { ...configMap.metadata, name: "bin-config", uid: "uid-cm-bin", labels: { app: "web" } },
  data: { "z.txt": "last", "a.txt": "first" },
  binaryData: { "logo.png": "iVBORw0KGgo=" },
};

export const plainSecret: Secret = {
  ...secret,
  metadata: { ...secret.metadata, name: "plain", uid: "uid-secret-plain" },
  data: { token: "c2VjcmV0" },
  stringData: { pw: "hunter2" },
};

export const extraObjects = [richPod, rollout, ...rolloutSets, fallbackIngress, binConfig, plainSecret];
