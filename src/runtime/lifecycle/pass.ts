// One computePodActions pass: the inputs, a private copy of the state the pass may change, and what
// it collects (actions, events, status overrides, the next time something falls due).

import type { Container, Pod } from "../../manifest/types.js";
import { instancesByName } from "./observed.js";
import type {
  ComputeContext,
  LifecycleConfig,
  LifecycleEvent,
  ObservedContainer,
  ObservedPod,
  PodAction,
  PodRuntimeState,
} from "./types.js";

export interface Waiting {
  reason: string;
  message?: string;
}

export class Pass {
  readonly actions: PodAction[] = [];
  readonly events: LifecycleEvent[] = [];
  /** Containers the pass wanted to start but could not, with the reason their status shows. */
  readonly waiting = new Map<string, Waiting>();
  readonly state: PodRuntimeState;
  readonly now: number;
  readonly inits: Map<string, ObservedContainer[]>;
  readonly apps: Map<string, ObservedContainer[]>;
  private dueMs: number | undefined;

  constructor(
    readonly pod: Pod,
    readonly observed: ObservedPod,
    state: PodRuntimeState,
    readonly ctx: ComputeContext,
    readonly cfg: LifecycleConfig,
  ) {
    this.state = structuredClone(state);
    this.now = ctx.now;
    this.inits = instancesByName(observed, "init");
    this.apps = instancesByName(observed, "app");
  }

  get deleting(): boolean {
    return this.pod.metadata.deletionTimestamp !== undefined;
  }

  instances(role: "init" | "app", name: string): ObservedContainer[] {
    return (role === "init" ? this.inits : this.apps).get(name) ?? [];
  }

  /** Look again at `ms` at the latest. */
  dueAt(ms: number): void {
    this.dueMs = this.dueMs === undefined ? ms : Math.min(this.dueMs, ms);
  }

  requeueAfterMs(): number | undefined {
    return this.dueMs === undefined ? undefined : Math.max(0, this.dueMs - this.now);
  }

  act(action: PodAction): void {
    if (
      action.type === "removeContainer" &&
      this.actions.some((a) => a.type === action.type && a.id === action.id)
    ) {
      return;
    }
    this.actions.push(action);
  }

  event(type: LifecycleEvent["type"], reason: string, message: string, container?: string): void {
    this.events.push(
      container === undefined ? { type, reason, message } : { type, reason, message, container },
    );
  }

  /** "name_namespace(uid)", as the kubelet's format.Pod names pods in messages. */
  podRef(): string {
    const m = this.pod.metadata;
    return `${m.name}_${m.namespace ?? "default"}(${m.uid ?? this.observed.uid})`;
  }

  /**
   * The grace period for stopping a container: the probe's own, else the one the deletion asked for
   * (deletionGracePeriodSeconds, as `kubectl delete --grace-period` sets it), else the pod's; at
   * least the minimum.
   */
  gracePeriodSeconds(probeOverride?: number): number {
    const deletion = this.deleting ? this.pod.metadata.deletionGracePeriodSeconds : undefined;
    const g = probeOverride ?? deletion ?? this.pod.spec.terminationGracePeriodSeconds ?? 30;
    return Math.max(g, this.cfg.minGracePeriodSeconds);
  }

  allContainers(): { spec: Container; role: "init" | "app" }[] {
    return [
      ...(this.pod.spec.initContainers ?? []).map((spec) => ({ spec, role: "init" as const })),
      ...this.pod.spec.containers.map((spec) => ({ spec, role: "app" as const })),
    ];
  }
}
