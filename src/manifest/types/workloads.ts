// Workloads: Deployment, ReplicaSet, DaemonSet, StatefulSet, Job and CronJob, specs and status.

import type { KObjectBase, Labels, ObjectMeta } from "./meta.js";
import type { Condition, IntOrString, PodTemplateSpec, ResourceList } from "./pod.js";
import type { LabelSelector } from "./scheduling.js";

export interface RollingUpdateDeployment {
  maxSurge?: IntOrString;
  maxUnavailable?: IntOrString;
}

export interface DeploymentSpec {
  /** Always set after defaulting. */
  replicas?: number;
  selector: LabelSelector;
  template: PodTemplateSpec;
  /** Always set after defaulting (RollingUpdate 25%/25%). */
  strategy?: { type: "RollingUpdate" | "Recreate"; rollingUpdate?: RollingUpdateDeployment };
  minReadySeconds?: number;
  /**
   * Always set after defaulting (10; apps/v1beta1 2; extensions/v1beta1 2147483647, i.e. keep all).
   */
  revisionHistoryLimit?: number;
  /** Always set after defaulting (false). */
  paused?: boolean;
  /**
   * Always set after defaulting (600). 2147483647 (MaxInt32) means no deadline: that is what
   * extensions/v1beta1 Deployments convert to, as in Kubernetes (`NO_PROGRESS_DEADLINE`).
   */
  progressDeadlineSeconds?: number;
}

export interface DeploymentStatus {
  observedGeneration?: number;
  replicas?: number;
  updatedReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  unavailableReplicas?: number;
  conditions?: Condition[];
  collisionCount?: number;
}

export interface Deployment extends KObjectBase<"Deployment"> {
  spec: DeploymentSpec;
  status?: DeploymentStatus;
}

export interface ReplicaSetSpec {
  replicas?: number;
  minReadySeconds?: number;
  selector: LabelSelector;
  template: PodTemplateSpec;
}

export interface ReplicaSetStatus {
  replicas: number;
  fullyLabeledReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  observedGeneration?: number;
  conditions?: Condition[];
}

export interface ReplicaSet extends KObjectBase<"ReplicaSet"> {
  spec: ReplicaSetSpec;
  status?: ReplicaSetStatus;
}

export interface DaemonSetSpec {
  selector: LabelSelector;
  template: PodTemplateSpec;
  /** Always set after defaulting. */
  updateStrategy?: {
    type: "RollingUpdate" | "OnDelete";
    rollingUpdate?: { maxUnavailable?: IntOrString; maxSurge?: IntOrString };
  };
  minReadySeconds?: number;
  revisionHistoryLimit?: number;
}

export interface DaemonSetStatus {
  currentNumberScheduled: number;
  numberMisscheduled: number;
  desiredNumberScheduled: number;
  numberReady: number;
  observedGeneration?: number;
  updatedNumberScheduled?: number;
  numberAvailable?: number;
  numberUnavailable?: number;
  conditions?: Condition[];
}

export interface DaemonSet extends KObjectBase<"DaemonSet"> {
  spec: DaemonSetSpec;
  status?: DaemonSetStatus;
}

export interface PersistentVolumeClaimTemplate {
  metadata: { name: string; labels?: Labels; annotations?: Record<string, string> };
  spec: {
    accessModes?: string[];
    resources?: { requests?: ResourceList; limits?: ResourceList };
    storageClassName?: string;
    volumeMode?: string;
  };
}

export interface StatefulSetSpec {
  /** Always set after defaulting. */
  replicas?: number;
  selector: LabelSelector;
  template: PodTemplateSpec;
  serviceName: string;
  volumeClaimTemplates?: PersistentVolumeClaimTemplate[];
  /** Always set after defaulting (OrderedReady). */
  podManagementPolicy?: "OrderedReady" | "Parallel";
  /** Always set after defaulting (RollingUpdate, partition 0; OnDelete for apps/v1beta1). */
  updateStrategy?: {
    type: "RollingUpdate" | "OnDelete";
    rollingUpdate?: { partition?: number; maxUnavailable?: IntOrString };
  };
  revisionHistoryLimit?: number;
  minReadySeconds?: number;
  persistentVolumeClaimRetentionPolicy?: {
    whenDeleted?: "Retain" | "Delete";
    whenScaled?: "Retain" | "Delete";
  };
}

export interface StatefulSetStatus {
  observedGeneration?: number;
  replicas: number;
  readyReplicas?: number;
  currentReplicas?: number;
  updatedReplicas?: number;
  availableReplicas?: number;
  currentRevision?: string;
  updateRevision?: string;
  collisionCount?: number;
  conditions?: Condition[];
}

export interface StatefulSet extends KObjectBase<"StatefulSet"> {
  spec: StatefulSetSpec;
  status?: StatefulSetStatus;
}

export interface JobSpec {
  /** Always set after defaulting. */
  parallelism?: number;
  /** Always set after defaulting when parallelism was also unset (then 1); otherwise may stay unset (work queue). */
  completions?: number;
  activeDeadlineSeconds?: number;
  /** Always set after defaulting (6). */
  backoffLimit?: number;
  ttlSecondsAfterFinished?: number;
  completionMode?: "NonIndexed" | "Indexed";
  suspend?: boolean;
  selector?: LabelSelector;
  manualSelector?: boolean;
  template: PodTemplateSpec;
}

export interface JobStatus {
  conditions?: Condition[];
  startTime?: string;
  completionTime?: string;
  active?: number;
  succeeded?: number;
  failed?: number;
  ready?: number;
}

export interface Job extends KObjectBase<"Job"> {
  spec: JobSpec;
  status?: JobStatus;
}

export interface CronJobSpec {
  schedule: string;
  timeZone?: string;
  startingDeadlineSeconds?: number;
  /** Always set after defaulting (Allow). */
  concurrencyPolicy?: "Allow" | "Forbid" | "Replace";
  /** Always set after defaulting (false). */
  suspend?: boolean;
  jobTemplate: { metadata?: Omit<ObjectMeta, "name"> & { name?: string }; spec: JobSpec };
  /** Always set after defaulting (3; 2147483647, i.e. keep all, for batch/v2alpha1). */
  successfulJobsHistoryLimit?: number;
  /** Always set after defaulting (1; 2147483647, i.e. keep all, for batch/v2alpha1). */
  failedJobsHistoryLimit?: number;
}

export interface CronJobStatus {
  active?: { kind: "Job"; name: string; namespace: string; uid?: string }[];
  lastScheduleTime?: string;
  lastSuccessfulTime?: string;
}

export interface CronJob extends KObjectBase<"CronJob"> {
  spec: CronJobSpec;
  status?: CronJobStatus;
}
