// The plan: what applying the desired objects over the recorded ones does, object by object and
// field by field, plus what each change implies for running pods. Produced by planDiff (plan.ts),
// consumed by the renderers (render/) and by apply.

import type { Kind, KObject } from "../manifest/types.js";

/**
 * create / update / delete: what a sync does to the object.
 * unchanged: desired and recorded mean the same.
 * keep: gone from git but annotated `berth.io/prune: "false"`, so a sync leaves it alone.
 */
export type PlanAction = "create" | "update" | "delete" | "unchanged" | "keep";

/** One step of a field path: a map key, a list index, or a list item picked by its merge key. */
export type PathSegment = string | number | { key: string; value: string | number };

/**
 * add: the field (or list item) is new; remove: it is gone; replace: its value changed;
 * reorder: a keyed list holds the same items in another order (before/after are the key lists).
 */
export type ChangeOp = "add" | "remove" | "replace" | "reorder";

export interface FieldChange {
  /** "spec.template.spec.containers[name=web].image" */
  path: string;
  segments: PathSegment[];
  op: ChangeOp;
  /** Absent for add. Secret values are redaction markers, never values. */
  before?: unknown;
  /** Absent for remove. */
  after?: unknown;
  /** True when before/after are redaction markers standing in for Secret values. */
  redacted?: true;
}

/** Stable codes for what a change implies; tools match on these, people read the message. */
export type ImplicationCode =
  | "ROLLING_UPDATE" // a Deployment replaces its pods a few at a time
  | "RECREATE" // a Deployment stops all pods, then starts new ones
  | "TEMPLATE_NEW_PODS_ONLY" // a ReplicaSet's template change reaches new pods only
  | "PAUSED" // a paused Deployment rolls out when resumed
  | "SCALE_UP"
  | "SCALE_DOWN"
  | "PODS_CREATED" // a new workload starts pods
  | "REPLACE" // an immutable field changed: delete and recreate
  | "DAEMONSET_ROLLING_UPDATE"
  | "STATEFULSET_ROLLING_UPDATE"
  | "ON_DELETE" // pods pick up a template change only when deleted
  | "CRONJOB_NEXT_RUN" // the next scheduled Job uses the change
  | "CRONJOB_SUSPENDED"
  | "CRONJOB_RESUMED"
  | "SERVICE_SELECTOR" // a Service now sends traffic to other pods
  | "CONFIG_USED_BY" // a changed ConfigMap/Secret is read by a workload
  | "CONFIG_STILL_REFERENCED" // a deleted ConfigMap/Secret is still referenced
  | "CASCADE_DELETE" // what goes down with a deleted object
  | "PRUNE_SKIPPED"; // berth.io/prune=false keeps an object gone from git

export interface Implication {
  code: ImplicationCode;
  message: string;
}

export interface PlanEntry {
  action: PlanAction;
  kind: Kind;
  /** "" for cluster-scoped kinds. */
  namespace: string;
  name: string;
  /** "Deployment/default/web" (identity.ts keyOf). */
  key: string;
  /**
   * The recorded object as compared: generated metadata and status removed, Secret values
   * replaced by redaction markers. Set for update, delete and keep.
   */
  before?: KObject;
  /** The desired object, normalised and redacted the same way. Set for create and update. */
  after?: KObject;
  /** Field-level changes, for update only (empty otherwise). */
  changes: FieldChange[];
  implications: Implication[];
}

export interface ActionCounts {
  create: number;
  update: number;
  delete: number;
  unchanged: number;
  keep: number;
}

export interface Plan {
  /** Sorted by kind (in apply order), namespace and name. */
  entries: PlanEntry[];
  summary: ActionCounts;
  byKind: Partial<Record<Kind, ActionCounts>>;
  /** True when a sync would create, update or delete something (kept objects do not count). */
  hasChanges: boolean;
}

export interface PlanOptions {
  /**
   * Hashes a Secret value the way the state file stores it (`hmac-sha256:<hex>`), so a recorded
   * hash compares equal to a desired value. Called with the value as it appears in `data` (base64).
   */
  hashSecretValue?: (value: string) => string;
  /**
   * Only recorded objects of this app (annotation `berth.io/app`) are candidates for deletion.
   * Recorded objects without the annotation and without ownerReferences always are.
   */
  app?: string;
}
