// Applies node-loss decisions (node-loss.ts) to the store: looks whenever a node's readiness
// changes, when the next eviction delay runs out, and every few seconds as a safety net.

import { idOf } from "../../manifest/identity.js";
import type { Pod } from "../../manifest/types.js";
import { eventAbout, type EventInput } from "../../state/events.js";
import type { ObjectStore } from "../../state/store.js";
import type { Clock } from "../../util/clock.js";
import { errorMessage } from "../../util/errors.js";
import type { NodeHealth } from "./health.js";
import type { AgentLog } from "./log.js";
import { planNodeLoss, type NodeLossAction } from "./node-loss.js";

export interface LifecycleNode {
  readonly name: string;
  readonly health: NodeHealth;
}

export interface NodeLifecycleOptions {
  store: ObjectStore;
  nodes: () => readonly LifecycleNode[];
  clock: Clock;
  evictionTimeoutMs: number;
  onEvent?: (e: EventInput) => void;
  log: AgentLog;
  /** Safety-net period (the node heartbeat interval). */
  checkEveryMs: number;
}

const SOURCE = { component: "node-controller" };

export class NodeLifecycle {
  private timer: NodeJS.Timeout | undefined;
  private nextTimer: NodeJS.Timeout | undefined;

  constructor(private readonly opts: NodeLifecycleOptions) {}

  start(): void {
    const tick = (): void => {
      this.check();
      this.timer = setTimeout(tick, this.opts.checkEveryMs);
    };
    this.timer = setTimeout(tick, this.opts.checkEveryMs);
  }

  stop(): void {
    clearTimeout(this.timer);
    clearTimeout(this.nextTimer);
  }

  /** Looks at every node now. */
  check(): void {
    const { store, clock } = this.opts;
    const now = clock.now();
    let next: number | undefined;
    const pods = store.list("Pod");
    for (const node of this.opts.nodes()) {
      if (node.health.ready) continue;
      const plan = planNodeLoss({
        node: node.name,
        ready: false,
        notReadySinceMs: node.health.transitionMs,
        pods: pods.filter((p) => p.spec.nodeName === node.name),
        nowMs: now,
        evictionTimeoutMs: this.opts.evictionTimeoutMs,
      });
      for (const a of plan.actions) this.apply(node.name, a);
      if (plan.nextCheckMs !== undefined) next = Math.min(next ?? plan.nextCheckMs, plan.nextCheckMs);
    }
    clearTimeout(this.nextTimer);
    if (next !== undefined) this.nextTimer = setTimeout(() => this.check(), Math.max(0, next - now));
  }

  private apply(node: string, a: NodeLossAction): void {
    const { store } = this.opts;
    const id = idOf(a.pod);
    try {
      switch (a.type) {
        case "markNotReady":
          store.updateStatus(id, a.status);
          this.event(a.pod, "Warning", "NodeNotReady", "Node is not ready");
          break;
        case "evict":
          this.opts.log.info({ node, pod: `${id.namespace}/${id.name}` }, "evicting a pod from a lost node");
          this.event(
            a.pod,
            "Normal",
            "TaintManagerEviction",
            `Marking for deletion Pod ${id.namespace}/${id.name}`,
          );
          store.delete(id);
          break;
        case "fail":
          store.updateStatus(id, a.status);
          this.event(a.pod, "Warning", "NodeLost", a.status.message ?? "node lost");
          break;
      }
    } catch (e) {
      this.opts.log.warn({ node, pod: `${id.namespace}/${id.name}`, err: errorMessage(e) }, "node lifecycle");
    }
  }

  private event(pod: Pod, type: "Normal" | "Warning", reason: string, message: string): void {
    this.opts.onEvent?.(eventAbout(pod, type, reason, message, SOURCE));
  }
}
