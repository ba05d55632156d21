// Pairs of manifests for every kind: one that omits every default, one that spells all of them out
// (already in canonical form, so applyDefaults must leave it exactly as it is).

import type { KObject, PodSpec } from "../../../../src/manifest/types.js";

const meta = { name: "web", namespace: "default" };
const fullMeta = { ...meta, labels: {}, annotations: {} };

const podMin = (): PodSpec => ({
  initContainers: [{ name: "init", image: "berth.local/busybox" }],
  containers: [
    {
      name: "web",
      image: "berth.local/web:1",
      ports: [{ name: "http", containerPort: 80 }],
      env: [{ name: "POD_IP", valueFrom: { fieldRef: { fieldPath: "status.podIP" } } }],
      livenessProbe: { httpGet: { port: "http" } },
      readinessProbe: { tcpSocket: { port: 80 } },
      resources: { limits: { cpu: "1", memory: "1Gi" } },
      volumeMounts: [{ name: "cfg", mountPath: "/etc/web" }],
    },
  ],
  volumes: [{ name: "cfg", configMap: { name: "web" } }, { name: "scratch" }],
});

const containerDefaults = {
  terminationMessagePath: "/dev/termination-log",
  terminationMessagePolicy: "File",
} as const;
const probeDefaults = {
  initialDelaySeconds: 0,
  timeoutSeconds: 1,
  periodSeconds: 10,
  successThreshold: 1,
  failureThreshold: 3,
};

const podFull = (restartPolicy: "Always" | "OnFailure" | "Never" = "Always"): PodSpec => ({
  restartPolicy,
  terminationGracePeriodSeconds: 30,
  dnsPolicy: "ClusterFirst",
  enableServiceLinks: true,
  schedulerName: "default-scheduler",
  securityContext: {},
  hostNetwork: false,
  initContainers: [
    {
      name: "init",
      image: "berth.local/busybox",
      imagePullPolicy: "Always",
      ...containerDefaults,
      resources: {},
    },
  ],
  containers: [
    {
      name: "web",
      image: "berth.local/web:1",
      imagePullPolicy: "IfNotPresent",
      ...containerDefaults,
      ports: [{ name: "http", containerPort: 80, protocol: "TCP" }],
      env: [{ name: "POD_IP", valueFrom: { fieldRef: { fieldPath: "status.podIP", apiVersion: "v1" } } }],
      livenessProbe: { httpGet: { port: "http", path: "/", scheme: "HTTP" }, ...probeDefaults },
      readinessProbe: { tcpSocket: { port: 80 }, ...probeDefaults },
      resources: { limits: { cpu: "1", memory: "1Gi" }, requests: { cpu: "1", memory: "1Gi" } },
      volumeMounts: [{ name: "cfg", mountPath: "/etc/web", readOnly: false }],
    },
  ],
  volumes: [
    { name: "cfg", configMap: { name: "web", defaultMode: 420 } },
    { name: "scratch", emptyDir: { medium: "" } },
  ],
});

const labels = { app: "web" };
const templateMin = (spec = podMin()) => ({ metadata: { labels }, spec });
const templateFull = (restartPolicy: "Always" | "OnFailure" | "Never" = "Always") => ({
  metadata: { labels, annotations: {} },
  spec: podFull(restartPolicy),
});
const jobPod = (): PodSpec => ({ ...podMin(), restartPolicy: "Never" });
const jobSpecFull = () => ({
  completions: 1,
  parallelism: 1,
  backoffLimit: 6,
  completionMode: "NonIndexed" as const,
  suspend: false,
  template: templateFull("Never"),
});

export interface Pair {
  min: KObject;
  full: KObject;
}

export const PAIRS: Record<KObject["kind"], Pair> = {
  Namespace: {
    min: { apiVersion: "v1", kind: "Namespace", metadata: { name: "team-a" } },
    full: { apiVersion: "v1", kind: "Namespace", metadata: { name: "team-a", labels: {}, annotations: {} } },
  },
  Pod: {
    min: { apiVersion: "v1", kind: "Pod", metadata: meta, spec: podMin() },
    full: { apiVersion: "v1", kind: "Pod", metadata: fullMeta, spec: podFull() },
  },
  ConfigMap: {
    min: { apiVersion: "v1", kind: "ConfigMap", metadata: meta, data: { a: "1" } },
    full: { apiVersion: "v1", kind: "ConfigMap", metadata: fullMeta, data: { a: "1" } },
  },
  Secret: {
    min: { apiVersion: "v1", kind: "Secret", metadata: meta, data: { a: "MQ==" } },
    full: { apiVersion: "v1", kind: "Secret", metadata: fullMeta, type: "Opaque", data: { a: "MQ==" } },
  },
  Service: {
    min: {
      apiVersion: "v1",
      kind: "Service",
      metadata: meta,
      spec: { selector: labels, ports: [{ port: 80 }] },
    },
    full: {
      apiVersion: "v1",
      kind: "Service",
      metadata: fullMeta,
      spec: {
        selector: labels,
        type: "ClusterIP",
        sessionAffinity: "None",
        publishNotReadyAddresses: false,
        ports: [{ port: 80, protocol: "TCP", targetPort: 80 }],
      },
    },
  },
  Ingress: {
    min: {
      apiVersion: "networking.k8s.io/v1",
      kind: "Ingress",
      metadata: meta,
      spec: { defaultBackend: { service: { name: "web", port: { number: 80 } } } },
    },
    full: {
      apiVersion: "networking.k8s.io/v1",
      kind: "Ingress",
      metadata: fullMeta,
      spec: { defaultBackend: { service: { name: "web", port: { number: 80 } } } },
    },
  },
  Deployment: {
    min: {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: meta,
      spec: { selector: { matchLabels: labels }, template: templateMin() },
    },
    full: {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: fullMeta,
      spec: {
        replicas: 1,
        selector: { matchLabels: labels },
        strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: "25%" } },
        revisionHistoryLimit: 10,
        progressDeadlineSeconds: 600,
        minReadySeconds: 0,
        paused: false,
        template: templateFull(),
      },
    },
  },
  ReplicaSet: {
    min: {
      apiVersion: "apps/v1",
      kind: "ReplicaSet",
      metadata: meta,
      spec: { selector: { matchLabels: labels }, template: templateMin() },
    },
    full: {
      apiVersion: "apps/v1",
      kind: "ReplicaSet",
      metadata: fullMeta,
      spec: { replicas: 1, minReadySeconds: 0, selector: { matchLabels: labels }, template: templateFull() },
    },
  },
  DaemonSet: {
    min: {
      apiVersion: "apps/v1",
      kind: "DaemonSet",
      metadata: meta,
      spec: { selector: { matchLabels: labels }, template: templateMin() },
    },
    full: {
      apiVersion: "apps/v1",
      kind: "DaemonSet",
      metadata: fullMeta,
      spec: {
        selector: { matchLabels: labels },
        updateStrategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
        revisionHistoryLimit: 10,
        minReadySeconds: 0,
        template: templateFull(),
      },
    },
  },
  StatefulSet: {
    min: {
      apiVersion: "apps/v1",
      kind: "StatefulSet",
      metadata: meta,
      spec: {
        serviceName: "web",
        selector: { matchLabels: labels },
        template: templateMin(),
        volumeClaimTemplates: [
          { metadata: { name: "data" }, spec: { resources: { requests: { storage: "1024Mi" } } } },
        ],
      },
    },
    full: {
      apiVersion: "apps/v1",
      kind: "StatefulSet",
      metadata: fullMeta,
      spec: {
        replicas: 1,
        serviceName: "web",
        selector: { matchLabels: labels },
        podManagementPolicy: "OrderedReady",
        updateStrategy: { type: "RollingUpdate", rollingUpdate: { partition: 0 } },
        revisionHistoryLimit: 10,
        minReadySeconds: 0,
        persistentVolumeClaimRetentionPolicy: { whenDeleted: "Retain", whenScaled: "Retain" },
        template: templateFull(),
        volumeClaimTemplates: [
          {
            metadata: { name: "data" },
            spec: { volumeMode: "Filesystem", resources: { requests: { storage: "1Gi" } } },
          },
        ],
      },
    },
  },
  Job: {
    min: { apiVersion: "batch/v1", kind: "Job", metadata: meta, spec: { template: templateMin(jobPod()) } },
    full: {
      apiVersion: "batch/v1",
      kind: "Job",
      // A Job without labels takes its template's.
      metadata: { ...fullMeta, labels },
      spec: jobSpecFull(),
    },
  },
  CronJob: {
    min: {
      apiVersion: "batch/v1",
      kind: "CronJob",
      metadata: meta,
      spec: { schedule: "*/5 * * * *", jobTemplate: { spec: { template: templateMin(jobPod()) } } },
    },
    full: {
      apiVersion: "batch/v1",
      kind: "CronJob",
      metadata: fullMeta,
      spec: {
        schedule: "*/5 * * * *",
        concurrencyPolicy: "Allow",
        suspend: false,
        successfulJobsHistoryLimit: 3,
        failedJobsHistoryLimit: 1,
        jobTemplate: {
          spec: jobSpecFull(),
        },
      },
    },
  },
};
