// What the daemon tells its users besides logs: Prometheus metrics (refreshed when scraped) and
// notifications (sync-succeeded, sync-failed, health-degraded, deployed), decided after every sync
// pass and on a health check every few seconds, delivered off the sync path.

import type { Logger } from "pino";
import { KINDS } from "../manifest/types.js";
import type { BerthMetrics, ObjectCount, PodCount } from "../notify/metrics.js";
import type { Notifier } from "../notify/notifier.js";
import { NotificationTracker, type HealthReport } from "../notify/triggers.js";
import { objectHealth } from "./health.js";
import type { App, PassOutcome } from "./app.js";
import type { Component, Daemon } from "./daemon.js";
import { passResult } from "./view.js";

export class Observers implements Component {
  readonly name = "observers";
  private readonly tracker: NotificationTracker;
  private timer: NodeJS.Timeout | undefined;
  private previous = new Map<string, string>();

  constructor(
    private readonly daemon: Daemon,
    private readonly metrics: BerthMetrics | undefined,
    private readonly notifier: Notifier | undefined,
    private readonly log: Logger,
    private readonly healthCheckMs = 5000,
  ) {
    this.tracker = new NotificationTracker(daemon.clock);
  }

  async start(): Promise<void> {
    this.metrics?.registerApps([...this.daemon.config.sources.map((s) => s.name)]);
    this.metrics?.onScrape(() => this.refreshGauges());
    this.timer = setInterval(() => this.checkHealth(), this.healthCheckMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
  }

  private health(app: string): HealthReport | undefined {
    const s = this.daemon.status().find((x) => x.name === app);
    if (!s) return undefined;
    return {
      app,
      health: s.health.status,
      sync: s.sync.status,
      ...(s.health.message ? { message: s.health.message } : {}),
    };
  }

  /** Called by the daemon after every pass. */
  onPass(app: App, o: PassOutcome): void {
    const r = passResult(o);
    this.metrics?.recordSync(app.name, r.result, o.durationMs, o.startedAt + o.durationMs);
    const before = this.previous.get(app.name);
    const newRevision = r.result === "succeeded" && before !== o.revision.sha;
    if (r.result === "succeeded") this.previous.set(app.name, o.revision.sha);
    const health = this.health(app.name);
    if (!health || !this.notifier) return;
    const events = this.tracker.afterPass(
      {
        app: app.name,
        result: r.result,
        changed: r.changed,
        newRevision,
        ...(r.revision ? { revision: r.revision } : {}),
        ...(r.attemptedRevision ? { attemptedRevision: r.attemptedRevision } : {}),
        errors: r.errors,
      },
      health,
    );
    for (const e of events) this.notifier.notify(e);
  }

  private checkHealth(): void {
    if (!this.notifier) return;
    for (const name of this.daemon.apps.keys()) {
      const h = this.health(name);
      if (!h) continue;
      for (const e of this.tracker.afterHealth(h)) {
        this.log.info({ app: name, event: e.event }, "notification");
        this.notifier.notify(e);
      }
    }
  }

  private refreshGauges(): void {
    const m = this.metrics;
    if (!m) return;
    const store = this.daemon.store;
    const objects = new Map<string, ObjectCount>();
    for (const kind of KINDS) {
      for (const o of store.list(kind)) {
        const health = objectHealth(o).status;
        const key = `${kind}/${health}`;
        const c = objects.get(key) ?? { kind, health, count: 0 };
        c.count += 1;
        objects.set(key, c);
      }
    }
    m.setObjects([...objects.values()]);
    const pods = new Map<string, PodCount>();
    for (const p of store.list("Pod")) {
      const phase = p.status?.phase ?? "Pending";
      const node = p.spec.nodeName ?? "";
      const key = `${phase}/${node}`;
      const c = pods.get(key) ?? { phase, node, count: 0 };
      c.count += 1;
      pods.set(key, c);
    }
    m.setPods([...pods.values()]);
    m.setApps(
      this.daemon.status().map((s) => ({
        app: s.name,
        revision: s.sync.revision?.sha ?? "",
        syncStatus: s.sync.status,
        healthStatus: s.health.status,
      })),
    );
  }
}
