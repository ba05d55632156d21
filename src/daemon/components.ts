// The parts of a running daemon besides apps and controllers, each started after the store is
// loaded: metrics and notifications, service networking, node agents with the scheduling loop,
// the ingress, and the HTTP API (with webhooks).

import type { Logger } from "pino";
import { ApiServer } from "./api/server.js";
import type { BerthMetrics } from "../notify/metrics.js";
import { createServicesComponent, serviceNodes } from "../network/services/component.js";
import { IngressController } from "../network/ingress/server.js";
import { pinoAccessLogger } from "../network/ingress/access-log.js";
import { createNodeRuntime } from "../runtime/agent/components.js";
import type { NodeAgents } from "../runtime/agent/node-agents.js";
import { UNORDERED } from "../runtime/agent/network-gate.js";
import type { AgentSettings } from "../runtime/agent/settings.js";
import type { Component, Daemon } from "./daemon.js";
import type { Observers } from "./observe.js";
import { LiveDaemonView, type PodLogs } from "./view.js";

export interface ComponentDeps {
  metrics: BerthMetrics;
  observers: Observers;
  log: Logger;
  /** Test and benchmark overrides of the agents' intervals. */
  agentSettings?: Partial<AgentSettings>;
}

/** The HTTP API as a daemon component. */
export class ApiComponent implements Component {
  readonly name = "api";
  private server: ApiServer | undefined;
  address: string | undefined;

  constructor(
    private readonly daemon: Daemon,
    private readonly deps: ComponentDeps,
    private readonly podLogs?: PodLogs,
  ) {}

  async start(): Promise<void> {
    const c = this.daemon.config;
    this.server = new ApiServer({
      view: new LiveDaemonView(this.daemon, this.podLogs),
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

/** The ingress as a daemon component (only when berth.yaml gives it an address). */
class IngressComponent implements Component {
  readonly name = "ingress";
  constructor(private readonly controller: IngressController) {}
  async start(): Promise<void> {
    await this.controller.start();
  }
  async stop(): Promise<void> {
    await this.controller.stop();
  }
}

export function buildComponents(d: Daemon, deps: ComponentDeps): Component[] {
  const log = deps.log;
  // The proxies' network joins and leaves go through the node agents' gates (created below; asked
  // only once the components run).
  const built: { agents?: NodeAgents } = {};
  const services = createServicesComponent(
    d,
    serviceNodes(d.config, (node) => built.agents?.networkGate(node) ?? UNORDERED),
  );
  const runtime = createNodeRuntime({
    config: d.config,
    store: d.store,
    clock: d.clock,
    onEvent: (e) => d.recordEvent(e),
    ready: d.ready,
    hooks: {
      ...services.agentHooks(),
      healDrift: (pod) => d.healsDrift(pod),
      reportDrift: (pod, drift) => d.reportDrift(pod, drift),
    },
    log: log.child({ component: "agent" }),
    onNodesChanged: () => d.nodesChanged(),
    ...(deps.agentSettings ? { settings: deps.agentSettings } : {}),
  });
  built.agents = runtime.agents;
  const components: Component[] = [deps.observers, services, ...runtime.components];
  const ingress = d.config.ingress;
  if (ingress.http !== undefined || ingress.https !== undefined) {
    components.push(
      new IngressComponent(
        new IngressController({
          ...ingress,
          store: d.store,
          resolver: services.controller,
          log: pinoAccessLogger(log.child({ component: "ingress" })),
          onEvent: (e) => d.recordEvent(e),
          clock: d.clock,
        }),
      ),
    );
  }
  components.push(new ApiComponent(d, deps, (ns, pod, opts) => runtime.agents.podLogs(ns, pod, opts)));
  return components;
}
