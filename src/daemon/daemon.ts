// The daemon: everything `berth run` starts, wired together. It owns the object store and the
// state file; apps apply git to the store; controllers, the scheduler and node agents (components)
// react to the store; every change is persisted (coalesced) and reported.

import type { Logger } from "pino";
import type { BerthConfig, SourceConfig } from "../config/types.js";
import { ControllerManager } from "../controllers/manager.js";
import { randomNameSuffix } from "../controllers/names.js";
import type {
  AnyController,
  ClaimLocation,
  DeleteVolumeAction,
  EventRecord,
  NodeSummary,
} from "../controllers/types.js";
import { StateFile } from "../state/file.js";
import { recordEvent, type EventInput } from "../state/events.js";
import { hashSecretValue } from "../state/secrets.js";
import { restoreStore, snapshotStore } from "../state/snapshot.js";
import { ObjectStore } from "../state/store.js";
import type { AppState, NodeState, StateEvent } from "../state/types.js";
import type { Allocations } from "../state/allocations.js";
import { systemClock, type Clock } from "../util/clock.js";
import { errorMessage, type BerthError } from "../util/errors.js";
import { App, type PassOutcome } from "./app.js";
import { controllerConfig } from "./controllers.js";
import { appOf } from "./ownership.js";
import type { Pod } from "../manifest/types.js";
import { appStatus, type AppStatus } from "./status.js";

/** Something the daemon starts after the store is loaded and stops on shutdown. */
export interface Component {
  readonly name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Nodes this component knows (node agents), for controllers and the state file. */
  nodes?(): NodeState[];
  /** StatefulSet claim volumes and their nodes (node agents). */
  claims?(): ClaimLocation[];
  /** Removes a claim's volume (node agents). */
  deleteClaim?(a: DeleteVolumeAction): void;
}

export interface DaemonOptions {
  config: BerthConfig;
  statePath: string;
  rebuildState?: boolean;
  log: Logger;
  clock?: Clock;
  controllers: AnyController[];
  /** Built once the store exists (node agents, scheduler loop, services, ingress, API ...). */
  components?: (d: Daemon) => Component[];
  /** Called after every sync pass (metrics, notifications). */
  onPass?: (app: App, outcome: PassOutcome) => void;
  onSourceError?: (app: App, error: BerthError) => void;
  onSourceLook?: (app: App, durationMs: number, ok: boolean) => void;
}

export class Daemon {
  readonly store: ObjectStore;
  readonly clock: Clock;
  readonly log: Logger;
  readonly apps = new Map<string, App>();
  events: StateEvent[] = [];
  /** Drift node agents found and left alone (self-heal off): pod key → app and description. */
  readonly drift = new Map<string, { app: string; message: string }>();
  /** Apps a sync asked to heal although self-heal is off: until when (ms) drift is put back. */
  private readonly healUntil = new Map<string, number>();
  allocations: Allocations = {};
  private nodeStates: NodeState[] = [];
  private stateFile: StateFile | undefined;
  private manager: ControllerManager | undefined;
  private components: Component[] = [];
  private unwatch: (() => void) | undefined;
  private firstPass = new Map<string, boolean>();
  private readyResolve: (() => void) | undefined;
  private readyFlag = false;

  /** Resolves when every app finished its first pass (successful or not). */
  readonly ready: Promise<void>;

  constructor(private readonly opts: DaemonOptions) {
    this.clock = opts.clock ?? systemClock;
    this.store = new ObjectStore(this.clock);
    this.log = opts.log;
    this.ready = new Promise((r) => (this.readyResolve = r));
    void this.ready.then(() => (this.readyFlag = true));
  }

  get config(): BerthConfig {
    return this.opts.config;
  }

  get secretSalt(): string {
    if (!this.stateFile) throw new Error("state file not open");
    return this.stateFile.secretSalt;
  }

  async start(): Promise<void> {
    const sf = await StateFile.open(this.opts.statePath, {
      clock: this.clock,
      rebuild: this.opts.rebuildState === true,
      log: (m) => this.log.warn({ component: "state" }, m),
    });
    this.stateFile = sf;
    restoreStore(this.store, sf.data);
    this.events = [...sf.data.events];
    this.allocations = structuredClone(sf.data.allocations);
    this.nodeStates = [...sf.data.nodes];
    this.log.info(
      { component: "state", path: sf.path, objects: sf.data.objects.length },
      sf.data.objects.length > 0 ? "state loaded" : "state file is new",
    );
    this.unwatch = this.store.watch(() => this.save());

    this.manager = new ControllerManager(this.store, this.opts.controllers, {
      clock: this.clock,
      randomSuffix: randomNameSuffix,
      nodes: () => this.nodeSummaries(),
      onEvent: (e) => this.recordControllerEvent(e),
      config: controllerConfig(this.opts.config),
      claims: () => this.components.flatMap((c) => c.claims?.() ?? []),
      onDeleteVolume: (a) => {
        for (const c of this.components) c.deleteClaim?.(a);
      },
      onError: (key, err) =>
        this.log.error({ component: "controllers", object: key, err: errorMessage(err) }, "reconcile failed"),
    });

    this.components = this.opts.components?.(this) ?? [];
    for (const c of this.components) {
      await c.start();
      this.log.debug({ component: c.name }, "started");
    }
    this.manager.start();

    const persisted = new Map(sf.data.apps.map((a) => [a.name, a]));
    for (const source of this.opts.config.sources) this.addApp(source, persisted.get(source.name));
    if (this.apps.size === 0) this.readyResolve?.();
    await Promise.all([...this.apps.values()].map((a) => a.start()));
  }

  private addApp(source: SourceConfig, persisted: AppState | undefined): void {
    const app = new App(
      source,
      {
        store: this.store,
        clock: this.clock,
        hashSecretValue: (v) => hashSecretValue(v, this.secretSalt),
        onPass: (a, outcome) => this.afterPass(a, outcome),
        onSourceError: (a, err, n) => {
          this.log.warn({ app: a.name, code: err.code, failures: n, err: err.message }, "git source failed");
          this.opts.onSourceError?.(a, err);
        },
        onSourceLook: (a, ms, ok) => this.opts.onSourceLook?.(a, ms, ok),
        applyHooks: (a) => ({
          onAction: (action, id) =>
            this.log.info(
              { app: a.name, action, kind: id.kind, namespace: id.namespace, name: id.name },
              "apply",
            ),
        }),
      },
      persisted,
    );
    this.apps.set(source.name, app);
    this.firstPass.set(source.name, false);
  }

  private afterPass(app: App, o: PassOutcome): void {
    const r = o.result;
    const base = {
      app: app.name,
      revision: o.revision.sha.slice(0, 12),
      subject: o.revision.subject,
      durationMs: o.durationMs,
    };
    if (r.ok) {
      this.log.info(
        {
          ...base,
          result: "succeeded",
          created: r.applied.created.length,
          updated: r.applied.updated.length + r.applied.replaced.length,
          deleted: r.applied.deleted.length,
          unchanged: r.applied.unchanged,
        },
        "sync",
      );
    } else {
      this.log.error({ ...base, result: "failed", code: r.code, errors: r.errors }, "sync");
      this.recordEvent({
        type: "Warning",
        reason: "SyncFailed",
        message: `revision ${o.revision.sha.slice(0, 12)} (${o.revision.subject}) not applied: ${r.errors[0] ?? r.code}`,
        involvedObject: { kind: "Namespace", namespace: "", name: app.config.namespace },
        source: { component: "berth-sync" },
      });
    }
    this.opts.onPass?.(app, o);
    this.save();
    if (this.firstPass.get(app.name) === false) {
      this.firstPass.set(app.name, true);
      if ([...this.firstPass.values()].every(Boolean)) this.readyResolve?.();
    }
  }

  /** Whether drift in this pod's app is put back (sources[].selfHeal.enabled). */
  healsDrift(pod: Pod): boolean {
    const app = appOf(this.store, pod);
    if (app === undefined || (this.healUntil.get(app) ?? 0) > this.clock.now()) return true;
    return this.apps.get(app)?.config.selfHeal.enabled ?? true;
  }

  /** A node agent's finding about a pod's drift (undefined: none). */
  reportDrift(pod: Pod, message: string | undefined): void {
    const key = `${pod.metadata.namespace ?? ""}/${pod.metadata.name}`;
    if (message === undefined) {
      this.drift.delete(key);
      return;
    }
    const app = appOf(this.store, pod);
    if (app !== undefined) this.drift.set(key, { app, message });
  }

  /** True once every app finished its first pass. */
  isReady(): boolean {
    return this.readyFlag;
  }

  /** The app's current source problem (unreachable repository, ...), if any. */
  sourceError(app: string): string | undefined {
    const err = this.apps.get(app)?.source?.lastError;
    return err ? `${err.code}: ${err.message}` : undefined;
  }

  recordEvent(e: EventInput): void {
    this.events = recordEvent(this.events, e, this.clock.now());
    this.save();
  }

  private recordControllerEvent(e: EventRecord): void {
    this.recordEvent({
      type: e.type,
      reason: e.reason,
      message: e.message,
      involvedObject: {
        kind: e.object.kind,
        namespace: e.object.namespace,
        name: e.object.name,
        ...(e.object.uid ? { uid: e.object.uid } : {}),
      },
      source: { component: "controller-manager" },
    });
  }

  /** A node joined, left, or changed readiness: DaemonSets follow nodes; persist the new view. */
  nodesChanged(): void {
    this.manager?.enqueueKind("DaemonSet");
    this.save();
  }

  /** Node states as the agents report them (or as last persisted). */
  nodes(): NodeState[] {
    const live = this.components.flatMap((c) => c.nodes?.() ?? []);
    if (live.length > 0) this.nodeStates = live;
    return this.nodeStates;
  }

  private nodeSummaries(): NodeSummary[] {
    return this.nodes().map((n) => ({
      name: n.name,
      labels: n.labels,
      taints: n.taints ?? [],
      ready: n.conditions.some((c) => c.type === "Ready" && c.status === "True"),
      unschedulable: n.unschedulable === true,
    }));
  }

  status(): AppStatus[] {
    return [...this.apps.values()].map((a) =>
      appStatus(
        a,
        this.store,
        [...this.drift.values()].filter((d) => d.app === a.name).map((d) => d.message),
      ),
    );
  }

  /** Persists soon (coalesced by the state file). */
  save(): void {
    this.stateFile?.scheduleSave(() =>
      snapshotStore(this.store, {
        apps: [...this.apps.values()].map((a) => a.state),
        nodes: this.nodes(),
        allocations: this.allocations,
        events: this.events,
      }),
    );
  }

  /** Triggers a fetch and re-apply of one app, or of all. */
  async sync(appName?: string): Promise<PassOutcome[]> {
    const targets =
      appName === undefined
        ? [...this.apps.values()]
        : [this.apps.get(appName)].filter((a) => a !== undefined);
    // A sync is the explicit "make it equal to git" (as in Argo CD): drift left alone is healed now.
    // The window covers the pod passes that put things back (they run within a relist interval).
    for (const a of targets) this.healUntil.set(a.name, this.clock.now() + 30_000);
    const results = await Promise.all(targets.map((a) => a.sync()));
    return results.flatMap((r) => (r.pass ? [r.pass] : []));
  }

  /** Stops watching and reconciling, persists, releases the lock. Containers keep running. */
  async stop(): Promise<void> {
    for (const a of this.apps.values()) await a.stop();
    this.manager?.stop();
    for (const c of [...this.components].reverse()) {
      try {
        await c.stop();
      } catch (e) {
        this.log.warn({ component: c.name, err: errorMessage(e) }, "stop failed");
      }
    }
    this.unwatch?.();
    this.save();
    await this.stateFile?.close();
    this.stateFile = undefined;
  }
}
