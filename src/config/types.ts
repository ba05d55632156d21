// The daemon's configuration after loading: every field present (defaults filled in), durations
// in milliseconds, quantities in millicores and bytes, secrets resolved into Secret wrappers.
// The file format is documented in docs/configuration.md and schemas/berth-config.json.

import type { Labels, Taint } from "../manifest/types.js";
import type { Millis } from "./duration.js";
import type { Secret } from "./secret.js";

export type { Millis } from "./duration.js";

export interface TlsFiles {
  /** Absolute paths. */
  ca: string;
  cert: string;
  key: string;
}

/** Where a node's Docker engine listens, in the forms dockerode / docker-modem support. */
export type DockerEndpoint =
  | { kind: "unix"; url: string; socketPath: string }
  | { kind: "tcp"; url: string; host: string; port: number; tls?: TlsFiles }
  | { kind: "ssh"; url: string; host: string; port: number; username?: string };

export interface NodeConfig {
  name: string;
  endpoint: DockerEndpoint;
  /** The IP other nodes' containers and berth's ingress use to reach ports published here. */
  address: string;
  labels: Labels;
  taints: Taint[];
  unschedulable: boolean;
  /** Overrides of what `docker info` reports (NCPU, MemTotal); pods defaults to 110. */
  capacity: { cpuMillis?: number; memoryBytes?: number; pods: number };
  /** Kept back from capacity for the engine and the host: allocatable = capacity − reserve. */
  reserve: { cpuMillis: number; memoryBytes: number };
}

export interface Backoff {
  initial: Millis;
  max: Millis;
}

export interface RuntimeConfig {
  /** false: no hostPath volumes; true: any; a list: only paths under these prefixes. */
  allowHostPath: boolean | string[];
  allowPrivileged: boolean;
  allowHostNetwork: boolean;
  crashLoopBackoff: Backoff & { resetAfter: Millis };
  imagePullBackoff: Backoff;
  jobBackoff: Backoff;
  nodeHeartbeat: { interval: Millis; failureThreshold: number };
  /** How long pods stay bound to a node that stopped answering before they are replaced elsewhere. */
  podEvictionTimeout: Millis;
  /** Full re-read of every engine's containers, besides Docker's event stream. */
  resyncInterval: Millis;
  /** Service DNS suffix: <svc>.<ns>.svc.<clusterDomain>. */
  clusterDomain: string;
}

export interface SchedulerConfig {
  /** kube-scheduler's percentageOfNodesToScore; 0 is adaptive. */
  percentageOfNodesToScore: number;
}

export interface PruneConfig {
  enabled: boolean;
  /** Whether a revision with no objects at all may delete everything the source applied. */
  allowEmpty: boolean;
  /** The largest share (0..1] of a source's objects one sync may delete; more is held back. */
  maxDeleteShare: number;
}

export interface SourceSettings {
  ref: string;
  path: string;
  namespace: string;
  prune: PruneConfig;
  selfHeal: { enabled: boolean; interval: Millis };
  pollInterval: Millis;
  /** A local repository's refs are watched (a commit is seen within a second); ignored for remotes. */
  watchLocal: boolean;
}

export interface SourceCredentials {
  username?: string;
  password?: Secret;
  sshPrivateKey?: Secret;
}

export interface SourceConfig extends SourceSettings {
  name: string;
  /** A URL (https://, ssh://, git@host:path, file://) or a local path, made absolute. */
  repo: string;
  credentials?: SourceCredentials;
}

export type NotificationTrigger = "sync-succeeded" | "sync-failed" | "health-degraded" | "deployed";

export interface NotificationConfig {
  name: string;
  type: "webhook" | "slack";
  url: Secret;
  triggers: NotificationTrigger[];
  /** Message template; undefined means the type's default. */
  template?: string;
  headers: Record<string, Secret>;
}

export type LogLevel = "trace" | "debug" | "info" | "warn" | "error" | "fatal";

export interface BerthConfig {
  /** The file the config came from; undefined when built from defaults only. */
  file?: string;
  nodes: NodeConfig[];
  runtime: RuntimeConfig;
  scheduler: SchedulerConfig;
  sourceDefaults: SourceSettings;
  sources: SourceConfig[];
  /** Listen addresses ("host:port"); undefined means that listener is off. */
  ingress: { http?: string; https?: string };
  services: {
    nodePortRange: { min: number; max: number };
    /** Namespace networks' subnets and cluster IPs come from here (one /21 per namespace). */
    networkRange: string;
  };
  api: { listen: string; token?: Secret };
  webhooks: {
    github?: { secret: Secret };
    gitlab?: { token: Secret };
    gitea?: { secret: Secret };
    generic?: { secret: Secret };
    maxBodyBytes: number;
  };
  notifications: NotificationConfig[];
  state: { path: string };
  log: { level: LogLevel; format: "auto" | "json" | "pretty" };
}
