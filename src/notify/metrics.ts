// Prometheus metrics of the daemon, in a registry of its own (never prom-client's global one, so two
// daemons in one test process, or a library user's own metrics, do not collide). The daemon calls the
// typed recorders below; GET /metrics serves `metricsText()`. Names and labels follow Argo CD's where
// Argo CD has one (argocd_app_info, argocd_app_sync_total) and Prometheus' naming rules (units in
// the name, _total for counters, seconds for time). Reference: docs/observability.md.

import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import { BERTH_VERSION } from "../version.js";

export type SyncMetricResult = "succeeded" | "failed";

export interface ObjectCount {
  kind: string;
  /** Healthy, Progressing, Degraded, Suspended, Missing, Unknown (Argo CD's health statuses). */
  health: string;
  count: number;
}

export interface PodCount {
  /** Pending, Running, Succeeded, Failed, Unknown. */
  phase: string;
  /** "" for pods not scheduled yet. */
  node: string;
  count: number;
}

export interface AppInfo {
  app: string;
  /** The synced commit SHA; "" before the first sync. */
  revision: string;
  /** Synced, OutOfSync, Unknown. */
  syncStatus: string;
  /** Healthy, Progressing, Degraded, Suspended, Missing, Unknown. */
  healthStatus: string;
}

export interface MetricsOptions {
  /** Node.js process metrics (CPU, memory, event loop lag, GC). Default true. */
  defaultMetrics?: boolean;
}

// Sync passes run from tens of milliseconds (nothing to change) to minutes (a large first sync).
const SYNC_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];
// A no-change check is one ls-remote (~50 ms on a LAN); a first clone of a big repository, minutes.
const FETCH_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

export class BerthMetrics {
  readonly registry = new Registry();
  private readonly scrapeHooks: (() => void)[] = [];

  private readonly syncTotal = new Counter({
    name: "berth_sync_total",
    help: "Sync passes per app (applying a revision, or re-applying it to heal drift), by result.",
    labelNames: ["app", "result"] as const,
    registers: [this.registry],
  });
  private readonly syncDuration = new Histogram({
    name: "berth_sync_duration_seconds",
    help: "How long sync passes took, from reading the revision to the last object applied.",
    labelNames: ["app"] as const,
    buckets: SYNC_BUCKETS,
    registers: [this.registry],
  });
  private readonly lastSuccess = new Gauge({
    name: "berth_last_successful_sync_timestamp_seconds",
    help: "Unix time of the app's last successful sync pass.",
    labelNames: ["app"] as const,
    registers: [this.registry],
  });
  private readonly objects = new Gauge({
    name: "berth_objects",
    help: "Objects in berth's store by kind and health.",
    labelNames: ["kind", "health"] as const,
    registers: [this.registry],
  });
  private readonly workqueueDepth = new Gauge({
    name: "berth_workqueue_depth",
    help: "Objects waiting for a controller to reconcile them.",
    registers: [this.registry],
  });
  private readonly gitFetchDuration = new Histogram({
    name: "berth_git_fetch_duration_seconds",
    help: "How long looking for a new revision took (ls-remote, plus fetch and read when it changed).",
    labelNames: ["app"] as const,
    buckets: FETCH_BUCKETS,
    registers: [this.registry],
  });
  private readonly gitFetchErrors = new Counter({
    name: "berth_git_fetch_errors_total",
    help: "Failed looks at an app's repository (unreachable, authentication, missing ref or path).",
    labelNames: ["app"] as const,
    registers: [this.registry],
  });
  private readonly dockerErrors = new Counter({
    name: "berth_docker_api_errors_total",
    help: "Docker Engine API calls that failed, per node.",
    labelNames: ["node"] as const,
    registers: [this.registry],
  });
  private readonly pods = new Gauge({
    name: "berth_pods",
    help: "Pods by phase and node (node is empty for pods not scheduled yet).",
    labelNames: ["phase", "node"] as const,
    registers: [this.registry],
  });
  private readonly appInfo = new Gauge({
    name: "berth_app_info",
    help: "Always 1: one series per app carrying its synced revision, sync status and health status.",
    labelNames: ["app", "revision", "sync_status", "health_status"] as const,
    registers: [this.registry],
  });

  constructor(opts: MetricsOptions = {}) {
    new Gauge({
      name: "berth_build_info",
      help: "Always 1: the berth and Node.js versions running.",
      labelNames: ["version", "nodejs_version"] as const,
      registers: [this.registry],
    }).set({ version: BERTH_VERSION, nodejs_version: process.version }, 1);
    if (opts.defaultMetrics ?? true) collectDefaultMetrics({ register: this.registry });
  }

  /**
   * Starts every per-app series at 0, so rate() and absent() work before the first event
   * (a counter that appears only on its first failure hides that failure from rate()).
   */
  registerApps(apps: readonly string[]): void {
    for (const app of apps) {
      for (const result of ["succeeded", "failed"] as const) this.syncTotal.inc({ app, result }, 0);
      this.gitFetchErrors.inc({ app }, 0);
    }
  }

  /** Starts the node's error counter at 0. */
  registerNodes(nodes: readonly string[]): void {
    for (const node of nodes) this.dockerErrors.inc({ node }, 0);
  }

  /** One finished sync pass; `finishedAtMs` (epoch ms) stamps the last success. */
  recordSync(app: string, result: SyncMetricResult, durationMs: number, finishedAtMs: number): void {
    this.syncTotal.inc({ app, result });
    this.syncDuration.observe({ app }, durationMs / 1000);
    if (result === "succeeded") this.lastSuccess.set({ app }, finishedAtMs / 1000);
  }

  /** One look at an app's repository, successful or not. */
  recordGitFetch(app: string, durationMs: number, ok: boolean): void {
    this.gitFetchDuration.observe({ app }, durationMs / 1000);
    if (!ok) this.gitFetchErrors.inc({ app });
  }

  recordDockerApiError(node: string): void {
    this.dockerErrors.inc({ node });
  }

  setWorkqueueDepth(depth: number): void {
    this.workqueueDepth.set(depth);
  }

  /** Replaces every berth_objects series: kinds or health values no longer present disappear. */
  setObjects(counts: readonly ObjectCount[]): void {
    this.objects.reset();
    for (const c of counts) this.objects.set({ kind: c.kind, health: c.health }, c.count);
  }

  /** Replaces every berth_pods series. */
  setPods(counts: readonly PodCount[]): void {
    this.pods.reset();
    for (const c of counts) this.pods.set({ phase: c.phase, node: c.node }, c.count);
  }

  /** Replaces every berth_app_info series (one per app; an app's old revision series goes away). */
  setApps(apps: readonly AppInfo[]): void {
    this.appInfo.reset();
    for (const a of apps) {
      this.appInfo.set(
        { app: a.app, revision: a.revision, sync_status: a.syncStatus, health_status: a.healthStatus },
        1,
      );
    }
  }

  /** Forgets an app that left the configuration (its series would otherwise stay forever). */
  removeApp(app: string): void {
    for (const result of ["succeeded", "failed"] as const) this.syncTotal.remove({ app, result });
    this.syncDuration.remove({ app });
    this.lastSuccess.remove({ app });
    this.gitFetchDuration.remove({ app });
    this.gitFetchErrors.remove({ app });
  }

  /**
   * Runs `hook` at the start of every scrape: the daemon refreshes snapshot gauges (setObjects,
   * setPods, setApps, setWorkqueueDepth) only when someone looks, instead of on every change.
   */
  onScrape(hook: () => void): void {
    this.scrapeHooks.push(hook);
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** The Prometheus text exposition (format 0.0.4). */
  async metricsText(): Promise<string> {
    for (const hook of this.scrapeHooks) hook();
    return this.registry.metrics();
  }
}
