// The scheduler's effectful side: pods without a node (and not being deleted or finished) are
// placed with scheduleAll against the current nodes and bound (spec.nodeName, PodScheduled=True,
// event Scheduled), or marked PodScheduled=False / Unschedulable with kube-scheduler's message
// (event FailedScheduling). Unschedulable pods are tried again when something may have made room —
// a pod deleted or finished, a node's readiness or capacity changed — and periodically.

import { idOf } from "../manifest/identity.js";
import type { Pod } from "../manifest/types.js";
import { eventAbout, type EventInput } from "../state/events.js";
import type { ObjectStore, WatchEvent } from "../state/store.js";
import { systemClock, type Clock } from "../util/clock.js";
import { errorMessage } from "../util/errors.js";
import { systemTimers, type Timers } from "../util/timers.js";
import { buildNodeInfos, isTerminal } from "./node-info.js";
import { scheduledStatus, unschedulableStatus } from "./pod-scheduled.js";
import { scheduleAll } from "./schedule.js";
import type { NodeStatus } from "./types.js";

export interface SchedulerLoopOptions {
  store: ObjectStore;
  /** The nodes as their agents report them now. */
  nodes: () => readonly NodeStatus[];
  clock?: Clock;
  timers?: Timers;
  onEvent?: (e: EventInput) => void;
  percentageOfNodesToScore?: number;
  /** Unschedulable pods are tried again at least this often (default 30 s). */
  retryIntervalMs?: number;
  log?: { warn(fields: object, message: string): void };
}

export interface RoundResult {
  bound: { pod: string; node: string }[];
  unschedulable: { pod: string; message: string }[];
}

const SOURCE = { component: "default-scheduler" };

function isPending(pod: Pod): boolean {
  return !pod.spec.nodeName && pod.metadata.deletionTimestamp === undefined && !isTerminal(pod);
}

function podKey(pod: Pod): string {
  return `${pod.metadata.namespace ?? "default"}/${pod.metadata.name}`;
}

export class SchedulerLoop {
  readonly name = "scheduler";
  private readonly clock: Clock;
  private readonly timers: Timers;
  /** Pods to try in the next round. */
  private readonly active = new Set<string>();
  /** Pods that fit nowhere last time, with the message they got. */
  private readonly unschedulable = new Map<string, string>();
  private roundTimer: unknown;
  private retryTimer: unknown;
  private unwatch: (() => void) | undefined;
  private writing = false;

  constructor(private readonly opts: SchedulerLoopOptions) {
    this.clock = opts.clock ?? systemClock;
    this.timers = opts.timers ?? systemTimers;
  }

  start(): Promise<void> {
    this.unwatch = this.opts.store.watch((e) => this.onStoreEvent(e));
    for (const pod of this.opts.store.list("Pod")) if (isPending(pod)) this.activate(pod);
    this.soon();
    this.scheduleRetry();
    return Promise.resolve();
  }

  stop(): Promise<void> {
    this.unwatch?.();
    this.unwatch = undefined;
    this.timers.clearTimeout(this.roundTimer);
    this.timers.clearTimeout(this.retryTimer);
    this.roundTimer = undefined;
    this.retryTimer = undefined;
    return Promise.resolve();
  }

  /** Nodes changed (readiness, capacity): every unschedulable pod is tried again. */
  nodesChanged(): void {
    this.retryUnschedulable();
  }

  /** Tries every active pod now. */
  runOnce(): RoundResult {
    const result: RoundResult = { bound: [], unschedulable: [] };
    const pods = this.opts.store.list("Pod");
    const pending = pods.filter(
      (p) => p.metadata.uid !== undefined && this.active.has(p.metadata.uid) && isPending(p),
    );
    this.active.clear();
    if (pending.length === 0) return result;
    const nodes = buildNodeInfos(this.opts.nodes(), pods);
    const decisions = scheduleAll(pending, nodes, {
      ...(this.opts.percentageOfNodesToScore !== undefined
        ? { percentageOfNodesToScore: this.opts.percentageOfNodesToScore }
        : {}),
    });
    pending.forEach((pod, i) => {
      const d = decisions[i];
      if (!d) return;
      try {
        if (d.ok) {
          this.bind(pod, d.node);
          result.bound.push({ pod: podKey(pod), node: d.node });
        } else {
          this.markUnschedulable(pod, d.message);
          result.unschedulable.push({ pod: podKey(pod), message: d.message });
        }
      } catch (e) {
        this.opts.log?.warn({ pod: podKey(pod), err: errorMessage(e) }, "scheduling failed");
        if (pod.metadata.uid !== undefined) this.unschedulable.set(pod.metadata.uid, errorMessage(e));
      }
    });
    return result;
  }

  private bind(pod: Pod, node: string): void {
    const uid = pod.metadata.uid ?? "";
    this.unschedulable.delete(uid);
    const { store } = this.opts;
    this.writing = true;
    try {
      const bound = store.update({ ...pod, spec: { ...pod.spec, nodeName: node } });
      store.updateStatus(idOf(bound), scheduledStatus(bound, this.clock.now()));
    } finally {
      this.writing = false;
    }
    this.event(pod, "Normal", "Scheduled", `Successfully assigned ${podKey(pod)} to ${node}`);
  }

  private markUnschedulable(pod: Pod, message: string): void {
    this.unschedulable.set(pod.metadata.uid ?? "", message);
    this.writing = true;
    try {
      this.opts.store.updateStatus(idOf(pod), unschedulableStatus(pod, message, this.clock.now()));
    } finally {
      this.writing = false;
    }
    this.event(pod, "Warning", "FailedScheduling", message);
  }

  private event(pod: Pod, type: "Normal" | "Warning", reason: string, message: string): void {
    this.opts.onEvent?.(eventAbout(pod, type, reason, message, SOURCE));
  }

  private activate(pod: Pod): void {
    if (pod.metadata.uid !== undefined) this.active.add(pod.metadata.uid);
  }

  private onStoreEvent(e: WatchEvent): void {
    if (this.writing || e.object.kind !== "Pod") return;
    const pod = e.object;
    const old = e.old?.kind === "Pod" ? e.old : undefined;
    const uid = pod.metadata.uid ?? "";
    if (e.type === "DELETED") {
      this.unschedulable.delete(uid);
      if (pod.spec.nodeName) this.retryUnschedulable();
      return;
    }
    if (isPending(pod)) {
      // A pod that fit nowhere is tried again when its spec changed, not on its own status writes.
      const specChanged = !old || old.metadata.generation !== pod.metadata.generation;
      if (!this.unschedulable.has(uid) || specChanged) {
        this.activate(pod);
        this.soon();
      }
      return;
    }
    this.unschedulable.delete(uid);
    // A bound pod that finished or is being deleted frees its requests.
    const freed =
      pod.spec.nodeName !== undefined &&
      old !== undefined &&
      ((isTerminal(pod) && !isTerminal(old)) ||
        (pod.metadata.deletionTimestamp !== undefined && old.metadata.deletionTimestamp === undefined));
    if (freed) this.retryUnschedulable();
  }

  private retryUnschedulable(): void {
    if (this.unschedulable.size === 0) return;
    for (const uid of this.unschedulable.keys()) this.active.add(uid);
    this.soon();
  }

  /** One round shortly: pods created in one burst (a ReplicaSet scaling up) are placed together. */
  private soon(): void {
    if (this.roundTimer !== undefined || this.active.size === 0) return;
    this.roundTimer = this.timers.setTimeout(() => {
      this.roundTimer = undefined;
      this.runOnce();
    }, 0);
  }

  private scheduleRetry(): void {
    this.retryTimer = this.timers.setTimeout(() => {
      this.retryUnschedulable();
      this.scheduleRetry();
    }, this.opts.retryIntervalMs ?? 30_000);
  }
}
