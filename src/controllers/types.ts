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
  | { type: "event"; event: EventRecord };

export interface ControllerContext {
  view: StoreView;
  /** Milliseconds since the epoch, from the injected clock. */
  now: number;
  /** Random suffix for generated names (`<rs>-<5 chars>`); seeded in tests. */
  randomSuffix(): string;
  /** Names of Ready, schedulable nodes (DaemonSets place pods per node). */
  nodes: readonly NodeSummary[];
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
}

/** Any one controller, whatever its kind (a union, so each keeps its own object type). */
export type AnyController = { [K in Kind]: Controller<K> }[Kind];
