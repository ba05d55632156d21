// Canonical workload objects (every default filled in, as the manifest loader leaves them) for
// controller tests.

import type { ControllerContext } from "../../src/controllers/types.js";
import type {
  CronJob,
  DaemonSet,
  Job,
  PodSpec,
  PodTemplateSpec,
  StatefulSet,
} from "../../src/manifest/types.js";
import type { Cluster } from "./batch-cluster.js";

export function template(
  labels: Record<string, string>,
  image = "berth.local/web:1",
  extra: Partial<PodSpec> = {},
): PodTemplateSpec {
  return {
    metadata: { labels, annotations: {} },
    spec: {
      containers: [{ name: "main", image, imagePullPolicy: "IfNotPresent" }],
      restartPolicy: "Always",
      terminationGracePeriodSeconds: 30,
      dnsPolicy: "ClusterFirst",
      ...extra,
    },
  };
}

export function daemonSet(name: string, spec: Partial<DaemonSet["spec"]> = {}): DaemonSet {
  return {
    apiVersion: "apps/v1",
    kind: "DaemonSet",
    metadata: { name, namespace: "default", labels: {}, annotations: {} },
    spec: {
      selector: { matchLabels: { app: name } },
      template: template({ app: name }),
      updateStrategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
      minReadySeconds: 0,
      revisionHistoryLimit: 10,
      ...spec,
    },
  };
}

export function statefulSet(name: string, spec: Partial<StatefulSet["spec"]> = {}): StatefulSet {
  return {
    apiVersion: "apps/v1",
    kind: "StatefulSet",
    metadata: { name, namespace: "default", labels: {}, annotations: {} },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: name } },
      template: template({ app: name }),
      serviceName: name,
      podManagementPolicy: "OrderedReady",
      updateStrategy: { type: "RollingUpdate", rollingUpdate: { partition: 0 } },
      revisionHistoryLimit: 10,
      minReadySeconds: 0,
      persistentVolumeClaimRetentionPolicy: { whenDeleted: "Retain", whenScaled: "Retain" },
      ...spec,
    },
  };
}

export function job(name: string, spec: Partial<Job["spec"]> = {}): Job {
  return {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { name, namespace: "default", labels: {}, annotations: {} },
    spec: {
      parallelism: 1,
      completions: 1,
      backoffLimit: 6,
      completionMode: "NonIndexed",
      suspend: false,
      template: template({}, "berth.local/busybox:1", { restartPolicy: "Never" }),
      ...spec,
    },
  };
}

export function cronJob(name: string, spec: Partial<CronJob["spec"]> = {}): CronJob {
  return {
    apiVersion: "batch/v1",
    kind: "CronJob",
    metadata: { name, namespace: "default", labels: {}, annotations: {} },
    spec: {
      schedule: "*/5 * * * *",
      concurrencyPolicy: "Allow",
      suspend: false,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 1,
      jobTemplate: {
        metadata: { labels: {}, annotations: {} },
        spec: {
          parallelism: 1,
          completions: 1,
          backoffLimit: 6,
          completionMode: "NonIndexed",
          suspend: false,
          template: template({}, "berth.local/busybox:1", { restartPolicy: "OnFailure" }),
        },
      },
      ...spec,
    },
  };
}

/** The context the manager would pass right now, for calling a controller by hand. */
export function contextOf(c: Cluster): ControllerContext {
  let n = 0;
  const ctx: ControllerContext = {
    view: c.store,
    now: c.clock.now(),
    randomSuffix: () => `x${n++}`,
    nodes: c.nodes,
    claims: c.claims,
  };
  if (c.config) ctx.config = c.config;
  return ctx;
}

/** The value, or a test failure saying what was missing. */
export function must<T>(value: T | undefined, what = "value"): T {
  if (value === undefined) throw new Error(`missing ${what}`);
  return value;
}

/** A work-queue Job: parallelism set, completions left unset (as defaulting leaves it). */
export function workQueueJob(name: string, parallelism: number): Job {
  const j = job(name, { parallelism });
  delete j.spec.completions;
  return j;
}
