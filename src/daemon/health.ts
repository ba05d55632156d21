// Health of objects and apps, with Argo CD's statuses and per-kind rules (gitops-engine
// pkg/health): Healthy, Progressing, Degraded, Suspended, Missing. Pure: computed from the objects'
// status as controllers and node agents wrote it.

import type {
  CronJob,
  DaemonSet,
  Deployment,
  Job,
  KObject,
  Pod,
  ReplicaSet,
  Service,
  StatefulSet,
} from "../manifest/types.js";
import { NO_PROGRESS_DEADLINE } from "../manifest/convert/index.js";

export type HealthStatus = "Healthy" | "Progressing" | "Degraded" | "Suspended" | "Missing" | "Unknown";

export interface Health {
  status: HealthStatus;
  message?: string;
}

/** Argo CD's order: a later status is worse and wins when an app's health is aggregated. */
const ORDER: readonly HealthStatus[] = [
  "Healthy",
  "Suspended",
  "Progressing",
  "Missing",
  "Degraded",
  "Unknown",
];

export function worse(a: HealthStatus, b: HealthStatus): HealthStatus {
  return ORDER.indexOf(b) > ORDER.indexOf(a) ? b : a;
}

const healthy: Health = { status: "Healthy" };
const progressing = (message: string): Health => ({ status: "Progressing", message });
const degraded = (message: string): Health => ({ status: "Degraded", message });

const BAD_WAITING = new Set([
  "CrashLoopBackOff",
  "ImagePullBackOff",
  "ErrImagePull",
  "ErrImageNeverPull",
  "CreateContainerConfigError",
  "CreateContainerError",
  "InvalidImageName",
  "RunContainerError",
]);

export function podHealth(pod: Pod): Health {
  const st = pod.status;
  if (!st) return progressing("pod has no status yet");
  if (pod.metadata.deletionTimestamp !== undefined) return progressing("pod is terminating");
  const statuses = [...(st.initContainerStatuses ?? []), ...(st.containerStatuses ?? [])];
  for (const cs of statuses) {
    const reason = cs.state.waiting?.reason;
    if (reason !== undefined && BAD_WAITING.has(reason)) {
      return degraded(
        `container ${cs.name}: ${reason}${cs.state.waiting?.message ? `: ${cs.state.waiting.message}` : ""}`,
      );
    }
  }
  switch (st.phase) {
    case "Succeeded":
      return healthy;
    case "Failed":
      return degraded(st.message ?? st.reason ?? "pod failed");
    case "Pending": {
      const sched = st.conditions?.find((c) => c.type === "PodScheduled");
      if (sched?.status === "False") return progressing(sched.message ?? "pod is not scheduled");
      return progressing("pod is pending");
    }
    case "Running": {
      // restartPolicy Always: a pod whose containers keep dying is Degraded even between restarts.
      const ready = st.conditions?.find((c) => c.type === "Ready")?.status === "True";
      if (ready) return healthy;
      return progressing("pod is running but not ready");
    }
    default:
      return { status: "Unknown", message: `pod phase ${st.phase}` };
  }
}

export function deploymentHealth(d: Deployment): Health {
  if (d.spec.paused) return { status: "Suspended", message: "deployment is paused" };
  const st = d.status;
  if (!st || (st.observedGeneration ?? 0) < (d.metadata.generation ?? 1)) {
    return progressing("waiting for rollout to start");
  }
  const cond = st.conditions?.find((c) => c.type === "Progressing");
  if (
    cond?.reason === "ProgressDeadlineExceeded" &&
    d.spec.progressDeadlineSeconds !== undefined &&
    d.spec.progressDeadlineSeconds !== NO_PROGRESS_DEADLINE
  ) {
    return degraded(`deployment "${d.metadata.name}" exceeded its progress deadline`);
  }
  const want = d.spec.replicas ?? 1;
  const updated = st.updatedReplicas ?? 0;
  const total = st.replicas ?? 0;
  const available = st.availableReplicas ?? 0;
  if (updated < want) return progressing(`${updated} of ${want} updated replicas are available`);
  if (total > updated) return progressing(`${total - updated} old replicas are pending termination`);
  if (available < updated) return progressing(`${available} of ${updated} updated replicas are available`);
  return healthy;
}

export function replicaSetHealth(rs: ReplicaSet): Health {
  const st = rs.status;
  if (!st || (st.observedGeneration ?? 0) < (rs.metadata.generation ?? 1))
    return progressing("waiting for status");
  const failure = st.conditions?.find((c) => c.type === "ReplicaFailure" && c.status === "True");
  if (failure) return degraded(failure.message ?? "replica failure");
  const want = rs.spec.replicas ?? 1;
  if ((st.availableReplicas ?? 0) < want)
    return progressing(`${st.availableReplicas ?? 0} of ${want} replicas available`);
  return healthy;
}

export function daemonSetHealth(ds: DaemonSet): Health {
  const st = ds.status;
  if (!st || (st.observedGeneration ?? 0) < (ds.metadata.generation ?? 1))
    return progressing("waiting for status");
  if (
    ds.spec.updateStrategy?.type === "RollingUpdate" &&
    (st.updatedNumberScheduled ?? 0) < st.desiredNumberScheduled
  ) {
    return progressing(
      `${st.updatedNumberScheduled ?? 0} of ${st.desiredNumberScheduled} updated pods are scheduled`,
    );
  }
  if ((st.numberAvailable ?? 0) < st.desiredNumberScheduled) {
    return progressing(`${st.numberAvailable ?? 0} of ${st.desiredNumberScheduled} pods are available`);
  }
  return healthy;
}

export function statefulSetHealth(sts: StatefulSet): Health {
  const st = sts.status;
  if (!st || (st.observedGeneration ?? 0) < (sts.metadata.generation ?? 1))
    return progressing("waiting for status");
  const want = sts.spec.replicas ?? 1;
  if ((st.readyReplicas ?? 0) < want)
    return progressing(`${st.readyReplicas ?? 0} of ${want} pods are ready`);
  if (sts.spec.updateStrategy?.type === "RollingUpdate") {
    const partition = sts.spec.updateStrategy.rollingUpdate?.partition ?? 0;
    if (partition === 0 && st.updateRevision !== undefined && st.currentRevision !== st.updateRevision) {
      return progressing("rolling update in progress");
    }
    if ((st.updatedReplicas ?? 0) < want - partition) {
      return progressing(`${st.updatedReplicas ?? 0} of ${want - partition} pods are updated`);
    }
  }
  return healthy;
}

export function jobHealth(job: Job): Health {
  const conds = job.status?.conditions ?? [];
  const failed = conds.find((c) => c.type === "Failed" && c.status === "True");
  if (failed) return degraded(failed.message ?? failed.reason ?? "job failed");
  if (conds.some((c) => c.type === "Complete" && c.status === "True")) return healthy;
  if (job.spec.suspend) return { status: "Suspended", message: "job is suspended" };
  return progressing("job is running");
}

/** `lastJob`: the CronJob's most recently scheduled Job, when there is one. */
export function cronJobHealth(cj: CronJob, lastJob?: Job): Health {
  if (cj.spec.suspend) return { status: "Suspended", message: "cronjob is suspended" };
  if (lastJob) {
    const h = jobHealth(lastJob);
    if (h.status === "Degraded")
      return degraded(`last job ${lastJob.metadata.name} failed: ${h.message ?? ""}`);
  }
  return healthy;
}

export function serviceHealth(svc: Service): Health {
  if (svc.spec.type === "LoadBalancer" && (svc.status?.loadBalancer?.ingress?.length ?? 0) === 0) {
    return progressing("waiting for load balancer addresses");
  }
  return healthy;
}

/** Health of one object; objects without a health notion (ConfigMaps, ...) are Healthy. */
export function objectHealth(obj: KObject, related: { lastJob?: Job | undefined } = {}): Health {
  switch (obj.kind) {
    case "Pod":
      return podHealth(obj);
    case "Deployment":
      return deploymentHealth(obj);
    case "ReplicaSet":
      return replicaSetHealth(obj);
    case "DaemonSet":
      return daemonSetHealth(obj);
    case "StatefulSet":
      return statefulSetHealth(obj);
    case "Job":
      return jobHealth(obj);
    case "CronJob":
      return cronJobHealth(obj, related.lastJob);
    case "Service":
      return serviceHealth(obj);
    default:
      return healthy;
  }
}
