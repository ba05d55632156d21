// A whole control plane without Docker for the DaemonSet, StatefulSet, Job and CronJob scenario
// tests: the real ObjectStore and ControllerManager on a FakeClock, a tiny scheduler (binds pods to the node their affinity or
// nodeName names, else the first Ready schedulable node) and a tiny kubelet that moves bound pods
// through phases as a test's `fate` says, records the claim volumes pods use, and removes
// terminating pods as a node agent does once their containers stopped.

import { ControllerManager } from "../../src/controllers/manager.js";
import type {
  AnyController,
  ClaimLocation,
  ControllerConfig,
  DeleteVolumeAction,
  EventRecord,
  NodeSummary,
} from "../../src/controllers/types.js";
import { idOf } from "../../src/manifest/identity.js";
import type { KObject, Pod, PodStatus } from "../../src/manifest/types.js";
import { ObjectStore } from "../../src/state/store.js";
import { FakeClock, isoTime } from "../../src/util/clock.js";

export type Fate = "pending" | "running" | "ready" | "succeeded" | "failed";

export function node(name: string, extra: Partial<NodeSummary> = {}): NodeSummary {
  return {
    name,
    labels: { "kubernetes.io/hostname": name },
    taints: [],
    ready: true,
    unschedulable: false,
    ...extra,
  };
}

export interface ClusterOptions {
  nodes?: NodeSummary[];
  config?: ControllerConfig;
  start?: string;
  /** Whether terminating pods vanish at once (default) or wait for `finishTermination`. */
  holdTerminating?: boolean;
}

export class Cluster {
  readonly clock: FakeClock;
  readonly store: ObjectStore;
  readonly mgr: ControllerManager;
  nodes: NodeSummary[];
  claims: ClaimLocation[] = [];
  readonly events: EventRecord[] = [];
  readonly deletedVolumes: DeleteVolumeAction[] = [];
  readonly errors: string[] = [];
  holdTerminating: boolean;
  readonly config: ControllerConfig | undefined;
  /** What the kubelet does with each live bound pod; default: Running and Ready. */
  fate: (pod: Pod) => Fate = () => "ready";
  private n = 0;

  constructor(controllers: AnyController[], opts: ClusterOptions = {}) {
    this.clock = new FakeClock(opts.start === undefined ? undefined : Date.parse(opts.start));
    this.store = new ObjectStore(this.clock);
    this.nodes = opts.nodes ?? [node("node-a")];
    this.holdTerminating = opts.holdTerminating ?? false;
    this.config = opts.config;
    this.mgr = new ControllerManager(this.store, controllers, {
      clock: this.clock,
      randomSuffix: () => `r${String(this.n++).padStart(4, "0")}`,
      nodes: () => this.nodes,
      claims: () => this.claims,
      onEvent: (e) => this.events.push(e),
      onError: (key, err) => this.errors.push(`${key}: ${String(err)}`),
      onDeleteVolume: (a) => {
        this.deletedVolumes.push(a);
        this.claims = this.claims.filter(
          (c) => !(c.namespace === a.namespace && c.claimName === a.claimName),
        );
      },
      ...(opts.config ? { config: opts.config } : {}),
      resyncMs: 3_600_000,
    });
    this.mgr.start();
  }

  stop(): void {
    this.mgr.stop();
  }

  apply<T extends KObject>(obj: T): T {
    const existing = this.store.getById(idOf(obj));
    const { metadata, ...rest } = obj;
    const next = { ...rest, metadata: { ...metadata } } as T;
    const out = existing ? this.store.update(next) : this.store.create(next);
    this.settle();
    return out;
  }

  /** Drains the controllers, then schedules and runs pods, until nothing changes any more. */
  settle(): void {
    for (let i = 0; i < 500; i++) {
      const before = this.store.resourceVersion;
      this.mgr.drain();
      this.mgr.drain();
      this.schedule();
      this.kubelet();
      if (this.store.resourceVersion === before) return;
    }
    throw new Error("cluster did not settle in 500 rounds");
  }

  /** Moves the fake clock (timers fire as they come due) and settles after each step. */
  advance(ms: number, stepMs = ms): void {
    let left = ms;
    while (left > 0) {
      const step = Math.min(stepMs, left);
      this.clock.advance(step);
      left -= step;
      this.settle();
    }
  }

  pods(prefix = ""): Pod[] {
    return this.store
      .list("Pod")
      .filter((p) => p.metadata.name.startsWith(prefix))
      .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
  }

  livePods(prefix = ""): Pod[] {
    return this.pods(prefix).filter(
      (p) =>
        p.metadata.deletionTimestamp === undefined &&
        !["Succeeded", "Failed"].includes(p.status?.phase ?? ""),
    );
  }

  /** Sets one pod's fate now (a container exits, a probe fails). */
  setPhase(name: string, fate: Fate, namespace = "default"): void {
    const pod = this.store.get("Pod", namespace, name);
    if (!pod) throw new Error(`no pod ${name}`);
    this.store.updateStatus(idOf(pod), this.statusFor(pod, fate));
  }

  /** The kubelet restarts a container in place (restartPolicy OnFailure / Always). */
  restartContainer(name: string, namespace = "default"): void {
    const pod = this.store.get("Pod", namespace, name);
    if (!pod?.status) throw new Error(`no running pod ${name}`);
    const statuses = (pod.status.containerStatuses ?? []).map((c, i) =>
      i === 0 ? { ...c, restartCount: c.restartCount + 1 } : c,
    );
    this.store.updateStatus(idOf(pod), { ...pod.status, containerStatuses: statuses });
  }

  finishTermination(name: string, namespace = "default"): void {
    this.store.delete({ kind: "Pod", namespace, name });
  }

  private schedule(): void {
    for (const pod of this.store.list("Pod")) {
      if (pod.spec.nodeName || pod.metadata.deletionTimestamp !== undefined) continue;
      const target = pinnedNode(pod);
      // A pod pinned to a node is bound there even when it is not Ready (a daemon pod that
      // tolerates everything); the kubelet runs it once the node is Ready.
      const chosen = target
        ? this.nodes.find((n) => n.name === target)
        : this.nodes.find((n) => n.ready && !n.unschedulable);
      if (!chosen) continue;
      this.store.update({ ...pod, spec: { ...pod.spec, nodeName: chosen.name } });
    }
  }

  private kubelet(): void {
    for (const pod of this.store.list("Pod")) {
      const nodeName = pod.spec.nodeName;
      if (!nodeName) continue;
      if (pod.metadata.deletionTimestamp !== undefined) {
        if (!this.holdTerminating) this.store.delete(idOf(pod));
        continue;
      }
      const phase = pod.status?.phase;
      if (phase === "Succeeded" || phase === "Failed") continue;
      if (!this.nodes.some((n) => n.name === nodeName && n.ready)) continue;
      this.recordClaims(pod, nodeName);
      const status = this.statusFor(pod, this.fate(pod));
      if (JSON.stringify(status) !== JSON.stringify(pod.status)) this.store.updateStatus(idOf(pod), status);
    }
  }

  private recordClaims(pod: Pod, nodeName: string): void {
    const namespace = pod.metadata.namespace ?? "default";
    for (const v of pod.spec.volumes ?? []) {
      const claimName = v.persistentVolumeClaim?.claimName;
      if (!claimName) continue;
      if (!this.claims.some((c) => c.namespace === namespace && c.claimName === claimName)) {
        this.claims = [...this.claims, { namespace, claimName, node: nodeName }];
      }
    }
  }

  private statusFor(pod: Pod, fate: Fate): PodStatus {
    const now = isoTime(this.clock.now());
    const prev = pod.status;
    const wasReady = prev?.conditions?.find((c) => c.type === "Ready");
    const ready = fate === "ready";
    const readySince = wasReady && (wasReady.status === "True") === ready ? wasReady.lastTransitionTime : now;
    const restartCount = prev?.containerStatuses?.[0]?.restartCount ?? 0;
    const startedAt = prev?.startTime ?? now;
    if (fate === "pending") return prev ?? { phase: "Pending" };
    const terminated = fate === "succeeded" || fate === "failed";
    return {
      phase: fate === "succeeded" ? "Succeeded" : fate === "failed" ? "Failed" : "Running",
      conditions: [
        { type: "Ready", status: ready ? "True" : "False", lastTransitionTime: readySince ?? now },
      ],
      startTime: startedAt,
      containerStatuses: pod.spec.containers.map((c) => ({
        name: c.name,
        image: c.image,
        imageID: c.image,
        ready,
        restartCount,
        state: terminated
          ? {
              terminated: {
                exitCode: fate === "failed" ? 1 : 0,
                reason: fate === "failed" ? "Error" : "Completed",
                finishedAt: now,
              },
            }
          : { running: { startedAt } },
        lastState: {},
      })),
    };
  }
}

function pinnedNode(pod: Pod): string | undefined {
  const terms =
    pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  for (const t of terms ?? []) {
    for (const f of t.matchFields ?? []) if (f.key === "metadata.name") return f.values?.[0];
  }
  return undefined;
}
