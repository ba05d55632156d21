// The canonical object model every stage after src/manifest consumes.
// Shapes follow the Kubernetes API (current versions: v1, apps/v1, batch/v1, networking.k8s.io/v1)
// for the fields berth supports. Legacy apiVersions are converted to these by src/manifest/convert.
// After normalisation (src/manifest/defaults) every defaulted field is present, so consumers may
// rely on the fields documented as "always set after defaulting".

import type { ConfigMap, Namespace, Secret } from "./types/config.js";
import type { Kind } from "./types/meta.js";
import type { Ingress, Service } from "./types/network.js";
import type { Pod } from "./types/pod.js";
import type { CronJob, DaemonSet, Deployment, Job, ReplicaSet, StatefulSet } from "./types/workloads.js";
export * from "./types/meta.js";
export * from "./types/scheduling.js";
export * from "./types/pod.js";
export * from "./types/config.js";
export * from "./types/network.js";
export * from "./types/workloads.js";

export type KObject =
  | Namespace
  | Pod
  | ConfigMap
  | Secret
  | Service
  | Deployment
  | ReplicaSet
  | DaemonSet
  | StatefulSet
  | Job
  | CronJob
  | Ingress;

export type ObjectOfKind<K extends Kind> = Extract<KObject, { kind: K }>;

/** Workload kinds that own a pod template. */
export type Workload = Deployment | ReplicaSet | DaemonSet | StatefulSet | Job;
