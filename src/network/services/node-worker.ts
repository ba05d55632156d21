// One node's data plane: a serial loop that (when the set of Services or namespaces changed, or on
// resync) makes the engine's proxy containers and namespace networks match, and (whenever
// endpoints change) pushes the new endpoint lists into the proxies. Failures on one node retry
// with backoff and never hold up another node.

import type Docker from "dockerode";
import type { Pod, Service } from "../../manifest/types.js";
import { ensureNamespaceNetwork } from "../../runtime/docker/network.js";
import { errorMessage } from "../../util/errors.js";
import { UNORDERED, type SandboxGate } from "../../runtime/agent/network-gate.js";
import type { ServiceEvents } from "./events.js";
import { desiredProxies, networksToJoin, planNode, type DesiredProxy } from "./node-plan.js";
import {
  connectProxy,
  createProxy,
  listNamespaceNetworks,
  listProxies,
  pushProxyConfig,
  removeProxy,
  startProxy,
} from "./proxy-docker.js";
import { ensureProxyImage, proxyImageFiles } from "./proxy-image.js";
import type { NamespaceNetworkPlan } from "./subnets.js";
import type { ReachContext } from "./targets.js";

export interface ServiceNode {
  name: string;
  /** The node's address (berth.yaml nodes[].address): node ports and published pod ports answer there. */
  address: string;
  docker: Docker;
  /** The node agent's sandbox network gate for this engine: a proxy joining or leaving networks
   * while it runs is ordered with the pods' sandboxes (Docker 20.10's libnetwork deadlock;
   * src/runtime/agent/network-gate.ts). Unordered when absent. */
  gate?: () => SandboxGate;
}

/** What the controller hands a worker: the current view, computed on demand. */
export interface WorkerView {
  services(): Service[];
  pods(): Pod[];
  /** Namespaces whose network should exist on every node. */
  namespaces(): string[];
  networkFor(namespace: string): NamespaceNetworkPlan;
  /** Creating the namespace's network failed: the controller checks whether its subnet went stale. */
  networkFailed(namespace: string): Promise<void>;
  reach: ReachContext;
  clusterDomain: string;
  events: ServiceEvents;
  log(level: "info" | "warn", message: string): void;
}

const BACKOFF_MIN_MS = 500;
const BACKOFF_MAX_MS = 30_000;
const PORT_TAKEN = /port is already allocated|address already in use/i;

export class NodeWorker {
  /** service uid → its proxy here. */
  private proxies = new Map<string, { id: string; specHash: string }>();
  private readonly pushed = new Map<string, string>();
  /** namespace → subnet of its network here ("" when Docker chose it). */
  private readonly subnets = new Map<string, string>();
  private readonly lbBlocked = new Set<string>();
  private structureDirty = true;
  private running: Promise<void> | undefined;
  private again = false;
  private backoffMs = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    readonly node: ServiceNode,
    private readonly view: WorkerView,
  ) {}

  /** Look again; `structure` also re-lists containers and networks. */
  kick(structure = false): void {
    if (this.stopped) return;
    if (structure) this.structureDirty = true;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.loop().finally(() => (this.running = undefined));
  }

  /** Resolves when the current pass (and any it queued) is done. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  busy(): boolean {
    return this.running !== undefined;
  }

  hasPendingRetry(): boolean {
    return this.retryTimer !== undefined;
  }

  stop(): void {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      let problem: string | undefined;
      try {
        problem = await this.pass();
      } catch (e) {
        this.structureDirty = true;
        problem = errorMessage(e);
      }
      if (problem === undefined) {
        this.backoffMs = 0;
        continue;
      }
      this.backoffMs = Math.min(BACKOFF_MAX_MS, Math.max(BACKOFF_MIN_MS, this.backoffMs * 2));
      this.view.log(
        "warn",
        `service proxies on node ${this.node.name}: ${problem}; retrying in ${this.backoffMs} ms`,
      );
      if (!this.stopped && !this.retryTimer) {
        this.retryTimer = setTimeout(() => {
          this.retryTimer = undefined;
          this.kick(true);
        }, this.backoffMs);
        this.retryTimer.unref();
      }
      return;
    } while (this.repeat());
  }

  /** Whether something asked for another pass while this one ran. */
  private repeat(): boolean {
    return this.again && !this.stopped;
  }

  private async desired(image: string): Promise<DesiredProxy[]> {
    const { proxies, warnings } = desiredProxies({
      node: this.node.name,
      image,
      clusterDomain: this.view.clusterDomain,
      services: this.view.services(),
      pods: this.view.pods(),
      reach: this.view.reach,
      staticIPUsable: (ns) => {
        const subnet = this.subnets.get(ns);
        return subnet === undefined || subnet === this.view.networkFor(ns).subnet;
      },
      loadBalancerBlocked: this.lbBlocked,
    });
    const said = new Set(warnings.map((w) => `${w.service.metadata.uid ?? ""}/${w.reason}`));
    for (const w of warnings) this.view.events.warn(w.service, w.reason, w.message, this.node.name);
    for (const s of this.view.services()) {
      for (const reason of ["ClusterIPUnreachable", "EndpointsUnreachable", "UnsupportedProtocol"]) {
        if (!said.has(`${s.metadata.uid ?? ""}/${reason}`)) this.view.events.clear(s, reason, this.node.name);
      }
    }
    return proxies;
  }

  /** One pass; resolves with what still failed (to retry with backoff), if anything. */
  private async pass(): Promise<string | undefined> {
    const image = (await proxyImageFiles()).ref;
    let problem: string | undefined;
    if (this.structureDirty) {
      this.structureDirty = false;
      problem = await this.structure(image);
    }
    await this.pushConfigs(image);
    return problem;
  }

  private async structure(image: string): Promise<string | undefined> {
    const docker = this.node.docker;
    const wanted = this.view.namespaces();
    // The proxies' own networks first (static addresses need berth's subnet), then every other
    // namespace network the engine has (created by the agent, or by another berth pass).
    for (const ns of wanted) {
      try {
        const net = await ensureNamespaceNetwork(docker, this.node.name, ns, this.networkIpam(ns));
        this.subnets.set(ns, net.subnet);
      } catch (e) {
        // The retry after backoff then uses a new plan if the subnet was taken meanwhile.
        await this.view.networkFailed(ns);
        throw e;
      }
    }
    const networks = await listNamespaceNetworks(docker);
    for (const n of networks) {
      if (this.subnets.has(n.namespace)) continue;
      const net = await ensureNamespaceNetwork(
        docker,
        this.node.name,
        n.namespace,
        this.networkIpam(n.namespace),
      );
      this.subnets.set(n.namespace, net.subnet);
    }
    const desired = await this.desired(image);
    if (desired.length > 0) await ensureProxyImage(docker);
    const plan = planNode(desired, await listProxies(docker, this.node.name));
    const gate = this.gate();
    for (const o of plan.remove) {
      const remove = () => removeProxy(docker, o.id);
      // A running proxy leaves its networks as it goes; a stopped one left them when it stopped.
      await (isRunning(o.state) ? gate.leave(remove) : remove());
      this.pushed.delete(o.id);
    }
    const proxies = new Map<string, { id: string; specHash: string }>();
    let failures = 0;
    for (const { desired: d, observed: o } of plan.keep) {
      proxies.set(d.uid, { id: o.id, specHash: d.spec.specHash });
      try {
        for (const j of networksToJoin(d, o.networks, networks)) {
          const connect = () => connectProxy(docker, j.network, o.id, j.aliases);
          await (isRunning(o.state) ? gate.join(connect) : connect());
        }
        if (!isRunning(o.state)) {
          await this.pushIfChanged(o.id, d);
          await gate.join(() => startProxy(docker, o.id));
        }
        this.succeeded(d);
      } catch (e) {
        failures++;
        this.failed(d, e);
      }
    }
    for (const d of plan.create) {
      try {
        const id = await this.create(d, networks);
        if (id !== undefined) {
          proxies.set(d.uid, { id, specHash: d.spec.specHash });
          this.succeeded(d);
        }
      } catch (e) {
        failures++;
        this.failed(d, e);
      }
    }
    this.proxies = proxies;
    return failures > 0 ? `${failures} proxy container(s) could not be made to run` : undefined;
  }

  private gate(): SandboxGate {
    return this.node.gate?.() ?? UNORDERED;
  }

  /** Creates, connects, fills and starts a proxy; undefined when it must be made again differently. */
  private async create(
    d: DesiredProxy,
    networks: { name: string; namespace: string }[],
  ): Promise<string | undefined> {
    const docker = this.node.docker;
    const id = await createProxy(docker, d.spec.options);
    try {
      for (const j of networksToJoin(d, [d.spec.network], networks)) {
        await connectProxy(docker, j.network, id, j.aliases);
      }
      await this.pushIfChanged(id, d);
      await this.gate().join(() => startProxy(docker, id));
      return id;
    } catch (e) {
      const service = this.view.services().find((s) => s.metadata.uid === d.uid);
      const lbPorts = service?.spec.type === "LoadBalancer" && !this.lbBlocked.has(d.uid);
      if (lbPorts && PORT_TAKEN.test(errorMessage(e))) {
        // The service ports are taken on this node (an ingress on :80, another LoadBalancer):
        // keep the node ports, drop the extra bindings here. (Its start failed: it has left no
        // network to leave.)
        await removeProxy(docker, id);
        this.pushed.delete(id);
        this.lbBlocked.add(d.uid);
        this.view.events.warn(
          service,
          "LoadBalancerPortsTaken",
          `node ${this.node.name}: the service ports could not be published (${errorMessage(e)}); the Service answers on its node ports there`,
          this.node.name,
        );
        this.structureDirty = true;
        this.again = true;
        return undefined;
      }
      throw e;
    }
  }

  private succeeded(d: DesiredProxy): void {
    const service = this.view.services().find((s) => s.metadata.uid === d.uid);
    if (service) this.view.events.clear(service, "FailedToStartProxy", this.node.name);
  }

  private failed(d: DesiredProxy, e: unknown): void {
    const service = this.view.services().find((s) => s.metadata.uid === d.uid);
    if (service) {
      this.view.events.warn(
        service,
        "FailedToStartProxy",
        `node ${this.node.name}: ${errorMessage(e)}`,
        this.node.name,
      );
    }
  }

  private networkIpam(ns: string): { subnet: string; gateway: string; ipRange: string } {
    const p = this.view.networkFor(ns);
    return { subnet: p.subnet, gateway: p.gateway, ipRange: p.ipRange };
  }

  private async pushIfChanged(id: string, d: DesiredProxy): Promise<void> {
    if (this.pushed.get(id) === d.configHash) return;
    await pushProxyConfig(this.node.docker, id, d.configJson);
    this.pushed.set(id, d.configHash);
  }

  private async pushConfigs(image: string): Promise<void> {
    const desired = await this.desired(image);
    const wanted = new Set(desired.map((d) => d.uid));
    // A Service appeared, changed shape or went away since the last structure pass.
    const stale =
      desired.some((d) => this.proxies.get(d.uid)?.specHash !== d.spec.specHash) ||
      [...this.proxies.keys()].some((uid) => !wanted.has(uid));
    if (stale && !this.structureDirty) {
      this.structureDirty = true;
      this.again = true;
    }
    for (const d of desired) {
      const p = this.proxies.get(d.uid);
      if (p?.specHash === d.spec.specHash) await this.pushIfChanged(p.id, d);
    }
  }
}

function isRunning(state: string): boolean {
  return state === "running" || state === "restarting";
}
