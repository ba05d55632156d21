// The in-memory object store: berth's stand-in for the Kubernetes API server. Git-sourced objects
// are applied here; controllers, the scheduler and node agents read it and write generated objects
// and status back. It is the single writer of uid, resourceVersion, generation and timestamps.
// Persistence (the JSON state file) snapshots it; see src/state/file.ts.

import { randomUUID } from "node:crypto";
import { idOf, keyOf, objectKey, type ObjectId } from "../manifest/identity.js";
import type { Kind, KObject, LabelSelector, ObjectOfKind } from "../manifest/types.js";
import { matchesSelector } from "../manifest/selector.js";
import { BerthError } from "../util/errors.js";
import { isoTime, systemClock, type Clock } from "../util/clock.js";

export type WatchEventType = "ADDED" | "MODIFIED" | "DELETED";

export interface WatchEvent {
  type: WatchEventType;
  object: KObject;
  /** The previous version, for MODIFIED and DELETED. */
  old?: KObject;
}

export type Watcher = (event: WatchEvent) => void;

export interface ListOptions {
  /** Omit for all namespaces. */
  namespace?: string;
  selector?: LabelSelector;
}

function specOf(obj: KObject): unknown {
  // What counts as "spec" for generation: everything but metadata and status (ConfigMap data too).
  const { metadata: _m, status: _s, ...rest } = obj as KObject & { status?: unknown };
  return rest;
}

export class ObjectStore {
  private readonly byKind = new Map<Kind, Map<string, KObject>>();
  private readonly watchers = new Set<Watcher>();
  private rv = 0;

  constructor(private readonly clock: Clock = systemClock) {}

  get resourceVersion(): number {
    return this.rv;
  }

  private bucket(kind: Kind): Map<string, KObject> {
    let b = this.byKind.get(kind);
    if (!b) {
      b = new Map();
      this.byKind.set(kind, b);
    }
    return b;
  }

  get<K extends Kind>(kind: K, namespace: string, name: string): ObjectOfKind<K> | undefined {
    return this.byKind.get(kind)?.get(keyOf({ kind, namespace, name })) as ObjectOfKind<K> | undefined;
  }

  getById(id: ObjectId): KObject | undefined {
    return this.byKind.get(id.kind)?.get(keyOf(id));
  }

  list<K extends Kind>(kind: K, opts: ListOptions = {}): ObjectOfKind<K>[] {
    const out: ObjectOfKind<K>[] = [];
    const b = this.byKind.get(kind);
    if (!b) return out;
    for (const o of b.values()) {
      if (opts.namespace !== undefined && (o.metadata.namespace ?? "") !== opts.namespace) continue;
      if (opts.selector && !matchesSelector(opts.selector, o.metadata.labels ?? {})) continue;
      out.push(o as ObjectOfKind<K>);
    }
    return out;
  }

  all(): KObject[] {
    const out: KObject[] = [];
    for (const b of this.byKind.values()) out.push(...b.values());
    return out;
  }

  /** Objects whose ownerReferences name this uid. */
  dependentsOf(uid: string): KObject[] {
    return this.all().filter((o) => o.metadata.ownerReferences?.some((r) => r.uid === uid) ?? false);
  }

  watch(w: Watcher): () => void {
    this.watchers.add(w);
    return () => this.watchers.delete(w);
  }

  private emit(e: WatchEvent): void {
    for (const w of this.watchers) w(e);
  }

  private nextRv(): string {
    this.rv += 1;
    return String(this.rv);
  }

  /** Adds a new object. Fills uid, creationTimestamp, generation and resourceVersion. */
  create<T extends KObject>(obj: T): T {
    const key = objectKey(obj);
    const b = this.bucket(obj.kind);
    if (b.has(key)) throw new BerthError("E_EXISTS", `${key} already exists`);
    const stored = structuredClone(obj);
    stored.metadata.uid ??= randomUUID();
    stored.metadata.creationTimestamp ??= isoTime(this.clock.now());
    stored.metadata.generation = 1;
    stored.metadata.resourceVersion = this.nextRv();
    // As the API server's pod strategy does: a new pod is Pending until a node agent reports on it.
    if (stored.kind === "Pod") stored.status ??= { phase: "Pending" };
    b.set(key, stored);
    this.emit({ type: "ADDED", object: stored });
    return stored;
  }

  /**
   * Replaces metadata and spec; keeps status, uid and creationTimestamp. Bumps generation when
   * anything but metadata and status changed. A stale resourceVersion (when given) is a conflict.
   */
  update<T extends KObject>(obj: T): T {
    const key = objectKey(obj);
    const b = this.bucket(obj.kind);
    const old = b.get(key);
    if (!old) throw new BerthError("E_NOT_FOUND", `${key} does not exist`);
    if (
      obj.metadata.resourceVersion !== undefined &&
      obj.metadata.resourceVersion !== old.metadata.resourceVersion
    ) {
      throw new BerthError(
        "E_CONFLICT",
        `${key} was modified (resourceVersion ${old.metadata.resourceVersion})`,
      );
    }
    const stored = structuredClone(obj) as T & { status?: unknown };
    if (old.metadata.uid !== undefined) stored.metadata.uid = old.metadata.uid;
    if (old.metadata.creationTimestamp !== undefined)
      stored.metadata.creationTimestamp = old.metadata.creationTimestamp;
    const specChanged = JSON.stringify(specOf(stored)) !== JSON.stringify(specOf(old));
    stored.metadata.generation = (old.metadata.generation ?? 1) + (specChanged ? 1 : 0);
    stored.metadata.resourceVersion = this.nextRv();
    const oldStatus = (old as { status?: unknown }).status;
    if (oldStatus !== undefined) stored.status = oldStatus;
    else delete stored.status;
    b.set(key, stored);
    this.emit({ type: "MODIFIED", object: stored, old });
    return stored;
  }

  /** Replaces status only. No-op (no event) when it is unchanged. */
  updateStatus(id: ObjectId, status: unknown): KObject {
    const key = keyOf(id);
    const b = this.bucket(id.kind);
    const old = b.get(key);
    if (!old) throw new BerthError("E_NOT_FOUND", `${key} does not exist`);
    if (JSON.stringify((old as { status?: unknown }).status) === JSON.stringify(status)) return old;
    const stored = {
      ...old,
      metadata: { ...old.metadata, resourceVersion: this.nextRv() },
      status,
    } as KObject;
    b.set(key, stored);
    this.emit({ type: "MODIFIED", object: stored, old });
    return stored;
  }

  /**
   * Graceful deletion, as the API server does for pods on a node: the object stays, marked with
   * deletionTimestamp, until its node agent has stopped the containers and calls delete().
   * Objects that need no cleanup (anything but a pod bound to a node) go at once.
   */
  requestDelete(id: ObjectId, gracePeriodSeconds?: number): KObject | undefined {
    const obj = this.getById(id);
    if (!obj) return undefined;
    if (obj.kind !== "Pod" || !obj.spec.nodeName) return this.delete(id);
    if (obj.metadata.deletionTimestamp !== undefined) return obj;
    const grace = gracePeriodSeconds ?? obj.spec.terminationGracePeriodSeconds ?? 30;
    const marked = {
      ...obj,
      metadata: {
        ...obj.metadata,
        deletionTimestamp: isoTime(this.clock.now() + grace * 1000),
        deletionGracePeriodSeconds: grace,
        resourceVersion: this.nextRv(),
      },
    };
    this.bucket(id.kind).set(keyOf(id), marked);
    this.emit({ type: "MODIFIED", object: marked, old: obj });
    return marked;
  }

  /** Removes the object; dependents are the garbage collector's business. */
  delete(id: ObjectId): KObject | undefined {
    const key = keyOf(id);
    const b = this.byKind.get(id.kind);
    const old = b?.get(key);
    if (!b || !old) return undefined;
    b.delete(key);
    this.rv += 1;
    this.emit({ type: "DELETED", object: old, old });
    return old;
  }

  /** Loads objects as they were persisted (uids and versions kept), without events. */
  restore(objects: KObject[], resourceVersion: number): void {
    this.byKind.clear();
    for (const o of objects) this.bucket(o.kind).set(keyOf(idOf(o)), o);
    this.rv = resourceVersion;
  }
}
