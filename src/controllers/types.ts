// The contract every controller follows: read a consistent view, return actions. Controllers never
// write the store themselves; the manager applies their actions, so a controller is a pure
// function of (object, view, now) and is table-tested without Docker.

import type { ObjectId } from "../manifest/identity.js";
import type { Kind, KObject, LabelSelector, ObjectOfKind } from "../manifest/types.js";

/** What controllers may read: the store, read-only. */
export interface StoreView {
  get<K extends Kind>(kind: K, namespace: string, name: string): ObjectOfKind<K> | undefined;
  list<K extends Kind>(kind: K, opts?: { namespace?: string; selector?: LabelSelector }): ObjectOfKind<K>[];
}

export interface EventRecord {
  type: "Normal" | "Warning";
  reason: string;
  message: string;
  object: ObjectId & { uid?: string };
}

export type Action =
  /** Create a new object (uid, timestamps filled by the store). */
  | { type: "create"; object: KObject }
  /** Replace metadata and spec of an existing object (status kept). */
  | { type: "update"; object: KObject }
  /** Replace the status of an object. */
  | { type: "status"; id: ObjectId; status: unknown }
  /** Delete an object (pods on a node terminate gracefully first). */
  | { type: "delete"; id: ObjectId; reason: string }
  /** Record a Kubernetes-style event. */
  | { type: "event"; event: EventRecord }
  /** Ask the runtime to remove a claim's volume (StatefulSet PVC retention policy Delete). */
  | DeleteVolumeAction;

/** An action the manager could not apply, handed to the next reconcile of the same object. */
export interface FailedAction {
  action: Action;
  /** The error's stable code (`E_EXISTS`, ...) when it was a BerthError. */
  code?: string;
  message: string;
}

/** A change in the store, as the manager's watch sees it. */
export interface ObjectChange {
  type: "ADDED" | "MODIFIED" | "DELETED";
  object: KObject;
  /** The previous version, for MODIFIED and DELETED. */
  old?: KObject;
}

export interface ControllerContext {
  view: StoreView;
  /** Milliseconds since the epoch, from the injected clock. */
  now: number;
  /** Random suffix for generated names (`<rs>-<5 chars>`); seeded in tests. */
  randomSuffix(): string;
  /** Every node berth knows, Ready or not, cordoned or not (DaemonSets place pods per node). */
  nodes: readonly NodeSummary[];
  /** Where each claim's volume lives, as the runtime reports it (StatefulSets pin pods to it). */
  claims?: readonly ClaimLocation[];
  /** Tunables of the built-in controllers; unset fields take their Kubernetes values. */
  config?: ControllerConfig;
  /**
   * Actions of this object's previous reconcile that failed (a pod create the store refused, ...):
   * how a controller learns of its own failures, as Kubernetes controllers see API errors, and
   * reports them in status (ReplicaSet ReplicaFailure, Deployment ReplicaSetCreateError).
   */
  failedActions?: readonly FailedAction[];
}

export interface NodeSummary {
  name: string;
  labels: Record<string, string>;
  taints: { key: string; value?: string; effect: "NoSchedule" | "PreferNoSchedule" | "NoExecute" }[];
  ready: boolean;
  unschedulable: boolean;
}

export interface ReconcileResult {
  actions: Action[];
  /** Look again after this long even if nothing changes (deadlines, backoffs, schedules). */
  requeueAfterMs?: number;
}

export interface Controller<K extends Kind = Kind> {
  /** The kind this controller owns. */
  readonly kind: K;
  reconcile(obj: ObjectOfKind<K>, ctx: ControllerContext): ReconcileResult;
  /**
   * Called once with the last version of an object of this kind that left the store, for effects
   * outside the store that Kubernetes would leave to owner references on objects berth does not
   * model (a StatefulSet's claims with whenDeleted: Delete).
   */
  finalize?(obj: ObjectOfKind<K>, ctx: ControllerContext): Action[];
  /**
   * Objects of this controller's kind to look at again when another object changes, beyond the
   * changed object's controlling owner (which the manager always enqueues): the event handlers of
   * a Kubernetes controller. A ReplicaSet looks at orphan pods its selector matches; a Deployment
   * at the pods of its ReplicaSets that disappear.
   */
  affected?(change: ObjectChange, view: StoreView): ObjectId[];
}

/** Any one controller, whatever its kind (a union, so each keeps its own object type). */
export type AnyController = { [K in Kind]: Controller<K> }[Kind];

/**
 * The runtime removes the Docker volume of the claim `claimName` in `namespace` once no container
 * uses it (retrying while one does); removing a volume that does not exist is not an error.
 */
export interface DeleteVolumeAction {
  type: "deleteVolume";
  namespace: string;
  claimName: string;
  reason: string;
}

/** A claim's volume and the node (Docker engine) it lives on. */
export interface ClaimLocation {
  namespace: string;
  claimName: string;
  node: string;
}

export interface ControllerConfig {
  /** First delay before a Job replaces a failed pod (Kubernetes: 10 s); doubles per failure. */
  jobBackoffBaseMs?: number;
  /** Cap of that delay (Kubernetes' current code: 10 min). */
  jobBackoffMaxMs?: number;
  /** IANA zone of CronJob schedules without spec.timeZone (default: the daemon's local zone). */
  defaultTimeZone?: string;
}
