// The shape of the JSON state file: everything the daemon knows that it could not cheaply recompute
// after a restart. JSON Schema twin: schemas/state-file.json (checked on load). Changing a shape here
// means a new format version and a migration (src/state/migrations.ts).

import type { Condition, Kind, KObject, Labels, ResourceList, Taint } from "../manifest/types.js";
import type { Allocations } from "./allocations.js";

/** The format this berth writes. Older files are migrated on load; newer ones are refused. */
export const STATE_FORMAT_VERSION = 1;

// ---------------------------------------------------------------------------------------------
// Apps: a source of manifests (a repo path) and where syncing it got to.

export interface AppSource {
  /** The repo URL with any credentials stripped (they live in berth.yaml or the environment). */
  repoURL: string;
  /** The branch, tag or commit followed. */
  ref: string;
  /** The directory inside the repo ("" or "." for the root). */
  path: string;
}

export interface Revision {
  sha: string;
  author: string;
  /** Commit date, RFC 3339. */
  date: string;
  /** First line of the commit message. */
  subject: string;
}

export interface SyncAttempt {
  startedAt: string;
  finishedAt: string;
  result: "succeeded" | "failed";
  /** Human-readable problems of a failed attempt (diagnostics already rendered); empty on success. */
  errors: string[];
  /** The revision the attempt was about (a failed one is not the synced revision). */
  revision?: Revision;
}

export interface AppState {
  /** The app name: what the `berth.io/app` annotation of its objects says. */
  name: string;
  source: AppSource;
  /** The revision whose objects are in the store; absent before the first sync. */
  syncedRevision?: Revision;
  /** The newest revision that passed validation and was applied; absent before the first success. */
  lastGoodRevision?: Revision;
  lastSyncAttempt?: SyncAttempt;
}

// ---------------------------------------------------------------------------------------------
// Nodes: one per Docker engine, as its agent last reported it.

/** Quantities in canonical Kubernetes form ("2", "3920Mi"); `pods` is the pod count limit. */
export type NodeResources = ResourceList & { pods?: string };

/** Condition types as in Kubernetes: Ready, MemoryPressure, DiskPressure, PIDPressure, ... */
export interface NodeCondition extends Condition {
  lastHeartbeatTime?: string;
}

export interface NodeInfo {
  /** "docker://27.5.1" */
  containerRuntimeVersion: string;
  operatingSystem: string;
  architecture: string;
  kernelVersion?: string;
}

export interface NodeState {
  name: string;
  labels: Labels;
  taints?: Taint[];
  unschedulable?: boolean;
  conditions: NodeCondition[];
  capacity: NodeResources;
  allocatable: NodeResources;
  /** When the node's agent last reached its engine; RFC 3339. */
  lastHeartbeatTime: string;
  nodeInfo?: NodeInfo;
}

// ---------------------------------------------------------------------------------------------
// Events: Kubernetes-style (core/v1 Event), newest last, bounded, repeats aggregated.

export interface ObjectReference {
  kind: Kind;
  /** "" for cluster-scoped objects. */
  namespace: string;
  name: string;
  uid?: string;
}

export interface EventSource {
  /** "deployment-controller", "scheduler", "kubelet", "berth-sync" */
  component: string;
  /** The node, for events from a node agent. */
  host?: string;
}

export interface StateEvent {
  type: "Normal" | "Warning";
  /** CamelCase, machine-readable: "ScalingReplicaSet", "FailedScheduling", "BackOff". */
  reason: string;
  message: string;
  involvedObject: ObjectReference;
  source: EventSource;
  /** How many times this (object, type, reason, message, source) happened. */
  count: number;
  firstTimestamp: string;
  lastTimestamp: string;
}

// ---------------------------------------------------------------------------------------------
// The file

/** What the daemon knows; what callers hand to `scheduleSave`. */
export interface StateContent {
  /** The object store's resourceVersion counter, so versions never repeat across restarts. */
  resourceVersion: number;
  apps: AppState[];
  /** Every object of the store, from git and generated; Secret values are hashes in the file. */
  objects: KObject[];
  nodes: NodeState[];
  allocations: Allocations;
  events: StateEvent[];
}

/** The whole document: the content plus the envelope the state file fills in on every save. */
export interface StateData extends StateContent {
  formatVersion: typeof STATE_FORMAT_VERSION;
  /** The berth that wrote the file. */
  berthVersion: string;
  savedAt: string;
  /** Random per state file (hex); keys the HMAC that replaces Secret values. Never changes. */
  secretSalt: string;
}
