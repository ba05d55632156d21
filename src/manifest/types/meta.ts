// Kinds, apiVersions and object metadata shared by every kind.

export type Kind =
  | "Namespace"
  | "Pod"
  | "ConfigMap"
  | "Secret"
  | "Service"
  | "Deployment"
  | "ReplicaSet"
  | "DaemonSet"
  | "StatefulSet"
  | "Job"
  | "CronJob"
  | "Ingress";

export const KINDS: readonly Kind[] = [
  "Namespace",
  "Pod",
  "ConfigMap",
  "Secret",
  "Service",
  "Deployment",
  "ReplicaSet",
  "DaemonSet",
  "StatefulSet",
  "Job",
  "CronJob",
  "Ingress",
];

/** The current apiVersion of each kind: what legacy versions convert to. */
export const CURRENT_API_VERSION: Readonly<Record<Kind, string>> = {
  Namespace: "v1",
  Pod: "v1",
  ConfigMap: "v1",
  Secret: "v1",
  Service: "v1",
  Deployment: "apps/v1",
  ReplicaSet: "apps/v1",
  DaemonSet: "apps/v1",
  StatefulSet: "apps/v1",
  Job: "batch/v1",
  CronJob: "batch/v1",
  Ingress: "networking.k8s.io/v1",
};

export const CLUSTER_SCOPED: ReadonlySet<Kind> = new Set<Kind>(["Namespace"]);

export type Labels = Record<string, string>;

export interface OwnerReference {
  apiVersion: string;
  kind: Kind;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface ObjectMeta {
  name: string;
  /** Always set after defaulting for namespaced kinds; absent for Namespace. */
  namespace?: string;
  generateName?: string;
  /** Always set (possibly empty) after defaulting. */
  labels?: Labels;
  /** Always set (possibly empty) after defaulting. */
  annotations?: Record<string, string>;
  // Fields below are set by berth (the store), never read from git.
  uid?: string;
  generation?: number;
  resourceVersion?: string;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  ownerReferences?: OwnerReference[];
}

export interface TypeMeta<K extends Kind = Kind> {
  apiVersion: string;
  kind: K;
}

export interface KObjectBase<K extends Kind = Kind> extends TypeMeta<K> {
  metadata: ObjectMeta;
}
