// The canonical object model every stage after src/manifest consumes.
// Shapes follow the Kubernetes API (current versions: v1, apps/v1, batch/v1, networking.k8s.io/v1)
// for the fields berth supports. Legacy apiVersions are converted to these by src/manifest/convert.
// After normalisation (src/manifest/defaults) every defaulted field is present, so consumers may
// rely on the fields documented as "always set after defaulting".

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

// ---------------------------------------------------------------------------------------------
// Selectors

export type LabelSelectorOperator = "In" | "NotIn" | "Exists" | "DoesNotExist";

export interface LabelSelectorRequirement {
  key: string;
  operator: LabelSelectorOperator;
  values?: string[];
}

export interface LabelSelector {
  matchLabels?: Labels;
  matchExpressions?: LabelSelectorRequirement[];
}

export type NodeSelectorOperator = LabelSelectorOperator | "Gt" | "Lt";

export interface NodeSelectorRequirement {
  key: string;
  operator: NodeSelectorOperator;
  values?: string[];
}

export interface NodeSelectorTerm {
  matchExpressions?: NodeSelectorRequirement[];
  matchFields?: NodeSelectorRequirement[];
}

export interface NodeAffinity {
  requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms: NodeSelectorTerm[] };
  preferredDuringSchedulingIgnoredDuringExecution?: { weight: number; preference: NodeSelectorTerm }[];
}

export interface Affinity {
  nodeAffinity?: NodeAffinity;
}

export type TaintEffect = "NoSchedule" | "PreferNoSchedule" | "NoExecute";

export interface Taint {
  key: string;
  value?: string;
  effect: TaintEffect;
}

export interface Toleration {
  key?: string;
  operator?: "Exists" | "Equal";
  value?: string;
  effect?: TaintEffect;
  tolerationSeconds?: number;
}

// ---------------------------------------------------------------------------------------------
// Pods

export type IntOrString = number | string;

export interface ContainerPort {
  name?: string;
  containerPort: number;
  hostPort?: number;
  hostIP?: string;
  /** Always set after defaulting (TCP). */
  protocol?: "TCP" | "UDP" | "SCTP";
}

export interface KeySelector {
  name: string;
  key: string;
  optional?: boolean;
}

export interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: {
    configMapKeyRef?: KeySelector;
    secretKeyRef?: KeySelector;
    fieldRef?: { fieldPath: string; apiVersion?: string };
    resourceFieldRef?: { containerName?: string; resource: string; divisor?: string };
  };
}

export interface EnvFromSource {
  prefix?: string;
  configMapRef?: { name: string; optional?: boolean };
  secretRef?: { name: string; optional?: boolean };
}

/** Quantities are kept as canonical Kubernetes strings ("250m", "64Mi"); parse with manifest/quantity. */
export type ResourceList = Partial<Record<"cpu" | "memory" | "ephemeral-storage" | "storage", string>>;

export interface ResourceRequirements {
  limits?: ResourceList;
  requests?: ResourceList;
}

export interface VolumeMount {
  name: string;
  mountPath: string;
  subPath?: string;
  readOnly?: boolean;
}

export interface ExecAction {
  command: string[];
}

export interface HTTPGetAction {
  path?: string;
  port: IntOrString;
  host?: string;
  scheme?: "HTTP" | "HTTPS";
  httpHeaders?: { name: string; value: string }[];
}

export interface TCPSocketAction {
  port: IntOrString;
  host?: string;
}

export interface Probe {
  exec?: ExecAction;
  httpGet?: HTTPGetAction;
  tcpSocket?: TCPSocketAction;
  /** The five fields below are always set after defaulting. */
  initialDelaySeconds?: number;
  timeoutSeconds?: number;
  periodSeconds?: number;
  successThreshold?: number;
  failureThreshold?: number;
  terminationGracePeriodSeconds?: number;
}

export interface SecurityContext {
  runAsUser?: number;
  runAsGroup?: number;
  runAsNonRoot?: boolean;
  readOnlyRootFilesystem?: boolean;
  privileged?: boolean;
  allowPrivilegeEscalation?: boolean;
  capabilities?: { add?: string[]; drop?: string[] };
}

export interface PodSecurityContext {
  runAsUser?: number;
  runAsGroup?: number;
  runAsNonRoot?: boolean;
  fsGroup?: number;
  supplementalGroups?: number[];
}

export type PullPolicy = "Always" | "IfNotPresent" | "Never";

export interface Container {
  name: string;
  image: string;
  command?: string[];
  args?: string[];
  workingDir?: string;
  ports?: ContainerPort[];
  env?: EnvVar[];
  envFrom?: EnvFromSource[];
  resources?: ResourceRequirements;
  volumeMounts?: VolumeMount[];
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  startupProbe?: Probe;
  /** Always set after defaulting. */
  imagePullPolicy?: PullPolicy;
  securityContext?: SecurityContext;
  stdin?: boolean;
  tty?: boolean;
  terminationMessagePath?: string;
  terminationMessagePolicy?: "File" | "FallbackToLogsOnError";
}

export interface KeyToPath {
  key: string;
  path: string;
  mode?: number;
}

export interface Volume {
  name: string;
  emptyDir?: { medium?: "" | "Memory"; sizeLimit?: string };
  configMap?: { name: string; items?: KeyToPath[]; defaultMode?: number; optional?: boolean };
  secret?: { secretName: string; items?: KeyToPath[]; defaultMode?: number; optional?: boolean };
  persistentVolumeClaim?: { claimName: string; readOnly?: boolean };
  hostPath?: { path: string; type?: string };
}

export type RestartPolicy = "Always" | "OnFailure" | "Never";

export interface PodSpec {
  containers: Container[];
  initContainers?: Container[];
  volumes?: Volume[];
  /** Always set after defaulting. */
  restartPolicy?: RestartPolicy;
  /** Always set after defaulting (30). */
  terminationGracePeriodSeconds?: number;
  activeDeadlineSeconds?: number;
  /** Always set after defaulting (ClusterFirst). */
  dnsPolicy?: "ClusterFirst" | "Default" | "None" | "ClusterFirstWithHostNet";
  nodeSelector?: Labels;
  nodeName?: string;
  hostNetwork?: boolean;
  hostname?: string;
  subdomain?: string;
  affinity?: Affinity;
  tolerations?: Toleration[];
  securityContext?: PodSecurityContext;
  serviceAccountName?: string;
  automountServiceAccountToken?: boolean;
  enableServiceLinks?: boolean;
  schedulerName?: string;
  priorityClassName?: string;
}

export interface PodTemplateSpec {
  metadata: Omit<ObjectMeta, "name"> & { name?: string };
  spec: PodSpec;
}

export type PodPhase = "Pending" | "Running" | "Succeeded" | "Failed" | "Unknown";

export type ConditionStatus = "True" | "False" | "Unknown";

export interface Condition {
  type: string;
  status: ConditionStatus;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
  lastUpdateTime?: string;
  lastProbeTime?: string;
}

export interface ContainerState {
  waiting?: { reason: string; message?: string };
  running?: { startedAt: string };
  terminated?: {
    exitCode: number;
    signal?: number;
    reason: string;
    message?: string;
    startedAt?: string;
    finishedAt?: string;
    containerID?: string;
  };
}

export interface ContainerStatus {
  name: string;
  image: string;
  imageID: string;
  containerID?: string;
  ready: boolean;
  started?: boolean;
  restartCount: number;
  state: ContainerState;
  lastState: ContainerState;
}

export interface PodStatus {
  phase: PodPhase;
  conditions?: Condition[];
  message?: string;
  reason?: string;
  hostIP?: string;
  podIP?: string;
  podIPs?: { ip: string }[];
  startTime?: string;
  initContainerStatuses?: ContainerStatus[];
  containerStatuses?: ContainerStatus[];
}

export interface Pod extends KObjectBase<"Pod"> {
  spec: PodSpec;
  status?: PodStatus;
}

// ---------------------------------------------------------------------------------------------
// Config

export interface Namespace extends KObjectBase<"Namespace"> {
  spec?: { finalizers?: string[] };
  status?: { phase: "Active" | "Terminating" };
}

export interface ConfigMap extends KObjectBase<"ConfigMap"> {
  data?: Record<string, string>;
  binaryData?: Record<string, string>;
  immutable?: boolean;
}

export interface Secret extends KObjectBase<"Secret"> {
  /** base64 values. After defaulting stringData is merged here and removed. */
  data?: Record<string, string>;
  stringData?: Record<string, string>;
  /** Always set after defaulting (Opaque). */
  type?: string;
  immutable?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Services and Ingress

export interface ServicePort {
  name?: string;
  /** Always set after defaulting (TCP). */
  protocol?: "TCP" | "UDP" | "SCTP";
  port: number;
  /** Always set after defaulting (= port). */
  targetPort?: IntOrString;
  nodePort?: number;
  appProtocol?: string;
}

export type ServiceType = "ClusterIP" | "NodePort" | "LoadBalancer" | "ExternalName";

export interface ServiceSpec {
  selector?: Labels;
  ports?: ServicePort[];
  /** Always set after defaulting (ClusterIP). */
  type?: ServiceType;
  clusterIP?: string;
  clusterIPs?: string[];
  externalName?: string;
  sessionAffinity?: "None" | "ClientIP";
  publishNotReadyAddresses?: boolean;
  externalTrafficPolicy?: "Cluster" | "Local";
}

export interface Service extends KObjectBase<"Service"> {
  spec: ServiceSpec;
  status?: { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } };
}

export interface ServiceBackendPort {
  number?: number;
  name?: string;
}

export interface IngressBackend {
  service?: { name: string; port: ServiceBackendPort };
  resource?: { apiGroup?: string; kind: string; name: string };
}

export type PathType = "Exact" | "Prefix" | "ImplementationSpecific";

export interface HTTPIngressPath {
  path?: string;
  pathType: PathType;
  backend: IngressBackend;
}

export interface IngressRule {
  host?: string;
  http?: { paths: HTTPIngressPath[] };
}

export interface IngressSpec {
  ingressClassName?: string;
  defaultBackend?: IngressBackend;
  tls?: { hosts?: string[]; secretName?: string }[];
  rules?: IngressRule[];
}

export interface Ingress extends KObjectBase<"Ingress"> {
  spec: IngressSpec;
  status?: { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } };
}

// ---------------------------------------------------------------------------------------------
// Workloads

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

// ---------------------------------------------------------------------------------------------

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
