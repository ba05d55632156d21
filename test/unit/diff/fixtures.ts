// Canonical objects as the manifest loader produces them (every default filled in), built directly
// so the diff tests do not depend on the loader.

import type {
  ConfigMap,
  Container,
  CronJob,
  DaemonSet,
  Deployment,
  Job,
  KObject,
  Namespace,
  Pod,
  PodSpec,
  ReplicaSet,
  Secret,
  Service,
  StatefulSet,
} from "../../../src/manifest/types.js";

export function container(name: string, image: string, extra: Partial<Container> = {}): Container {
  return {
    name,
    image,
    imagePullPolicy: "IfNotPresent",
    terminationMessagePath: "/dev/termination-log",
    terminationMessagePolicy: "File",
    ...extra,
  };
}

export function podSpec(containers: Container[], extra: Partial<PodSpec> = {}): PodSpec {
  return {
    containers,
    restartPolicy: "Always",
    terminationGracePeriodSeconds: 30,
    dnsPolicy: "ClusterFirst",
    ...extra,
  };
}

function meta(name: string, namespace = "default", annotations: Record<string, string> = {}) {
  return { name, namespace, labels: { app: name }, annotations };
}

export function deployment(
  name: string,
  opts: {
    image?: string;
    replicas?: number;
    namespace?: string;
    strategy?: Deployment["spec"]["strategy"];
    spec?: Partial<PodSpec>;
    containers?: Container[];
    annotations?: Record<string, string>;
  } = {},
): Deployment {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: meta(name, opts.namespace, opts.annotations),
    spec: {
      replicas: opts.replicas ?? 3,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name }, annotations: {} },
        spec: podSpec(opts.containers ?? [container(name, opts.image ?? "berth.local/web:1")], opts.spec),
      },
      strategy: opts.strategy ?? {
        type: "RollingUpdate",
        rollingUpdate: { maxSurge: "25%", maxUnavailable: "25%" },
      },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    },
  };
}

export function replicaSet(name: string, owner: KObject, replicas: number, uid: string): ReplicaSet {
  return {
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: {
      ...meta(name, owner.metadata.namespace),
      uid,
      ownerReferences: [
        {
          apiVersion: "apps/v1",
          kind: owner.kind,
          name: owner.metadata.name,
          uid: owner.metadata.uid ?? "",
          controller: true,
        },
      ],
    },
    spec: {
      replicas,
      selector: { matchLabels: { app: owner.metadata.name } },
      template: {
        metadata: { labels: { app: owner.metadata.name } },
        spec: podSpec([container("web", "x")]),
      },
    },
  };
}

export function pod(name: string, owner: KObject): Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      ...meta(name, owner.metadata.namespace),
      uid: `uid-${name}`,
      ownerReferences: [
        {
          apiVersion: "v1",
          kind: owner.kind,
          name: owner.metadata.name,
          uid: owner.metadata.uid ?? "",
          controller: true,
        },
      ],
    },
    spec: podSpec([container("web", "x")]),
    status: { phase: "Running" },
  };
}

export function statefulSet(
  name: string,
  replicas: number,
  extra: Partial<StatefulSet["spec"]> = {},
): StatefulSet {
  return {
    apiVersion: "apps/v1",
    kind: "StatefulSet",
    metadata: meta(name),
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      serviceName: name,
      template: {
        metadata: { labels: { app: name } },
        spec: podSpec([container(name, "berth.local/busybox:1")]),
      },
      podManagementPolicy: "OrderedReady",
      updateStrategy: { type: "RollingUpdate", rollingUpdate: { partition: 0 } },
      revisionHistoryLimit: 10,
      ...extra,
    },
  };
}

export function daemonSet(name: string, extra: Partial<DaemonSet["spec"]> = {}): DaemonSet {
  return {
    apiVersion: "apps/v1",
    kind: "DaemonSet",
    metadata: meta(name),
    spec: {
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: podSpec([container(name, "berth.local/busybox:1")]),
      },
      updateStrategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
      revisionHistoryLimit: 10,
      ...extra,
    },
  };
}

export function job(name: string, command: string[]): Job {
  return {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: meta(name),
    spec: {
      parallelism: 1,
      completions: 1,
      backoffLimit: 6,
      completionMode: "NonIndexed",
      suspend: false,
      template: {
        metadata: { labels: {} },
        spec: podSpec([container(name, "berth.local/busybox:1", { command })], { restartPolicy: "Never" }),
      },
    },
  };
}

export function cronJob(name: string, schedule: string, suspend = false): CronJob {
  const j = job(name, ["date"]);
  return {
    apiVersion: "batch/v1",
    kind: "CronJob",
    metadata: meta(name),
    spec: {
      schedule,
      concurrencyPolicy: "Allow",
      suspend,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 1,
      jobTemplate: { spec: j.spec },
    },
  };
}

export function configMap(name: string, data: Record<string, string>, namespace = "default"): ConfigMap {
  return { apiVersion: "v1", kind: "ConfigMap", metadata: meta(name, namespace), data };
}

export function secret(name: string, data: Record<string, string>): Secret {
  return { apiVersion: "v1", kind: "Secret", metadata: meta(name), type: "Opaque", data };
}

export function service(name: string, extra: Partial<Service["spec"]> = {}): Service {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: meta(name),
    spec: {
      selector: { app: name },
      ports: [{ name: "http", protocol: "TCP", port: 80, targetPort: 8080 }],
      type: "ClusterIP",
      sessionAffinity: "None",
      ...extra,
    },
  };
}

export function namespace(name: string): Namespace {
  return { apiVersion: "v1", kind: "Namespace", metadata: { name, labels: {}, annotations: {} } };
}

/** What the store adds to an object from git: uid, versions, timestamps, the app annotation, status. */
export function recordedFromGit<T extends KObject>(obj: T, uid = `uid-${obj.metadata.name}`): T {
  const copy = structuredClone(obj) as T & { status?: unknown };
  copy.metadata.uid = uid;
  copy.metadata.resourceVersion = "42";
  copy.metadata.generation = 3;
  copy.metadata.creationTimestamp = "2026-01-01T00:00:00Z";
  copy.metadata.annotations = { ...copy.metadata.annotations, "berth.io/app": "demo" };
  if (copy.kind === "Deployment") {
    copy.metadata.annotations["deployment.kubernetes.io/revision"] = "2";
    copy.status = { observedGeneration: 3, replicas: 3, readyReplicas: 3 };
  }
  return copy;
}
