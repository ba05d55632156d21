// The shape of berth.yaml after schema validation with defaults (schemas/berth-config.json):
// what normalize.ts turns into BerthConfig.

import type { Labels, Taint } from "../manifest/types.js";
import type { SecretRef } from "./secret.js";
import type { BerthConfig, NotificationConfig } from "./types.js";

export type RawDuration = string | number;
export type RawQuantity = string | number;

export interface RawNode {
  name: string;
  endpoint?: string;
  tls?: { ca: string; cert: string; key: string };
  address?: string;
  labels?: Labels;
  taints?: Taint[];
  unschedulable?: boolean;
  capacity?: { cpu?: RawQuantity; memory?: RawQuantity; pods?: number };
  reserve?: { cpu?: RawQuantity; memory?: RawQuantity };
}

export interface RawSettings {
  ref?: string;
  path?: string;
  namespace?: string;
  prune?: { enabled?: boolean; allowEmpty?: boolean; maxDeleteShare?: number };
  selfHeal?: { enabled?: boolean; interval?: RawDuration };
  pollInterval?: RawDuration;
  watchLocal?: boolean;
}

export interface RawSource extends RawSettings {
  name: string;
  repo: string;
  credentials?: { username?: string; password?: SecretRef; sshPrivateKey?: SecretRef };
}

export interface RawBackoff {
  initial: RawDuration;
  max: RawDuration;
}

export interface RawConfig {
  nodes?: RawNode[];
  runtime: {
    allowHostPath: boolean | string[];
    allowPrivileged: boolean;
    allowHostNetwork: boolean;
    crashLoopBackoff: RawBackoff & { resetAfter: RawDuration };
    imagePullBackoff: RawBackoff;
    jobBackoff: RawBackoff;
    nodeHeartbeat: { interval: RawDuration; failureThreshold: number };
    podEvictionTimeout: RawDuration;
    resyncInterval: RawDuration;
    clusterDomain: string;
  };
  scheduler: { percentageOfNodesToScore: number };
  sourceDefaults: Required<RawSettings> & {
    prune: Required<NonNullable<RawSettings["prune"]>>;
    selfHeal: Required<NonNullable<RawSettings["selfHeal"]>>;
  };
  sources?: RawSource[];
  ingress: { http: string | null; https: string | null };
  services: { nodePortRange: string; networkRange: string };
  api: { listen: string; token?: SecretRef; tokenFile?: string; tokenEnv?: string };
  webhooks: {
    github?: { secret: SecretRef };
    gitlab?: { token: SecretRef };
    gitea?: { secret: SecretRef };
    generic?: { secret: SecretRef };
    maxBodyBytes: RawQuantity;
  };
  notifications?: {
    name: string;
    type: "webhook" | "slack";
    url: SecretRef;
    triggers: NotificationConfig["triggers"];
    template?: string;
    headers?: Record<string, SecretRef>;
  }[];
  state: { path?: string };
  log: BerthConfig["log"];
}
