// The parts of a running daemon besides apps and controllers, each started after the store is
// loaded: metrics and notifications, the HTTP API (with webhooks), and — as they are added — node
// agents, the scheduling loop, service proxies and the ingress.

import type { Logger } from "pino";
import { ApiServer } from "./api/server.js";
import type { BerthMetrics } from "../notify/metrics.js";
import type { Component, Daemon } from "./daemon.js";
import type { Observers } from "./observe.js";
import { LiveDaemonView, type PodLogs } from "./view.js";

export interface ComponentDeps {
  metrics: BerthMetrics;
  observers: Observers;
  log: Logger;
  podLogs?: PodLogs;
}

/** The HTTP API as a daemon component. */
export class ApiComponent implements Component {
  readonly name = "api";
  private server: ApiServer | undefined;
  address: string | undefined;

  constructor(
    private readonly daemon: Daemon,
    private readonly deps: ComponentDeps,
  ) {}

  async start(): Promise<void> {
    const c = this.daemon.config;
    this.server = new ApiServer({
      view: new LiveDaemonView(this.daemon, this.deps.podLogs),
      metrics: this.deps.metrics,
      api: c.api,
      webhooks: c.webhooks,
      sources: c.sources.map((s) => ({ name: s.name, repo: s.repo })),
      secretSalt: this.daemon.secretSalt,
      logger: this.deps.log.child({ component: "api" }),
    });
    const at = await this.server.listen();
    this.address = at.url;
    this.deps.log.info({ component: "api", url: at.url }, "API listening");
  }

  async stop(): Promise<void> {
    await this.server?.close();
  }
}

export function buildComponents(daemon: Daemon, deps: ComponentDeps): Component[] {
  return [deps.observers, new ApiComponent(daemon, deps)];
}
