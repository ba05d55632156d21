// A small in-memory cluster for controller tests: the real ObjectStore and ControllerManager on a
// FakeClock, plus a "fake kubelet" that schedules pods, makes them Running and Ready, and finishes
// graceful deletions — so whole rollouts run without Docker, one observable step at a time.

import { ControllerManager } from "../../src/controllers/manager.js";
import { SAFE_ALPHABET } from "../../src/controllers/names.js";
import { isPodReady } from "../../src/controllers/pod-status.js";
import type {
  Action,
  AnyController,
  Controller,
  ControllerContext,
  EventRecord,
} from "../../src/controllers/types.js";
import { idOf } from "../../src/manifest/identity.js";
import type { Deployment, KObject, Pod, PodTemplateSpec, ReplicaSet } from "../../src/manifest/types.js";
import { ObjectStore } from "../../src/state/store.js";
import { FakeClock, isoTime } from "../../src/util/clock.js";

export const NODES = ["node-a", "node-b", "node-c"];

/** Deterministic suffixes from the safe alphabet: bbbbb, bbbbc, ... */
export function sequentialSuffixes(): () => string {
  let n = 0;
  return () => {
    let x = n++;
    let out = "";
    for (let i = 0; i < 5; i++) {
      out = SAFE_ALPHABET.charAt(x % SAFE_ALPHABET.length) + out;
      x = Math.floor(x / SAFE_ALPHABET.length);
    }
    return out;
  };
}

export function template(image: string, labels: Record<string, string> = { app: "web" }): PodTemplateSpec {
  return {
    metadata: { labels: { ...labels }, annotations: {} },
    spec: {
      containers: [{ name: "web", image, imagePullPolicy: "IfNotPresent" }],
      restartPolicy: "Always",
      terminationGracePeriodSeconds: 30,
      dnsPolicy: "ClusterFirst",
    },
  };
}

export interface DeploymentOptions {
  replicas?: number;
  image?: string;
  strategy?: Deployment["spec"]["strategy"];
  maxSurge?: number | string;
  maxUnavailable?: number | string;
  minReadySeconds?: number;
  revisionHistoryLimit?: number;
  progressDeadlineSeconds?: number | undefined;
  paused?: boolean;
  annotations?: Record<string, string>;
}

/** A canonical apps/v1 Deployment, every default filled as the manifest loader does. */
export function deployment(name: string, o: DeploymentOptions = {}): Deployment {
  const strategy = o.strategy ?? {
    type: "RollingUpdate" as const,
    rollingUpdate: { maxSurge: o.maxSurge ?? "25%", maxUnavailable: o.maxUnavailable ?? "25%" },
  };
  const d: Deployment = {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: {
      name,
      namespace: "default",
      labels: { app: name },
      annotations: { ...(o.annotations ?? {}) },
    },
    spec: {
      replicas: o.replicas ?? 3,
      selector: { matchLabels: { app: name } },
      template: template(o.image ?? "berth.local/web:1", { app: name }),
      strategy,
      minReadySeconds: o.minReadySeconds ?? 0,
      revisionHistoryLimit: o.revisionHistoryLimit ?? 10,
      paused: o.paused ?? false,
    },
  };
  if (!("progressDeadlineSeconds" in o)) d.spec.progressDeadlineSeconds = 600;
  else if (o.progressDeadlineSeconds !== undefined)
    d.spec.progressDeadlineSeconds = o.progressDeadlineSeconds;
  return d;
}

export interface KubeletOptions {
  /** Pods for which this returns false start but never become Ready (a failing readiness probe). */
  becomesReady?: (pod: Pod) => boolean;
  /** Leave terminating pods alone (their containers are still stopping). */
  keepTerminating?: boolean;
}

export class Cluster {
  readonly clock = new FakeClock();
  readonly store = new ObjectStore(this.clock);
  readonly events: EventRecord[] = [];
  readonly errors: string[] = [];
  readonly mgr: ControllerManager;
  private nodeTurn = 0;

  constructor(private readonly controllers: AnyController[]) {
    this.mgr = new ControllerManager(this.store, controllers, {
      clock: this.clock,
      randomSuffix: sequentialSuffixes(),
      nodes: () => [],
      onEvent: (e) => this.events.push(e),
      onError: (key, err) => this.errors.push(`${key}: ${err instanceof Error ? err.message : String(err)}`),
    });
    this.mgr.start();
  }

  stop(): void {
    this.mgr.stop();
  }

  /** Runs the controllers (and any due requeue timers) until nothing changes any more. */
  async settle(): Promise<void> {
    for (let i = 0; i < 1000; i++) {
      const before = this.store.resourceVersion;
      this.mgr.drain();
      await new Promise((r) => setImmediate(r));
      this.mgr.drain();
      if (this.store.resourceVersion === before) return;
    }
    throw new Error("controllers did not settle");
  }

  /** What `kubectl apply` of a git revision does: create, or replace metadata and spec. */
  apply<T extends KObject>(obj: T): T {
    const current = this.store.getById(idOf(obj));
    if (!current) return this.store.create(structuredClone(obj));
    const next = structuredClone(obj);
    delete next.metadata.resourceVersion;
    return this.store.update(next);
  }

  /**
   * What every controller would do now if asked again: once the cluster has settled this must be
   * nothing (level-triggered controllers are idempotent).
   */
  pendingActions(): Action[] {
    const ctx: ControllerContext = {
      view: this.store,
      now: this.clock.now(),
      randomSuffix: sequentialSuffixes(),
      nodes: [],
    };
    const out: Action[] = [];
    for (const c of this.controllers) {
      for (const obj of this.store.list(c.kind)) out.push(...(c as Controller).reconcile(obj, ctx).actions);
    }
    return out;
  }

  /** Ready pods that are not terminating: what serves traffic. */
  readyPods(): number {
    return this.store.list("Pod").filter((p) => p.metadata.deletionTimestamp === undefined && isPodReady(p))
      .length;
  }

  /** Calls `check` after every change in the store; returns a function that stops watching. */
  observe(check: () => void): () => void {
    return this.store.watch(() => check());
  }

  advance(ms: number): void {
    this.clock.advance(ms);
  }

  pods(): Pod[] {
    return this.store.list("Pod").sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
  }

  replicaSets(): ReplicaSet[] {
    return this.store.list("ReplicaSet").sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
  }

  deployment(name: string): Deployment {
    const d = this.store.get("Deployment", "default", name);
    if (!d) throw new Error(`no deployment ${name}`);
    return d;
  }

  scalingEvents(): string[] {
    return this.events.filter((e) => e.reason === "ScalingReplicaSet").map((e) => e.message);
  }

  /**
   * One kubelet pass: terminating pods are removed, unscheduled pods are bound to a node, pending
   * ones start and (unless told otherwise) become Ready now. Returns whether anything changed.
   */
  kubelet(opts: KubeletOptions = {}): boolean {
    let changed = false;
    const now = isoTime(this.clock.now());
    for (const pod of this.pods()) {
      const id = idOf(pod);
      if (pod.metadata.deletionTimestamp !== undefined) {
        if (!opts.keepTerminating) {
          this.store.delete(id);
          changed = true;
        }
        continue;
      }
      let current = pod;
      if (!current.spec.nodeName) {
        const node = NODES[this.nodeTurn++ % NODES.length] ?? "node-a";
        current = this.store.update({ ...current, spec: { ...current.spec, nodeName: node } });
        changed = true;
      }
      if (current.status?.phase === "Running") continue;
      const ready = opts.becomesReady?.(current) ?? true;
      this.store.updateStatus(id, {
        phase: "Running",
        startTime: now,
        conditions: [
          { type: "PodScheduled", status: "True", lastTransitionTime: now },
          { type: "Ready", status: ready ? "True" : "False", lastTransitionTime: now },
        ],
        containerStatuses: [
          {
            name: "web",
            image: current.spec.containers[0]?.image ?? "",
            imageID: "",
            ready,
            restartCount: 0,
            state: { running: { startedAt: now } },
            lastState: {},
          },
        ],
      });
      changed = true;
    }
    return changed;
  }

  /** Kubelet passes and controller runs until both are quiet. */
  async converge(opts: KubeletOptions = {}, maxSteps = 100): Promise<void> {
    await this.settle();
    for (let i = 0; i < maxSteps; i++) {
      if (!this.kubelet(opts)) return;
      await this.settle();
    }
    throw new Error("cluster did not converge");
  }
}
