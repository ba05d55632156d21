// One Deployment reconcile as a working set. Kubernetes' deployment controller writes as it goes
// (create a ReplicaSet, scale it, update the Deployment's status) and carries the returned objects
// forward; here the same steps mutate working copies, and finish() turns the differences into
// actions: one create, update or delete per ReplicaSet, then the Deployment's revision annotation
// and status, then events. So each reconcile is one bounded step and, once the world matches, a
// second reconcile finds nothing to change.

import { idOf } from "../../manifest/identity.js";
import type { Deployment, DeploymentStatus, ReplicaSet } from "../../manifest/types.js";
import { semanticEqual } from "../equal.js";
import type { Action, ControllerContext, ReconcileResult } from "../types.js";

interface Tracked {
  rs: ReplicaSet;
  /** As read from the store; undefined for a ReplicaSet created in this reconcile. */
  original: ReplicaSet | undefined;
  deleted: boolean;
}

/** Stops the rest of a reconcile (Kubernetes returns an error there); finish() still applies. */
export class SyncAbort extends Error {
  constructor(
    readonly reason: string,
    readonly requeueAfterMs?: number,
  ) {
    super(reason);
  }
}

export class DeploymentSync {
  /** The working Deployment: annotations and status change; status is always present. */
  readonly d: Deployment & { status: DeploymentStatus };
  private readonly tracked = new Map<string, Tracked>();
  private readonly events: Action[] = [];
  private requeue: number | undefined;

  constructor(
    private readonly original: Deployment,
    readonly ctx: ControllerContext,
  ) {
    const d = structuredClone(original);
    this.d = { ...d, status: d.status ?? {} };
  }

  get now(): number {
    return this.ctx.now;
  }

  get namespace(): string {
    return this.original.metadata.namespace ?? "default";
  }

  /** The working copy of a stored ReplicaSet (the same object on every call). */
  track(stored: ReplicaSet, working: ReplicaSet = structuredClone(stored)): ReplicaSet {
    const known = this.tracked.get(stored.metadata.name);
    if (known) return known.rs;
    this.tracked.set(stored.metadata.name, { rs: working, original: stored, deleted: false });
    return working;
  }

  create(rs: ReplicaSet): ReplicaSet {
    this.tracked.set(rs.metadata.name, { rs, original: undefined, deleted: false });
    return rs;
  }

  delete(rs: ReplicaSet): void {
    const t = this.tracked.get(rs.metadata.name);
    if (t) t.deleted = true;
  }

  /** spec.replicas changed in this reconcile (its generation will move past what its status saw). */
  wasScaled(rs: ReplicaSet): boolean {
    const t = this.tracked.get(rs.metadata.name);
    return t?.original !== undefined && t.original.spec.replicas !== rs.spec.replicas;
  }

  event(type: "Normal" | "Warning", reason: string, message: string): void {
    const d = this.original;
    const object = d.metadata.uid === undefined ? idOf(d) : { ...idOf(d), uid: d.metadata.uid };
    this.events.push({ type: "event", event: { type, reason, message, object } });
  }

  requeueAfter(ms: number): void {
    if (this.requeue === undefined || ms < this.requeue) this.requeue = ms;
  }

  finish(): ReconcileResult {
    const creates: Action[] = [];
    const updates: Action[] = [];
    const deletes: Action[] = [];
    for (const t of this.tracked.values()) {
      if (t.original === undefined) {
        if (!t.deleted) creates.push({ type: "create", object: t.rs });
      } else if (t.deleted) {
        deletes.push({
          type: "delete",
          id: idOf(t.rs),
          reason: `old revision of Deployment ${this.d.metadata.name}`,
        });
      } else if (
        !semanticEqual(t.original.metadata, t.rs.metadata) ||
        !semanticEqual(t.original.spec, t.rs.spec)
      ) {
        const { status: _status, ...rest } = t.rs;
        updates.push({ type: "update", object: rest });
      }
    }
    const actions = [...creates, ...updates, ...deletes];
    if (!semanticEqual(this.original.metadata.annotations, this.d.metadata.annotations)) {
      const { status: _status, ...rest } = this.d;
      actions.push({ type: "update", object: { ...rest, spec: this.original.spec } });
    }
    if (!semanticEqual(this.original.status, this.d.status)) {
      actions.push({ type: "status", id: idOf(this.original), status: this.d.status });
    }
    actions.push(...this.events);
    return this.requeue === undefined ? { actions } : { actions, requeueAfterMs: this.requeue };
  }
}
