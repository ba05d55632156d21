// Runs controllers against the store: a de-duplicating work queue of object keys, fed by store
// events (an object changed → reconcile it, its controlling owner and whatever a controller's
// `affected` hook names), by requeue timers (deadlines, backoffs, schedules) and by a periodic
// resync. Actions returned by controllers are applied here, in order; a failing action is logged,
// its object retried later and the failure handed to that retry (`ctx.failedActions`).

import { idOf, keyOf, parseKey } from "../manifest/identity.js";
import type { Kind, KObject } from "../manifest/types.js";
import type { ObjectStore, WatchEvent } from "../state/store.js";
import type { Clock } from "../util/clock.js";
import { errorMessage, isBerthError } from "../util/errors.js";
import { collectGarbage } from "./gc.js";
import { controllerOf } from "./owner.js";
import type {
  Action,
  AnyController,
  ClaimLocation,
  Controller,
  ControllerConfig,
  ControllerContext,
  DeleteVolumeAction,
  EventRecord,
  FailedAction,
  NodeSummary,
} from "./types.js";

export interface ManagerOptions {
  clock: Clock;
  randomSuffix: () => string;
  nodes: () => readonly NodeSummary[];
  onEvent?: (e: EventRecord) => void;
  onError?: (key: string, err: unknown) => void;
  /** Reconcile everything this often even without changes (default 30 s). */
  resyncMs?: number;
  /** Retry delay after a failed action. */
  retryMs?: number;
  /** Claim volumes and their nodes, as the runtime reports them. */
  claims?: () => readonly ClaimLocation[];
  /** Receives deleteVolume actions (the runtime removes the volume). */
  onDeleteVolume?: (a: DeleteVolumeAction) => void;
  config?: ControllerConfig;
}

export class ControllerManager {
  private readonly byKind = new Map<Kind, AnyController>();
  private readonly queue = new Set<string>();
  private readonly due = new Map<string, number>();
  /** Failed actions of each key's last reconcile, handed to its next one. */
  private readonly failures = new Map<string, FailedAction[]>();
  private timer: NodeJS.Timeout | undefined;
  private resyncTimer: NodeJS.Timeout | undefined;
  private unwatch: (() => void) | undefined;
  private draining = false;
  private gcNeeded = false;
  /** Deleted objects whose controller has a finalize hook, waiting for it. */
  private readonly toFinalize: KObject[] = [];

  constructor(
    private readonly store: ObjectStore,
    controllers: AnyController[],
    private readonly opts: ManagerOptions,
  ) {
    for (const c of controllers) this.byKind.set(c.kind, c);
  }

  start(): void {
    this.unwatch = this.store.watch((e) => this.onChange(e));
    this.resyncTimer = setInterval(() => this.enqueueAll(), this.opts.resyncMs ?? 30_000);
    this.resyncTimer.unref();
    this.enqueueAll();
  }

  stop(): void {
    this.unwatch?.();
    if (this.timer) clearTimeout(this.timer);
    if (this.resyncTimer) clearInterval(this.resyncTimer);
    this.timer = undefined;
  }

  enqueueAll(): void {
    for (const kind of this.byKind.keys())
      for (const o of this.store.list(kind)) this.enqueue(keyOf(idOf(o)));
    this.gcNeeded = true;
    this.kick();
  }

  /** Reconciles every object of a kind: the daemon calls it for DaemonSets when nodes change. */
  enqueueKind(kind: Kind): void {
    if (!this.byKind.has(kind)) return;
    for (const o of this.store.list(kind)) this.queue.add(keyOf(idOf(o)));
    this.kick();
  }

  enqueue(key: string): void {
    this.queue.add(key);
    this.kick();
  }

  private onChange(e: WatchEvent): void {
    const o = e.object;
    if (this.byKind.has(o.kind)) this.queue.add(keyOf(idOf(o)));
    const owner = controllerOf(o);
    if (owner && this.byKind.has(owner.kind)) {
      this.queue.add(keyOf({ kind: owner.kind, namespace: o.metadata.namespace ?? "", name: owner.name }));
    }
    for (const c of this.byKind.values()) {
      for (const id of c.affected?.(e, this.store) ?? []) this.queue.add(keyOf(id));
    }
    if (e.type === "DELETED") {
      this.gcNeeded = true;
      if (this.byKind.get(o.kind)?.finalize) this.toFinalize.push(o);
    }
    this.kick();
  }

  private kick(): void {
    if (this.draining) return;
    setImmediate(() => this.drain());
  }

  /** Processes the queue until it is empty; safe to call at any time. */
  drain(): void {
    if (this.draining) return;
    this.draining = true;
    try {
      let rounds = 0;
      while ((this.queue.size > 0 || this.gcNeeded || this.toFinalize.length > 0) && rounds < 10_000) {
        rounds++;
        const gone = this.toFinalize.shift();
        if (gone) this.finalize(gone);
        if (this.gcNeeded) {
          this.gcNeeded = false;
          this.apply("gc", collectGarbage(this.store.all()));
        }
        const [key] = this.queue;
        if (key === undefined) continue;
        this.queue.delete(key);
        this.reconcileKey(key);
      }
    } finally {
      this.draining = false;
    }
    this.armTimer();
  }

  private context(key: string): ControllerContext {
    const ctx: ControllerContext = {
      view: this.store,
      now: this.opts.clock.now(),
      randomSuffix: this.opts.randomSuffix,
      nodes: this.opts.nodes(),
      failedActions: this.failures.get(key) ?? [],
    };
    // Lazy: only StatefulSets read claims, and listing them costs a scan of every pod.
    const claims = this.opts.claims;
    if (claims) {
      let memo: readonly ClaimLocation[] | undefined;
      Object.defineProperty(ctx, "claims", { enumerable: true, get: () => (memo ??= claims()) });
    }
    if (this.opts.config) ctx.config = this.opts.config;
    return ctx;
  }

  private finalize(obj: KObject): void {
    const key = keyOf(idOf(obj));
    const controller = this.byKind.get(obj.kind) as Controller | undefined;
    // A namesake created since (a re-applied manifest) owns whatever the hook would clean up.
    if (!controller?.finalize || this.store.getById(idOf(obj))) return;
    try {
      this.apply(key, controller.finalize(obj, this.context(key)));
    } catch (e) {
      this.opts.onError?.(key, e);
    }
  }

  private reconcileKey(key: string): void {
    const id = parseKey(key);
    const controller = this.byKind.get(id.kind);
    const obj = this.store.getById(id);
    if (!controller || !obj) {
      this.failures.delete(key);
      return;
    }
    try {
      const result = (controller as Controller).reconcile(obj, this.context(key));
      const failed = this.apply(key, result.actions);
      if (failed.length > 0) this.failures.set(key, failed);
      else this.failures.delete(key);
      const after = failed.length === 0 ? result.requeueAfterMs : (this.opts.retryMs ?? 1000);
      if (after !== undefined) this.requeueAfter(key, after);
    } catch (e) {
      this.opts.onError?.(key, e);
      this.requeueAfter(key, this.opts.retryMs ?? 1000);
    }
  }

  /** Applies actions in order; returns the ones that failed. */
  private apply(key: string, actions: Action[]): FailedAction[] {
    const failed: FailedAction[] = [];
    for (const a of actions) {
      try {
        applyAction(this.store, a, this.opts.onEvent, this.opts.onDeleteVolume);
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        failed.push(isBerthError(e) ? { action: a, code: e.code, message } : { action: a, message });
        this.opts.onError?.(key, new Error(`${a.type} failed: ${errorMessage(e)}`, { cause: e }));
      }
    }
    return failed;
  }

  requeueAfter(key: string, ms: number): void {
    const at = this.opts.clock.now() + Math.max(0, ms);
    const prev = this.due.get(key);
    if (prev === undefined || at < prev) this.due.set(key, at);
    this.armTimer();
  }

  private armTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.due.size === 0) return;
    const now = this.opts.clock.now();
    let next = Infinity;
    for (const [key, at] of this.due) {
      if (at <= now) {
        this.due.delete(key);
        this.queue.add(key);
      } else next = Math.min(next, at);
    }
    if (this.queue.size > 0) this.kick();
    if (next !== Infinity) {
      this.timer = setTimeout(() => this.armTimer(), Math.min(next - now, 2 ** 31 - 1));
      this.timer.unref();
    }
  }
}

export function applyAction(
  store: ObjectStore,
  a: Action,
  onEvent?: (e: EventRecord) => void,
  onDeleteVolume?: (a: DeleteVolumeAction) => void,
): KObject | undefined {
  switch (a.type) {
    case "create":
      return store.create(a.object);
    case "update":
      return store.update(a.object);
    case "status":
      return store.updateStatus(a.id, a.status);
    case "delete":
      return store.requestDelete(a.id);
    case "event":
      onEvent?.(a.event);
      return undefined;
    case "deleteVolume":
      onDeleteVolume?.(a);
      return undefined;
  }
}
