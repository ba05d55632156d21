// The ServiceController: kube-proxy (userspace mode) and the API server's Service allocators for
// berth. It watches the store's Services, Pods and Namespaces and
//   - assigns cluster IPs and node ports, writes them into the Services, and LoadBalancer status
//     (addresses.ts);
//   - keeps one proxy container per Service on every node, on the namespace's network with the
//     cluster IP and the Service's names, and pushes it the ready endpoints as that node reaches
//     them (node-worker.ts);
//   - answers the ingress's BackendResolver from the same endpoints, as the berth host reaches them.
// Proxies outlive berth: a restarted berth adopts them by their labels without restarting them.

import { emptyEngineSubnets, scanEngineSubnets, type EngineSubnets } from "./engine-subnets.js";
import type { EventRecord } from "../../controllers/types.js";
import type { Pod, Service } from "../../manifest/types.js";
import type { ObjectStore, WatchEvent } from "../../state/store.js";
import { systemClock, type Clock } from "../../util/clock.js";
import { errorMessage } from "../../util/errors.js";
import { ServiceAddresses, type AllocationBook } from "./addresses.js";
import type { PortRange } from "./assign.js";
import { ServiceEvents } from "./events.js";
import { NodeWorker, type ServiceNode } from "./node-worker.js";
import { PublishedPortsCache } from "./ports-cache.js";
import { ServiceResolver, type BackendResolver, type ResolvedBackend } from "./resolver.js";
import { serviceEnv } from "./service-env.js";
import { DEFAULT_NETWORK_RANGE, type NamespaceNetworkPlan } from "./subnets.js";
import type { ReachContext } from "./targets.js";

export type { ServiceNode } from "./node-worker.js";
export type { AllocationBook } from "./addresses.js";

export interface ServiceControllerOptions {
  store: ObjectStore;
  nodes: readonly ServiceNode[];
  allocations: AllocationBook;
  /** runtime.clusterDomain (default cluster.local). */
  clusterDomain?: string;
  /** services.nodePortRange (default 30000-32767). */
  nodePortRange?: PortRange;
  /** services.networkRange (default 10.96.0.0/12): namespace subnets and cluster IPs. */
  networkRange?: string;
  clock?: Clock;
  onEvent?: (e: EventRecord) => void;
  log?: (level: "info" | "warn", message: string) => void;
  /** Re-list every engine's proxies and networks this often (default 30 s). */
  resyncMs?: number;
}

export class ServiceController implements BackendResolver {
  private readonly store: ObjectStore;
  private readonly addresses: ServiceAddresses;
  private readonly events: ServiceEvents;
  private readonly workers: NodeWorker[];
  private readonly ports: PublishedPortsCache;
  private readonly resolver: ServiceResolver;
  private readonly clusterDomain: string;
  private effective = new Map<string, Service>();
  private knownNamespaces = new Set<string>();
  private engineSubnets: EngineSubnets = emptyEngineSubnets();
  private controlDirty = true;
  private structureDirty = true;
  private scheduled: NodeJS.Immediate | undefined;
  private unwatch: (() => void) | undefined;
  private resyncTimer: NodeJS.Timeout | undefined;

  constructor(private readonly o: ServiceControllerOptions) {
    this.store = o.store;
    this.clusterDomain = o.clusterDomain ?? "cluster.local";
    const log = o.log ?? (() => undefined);
    this.events = new ServiceEvents(o.onEvent ?? (() => undefined));
    this.addresses = new ServiceAddresses({
      store: o.store,
      allocations: o.allocations,
      networkRange: o.networkRange ?? DEFAULT_NETWORK_RANGE,
      nodePortRange: o.nodePortRange ?? { min: 30000, max: 32767 },
      clock: o.clock ?? systemClock,
      events: this.events,
      nodeAddresses: () => o.nodes.map((n) => n.address),
      engineSubnets: () => this.engineSubnets,
    });
    this.ports = new PublishedPortsCache(o.nodes, () => this.schedule(false, false), log);
    const reach: ReachContext = {
      nodeAddresses: new Map(o.nodes.map((n) => [n.name, n.address])),
      portsOf: (pod) => this.ports.portsOf(pod),
    };
    this.resolver = new ServiceResolver(
      o.store,
      () => this.effective,
      reach,
      () => this.ports.version,
    );
    this.workers = o.nodes.map(
      (node) =>
        new NodeWorker(node, {
          services: () => [...this.effective.values()],
          pods: () => this.store.list("Pod"),
          namespaces: () => this.namespaces(),
          networkFor: (ns) => this.networkFor(ns),
          networkFailed: (ns) => this.networkFailed(ns),
          reach,
          clusterDomain: this.clusterDomain,
          events: this.events,
          log,
        }),
    );
  }

  /** Reads the subnets the engines already use, so new namespace networks avoid them. */
  async prepare(): Promise<void> {
    this.engineSubnets = await scanEngineSubnets(this.o.nodes.map((n) => n.docker));
  }

  /**
   * A namespace network could not be created. The engines were scanned at start; a network that
   * appeared since (another tool, another berth on the engine) may hold the subnet recorded for the
   * namespace, and Docker would refuse it on every retry. Scan again and, when that is the case and
   * the namespace has no network anywhere yet, give it a free subnet.
   */
  private async networkFailed(namespace: string): Promise<void> {
    const before = this.addresses.recorded(namespace);
    this.engineSubnets = await scanEngineSubnets(this.o.nodes.map((n) => n.docker));
    if (!this.addresses.replan(namespace, this.engineSubnets)) return;
    this.o.log?.(
      "warn",
      `namespace ${namespace}: subnet ${before ?? "?"} is now used by another network on the engines; its network gets ${this.networkFor(namespace).subnet} instead`,
    );
    this.schedule(true, true);
  }

  start(): void {
    this.unwatch = this.store.watch((e) => this.onChange(e));
    this.resyncTimer = setInterval(() => this.schedule(true, true), this.o.resyncMs ?? 30_000);
    this.resyncTimer.unref();
    this.schedule(true, true);
  }

  /** Stops watching and waits for work in progress; proxies keep running. */
  async stop(): Promise<void> {
    this.unwatch?.();
    this.unwatch = undefined;
    if (this.resyncTimer) clearInterval(this.resyncTimer);
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    for (const w of this.workers) w.stop();
    await Promise.all(this.workers.map((w) => w.idle()));
    await this.ports.idle();
  }

  /** Resolves once nothing is queued or running (tests, shutdown). Retries waiting on a timer count as done. */
  async settled(): Promise<void> {
    for (;;) {
      if (this.scheduled) await new Promise((r) => setImmediate(r));
      await this.ports.idle();
      await Promise.all(this.workers.map((w) => w.idle()));
      if (!this.scheduled && !this.ports.busy() && this.workers.every((w) => !w.busy())) return;
    }
  }

  /**
   * The namespace network's address plan (recorded on first use). The agent passes it to
   * createSandbox as `network`, so whoever creates a namespace network creates it the same way.
   */
  networkFor(namespace: string): NamespaceNetworkPlan {
    return this.addresses.networkFor(namespace);
  }

  /** The service environment variables for a container of `pod` created now. */
  serviceEnv(pod: Pod): Map<string, string> {
    return serviceEnv(pod, this.store.list("Service"));
  }

  resolve(namespace: string, service: string, port: { number?: number; name?: string }): ResolvedBackend {
    return this.resolver.resolve(namespace, service, port);
  }

  private namespaces(): string[] {
    const out = new Set<string>();
    for (const s of this.effective.values()) out.add(s.metadata.namespace ?? "default");
    for (const p of this.store.list("Pod"))
      if (p.spec.hostNetwork !== true) out.add(p.metadata.namespace ?? "default");
    return [...out].sort();
  }

  private onChange(e: WatchEvent): void {
    const kind = e.object.kind;
    if (kind === "Service") {
      if (e.type === "DELETED") this.events.forget(e.object.metadata.uid ?? "");
      this.schedule(true, true);
    } else if (kind === "Namespace") this.schedule(false, true);
    else if (kind === "Pod") {
      const ns = e.object.metadata.namespace ?? "default";
      this.schedule(false, !this.knownNamespaces.has(ns));
    }
  }

  private schedule(control: boolean, structure: boolean): void {
    if (control) this.controlDirty = true;
    if (structure) this.structureDirty = true;
    this.scheduled ??= setImmediate(() => {
      this.scheduled = undefined;
      this.pass();
    });
  }

  private pass(): void {
    try {
      if (this.controlDirty) {
        this.controlDirty = false;
        this.effective = this.addresses.reconcile();
      }
      this.knownNamespaces = new Set(this.namespaces());
      this.ports.refreshMissing([...this.effective.values()], this.store.list("Pod"), this.clusterDomain);
    } catch (e) {
      this.o.log?.("warn", `service controller: ${errorMessage(e)}`);
    }
    const structure = this.structureDirty;
    this.structureDirty = false;
    for (const w of this.workers) w.kick(structure);
  }
}
