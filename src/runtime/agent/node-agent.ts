// The node agent (berth's kubelet) for one configured node: connects to its Docker engine, pings
// it (heartbeat → node Ready / NotReady), keeps the container cache current (relist + engine
// events), and runs one pod worker per pod bound to the node. Capacity is the engine's, less the
// reserve, unless berth.yaml overrides it.

import type Docker from "dockerode";
import type { NodeConfig } from "../../config/types.js";
import type { NodeStatus } from "../../scheduler/types.js";
import type { ObjectStore } from "../../state/store.js";
import type { NodeState } from "../../state/types.js";
import { systemClock, type Clock } from "../../util/clock.js";
import { errorMessage } from "../../util/errors.js";
import { ensureInfraImage } from "../infra/image.js";
import { connect } from "../docker/connect.js";
import { watchEvents, type EventWatch } from "../docker/events.js";
import { dockerInfo, type DockerInfo } from "../docker/info.js";
import type { NodePolicy } from "../node.js";
import type { NodeCapacity } from "../spec/context.js";
import { ContainerCache } from "./container-cache.js";
import { PodEventSink, type EventCallback } from "./event-sink.js";
import type { AgentHooks } from "./execute.js";
import { heartbeatFailed, heartbeatSucceeded, initialHealth, type NodeHealth } from "./health.js";
import { ImagePresence } from "./image-presence.js";
import { Limiter } from "./limiter.js";
import { gateModeFor, SandboxNetworkGate, UNORDERED, type SandboxGate } from "./network-gate.js";
import { SILENT_LOG, type AgentLog } from "./log.js";
import { capacityOf, nodeStateOf, nodeStatusOf } from "./node-state.js";
import { PodWorkers } from "./pod-workers.js";
import { endpointOf, resolveSettings, type AgentSettings } from "./settings.js";

export interface NodeAgentOptions {
  node: NodeConfig;
  policy: NodePolicy;
  store: ObjectStore;
  settings?: Partial<AgentSettings>;
  clock?: Clock;
  /** Pod events (Pulling, Started, BackOff, Unhealthy, Killing, …) for the event recorder. */
  onEvent?: EventCallback;
  /** Resolves once the store is loaded and the first sync finished: until then containers of pods
   * the store does not know are left alone (they may belong to objects not applied yet). */
  ready?: Promise<unknown>;
  hooks?: AgentHooks;
  log?: AgentLog;
  /** Readiness or capacity changed (the scheduler and the node lifecycle look again). */
  onNodeChange?: (agent: NodeAgent) => void;
}

export class NodeAgent {
  readonly name: string;
  readonly settings: AgentSettings;
  private readonly clock: Clock;
  private readonly log: AgentLog;
  private client: Docker | undefined;
  private info: DockerInfo | undefined;
  /** Orders sandbox network operations as this engine's version needs (undefined: turned off). */
  private readonly networkGate: SandboxNetworkGate | undefined;
  private healthState: NodeHealth;
  private readonly cache: ContainerCache;
  private readonly workers: PodWorkers;
  private watch: EventWatch | undefined;
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private relistTimer: NodeJS.Timeout | undefined;
  /** The cache was read in full since the engine last came back: passes may trust it. */
  private fresh = false;
  private storeReady = false;
  private lastFullMs = 0;
  private stopped = false;

  constructor(private readonly opts: NodeAgentOptions) {
    this.name = opts.node.name;
    this.settings = resolveSettings(opts.settings);
    if (this.settings.serializeSandboxNetworking) this.networkGate = new SandboxNetworkGate();
    this.clock = opts.clock ?? systemClock;
    this.log = opts.log ?? SILENT_LOG;
    this.healthState = initialHealth(this.clock.now());
    this.cache = new ContainerCache(
      () => this.client,
      this.name,
      (uids) => this.workers.containersChanged(uids),
      (err) =>
        this.log.debug(
          { node: this.name, err: errorMessage(err) },
          "inspecting after an engine event failed",
        ),
      (uid) => this.workers.deleting(uid),
    );
    this.workers = new PodWorkers({
      nodeName: this.name,
      address: opts.node.address,
      policy: opts.policy,
      store: opts.store,
      cache: this.cache,
      images: new ImagePresence(this.clock),
      limiter: new Limiter(this.settings.maxParallelPods),
      networkGate: this.networkGate ?? UNORDERED,
      clock: this.clock,
      settings: this.settings,
      hooks: opts.hooks ?? {},
      events: new PodEventSink(
        opts.onEvent,
        { component: "kubelet", host: this.name },
        this.clock,
        this.settings.eventRepeatMs,
      ),
      log: this.log,
      docker: () => this.client,
      capacity: () => this.capacity(),
      canAct: () => this.healthState.ready && this.fresh,
      orphansAllowed: () => this.storeReady && this.fresh,
    });
  }

  get health(): NodeHealth {
    return this.healthState;
  }

  /** How sandbox network operations are ordered on this engine; other berth components that join
   * or leave its networks (the service proxies) go through the same gate. */
  get sandboxGate(): SandboxGate {
    return this.networkGate ?? UNORDERED;
  }

  /** The engine client, once connected. */
  get docker(): Docker | undefined {
    return this.client;
  }

  get config(): NodeConfig {
    return this.opts.node;
  }

  /** Pod uids with a worker (bound pods and containers being cleaned up). */
  podUids(): string[] {
    return this.workers.uids();
  }

  private orderNetworkingFor(serverVersion: string): void {
    const mode = gateModeFor(serverVersion);
    if (!this.networkGate || this.networkGate.currentMode === mode) return;
    this.networkGate.setMode(mode);
    this.log.info(
      { node: this.name, engineVersion: serverVersion, sandboxNetworkOrdering: mode },
      "sandbox network ordering set from the engine version",
    );
  }

  capacity(): NodeCapacity {
    const c = capacityOf(this.opts.node, this.info);
    return { cpuMilli: c.cpuMillis, memoryBytes: c.memoryBytes };
  }

  nodeStatus(): NodeStatus {
    return nodeStatusOf(this.opts.node, this.healthState, this.info);
  }

  nodeState(): NodeState {
    return nodeStateOf(this.opts.node, this.healthState, this.info, this.clock.now());
  }

  /** Starts following the store, then tries the engine once; resolves without waiting for it. */
  async start(): Promise<void> {
    this.workers.start();
    void this.opts.ready?.then(() => {
      this.storeReady = true;
      this.allowOrphans();
    });
    if (!this.opts.ready) this.storeReady = true;
    await this.heartbeat();
    this.scheduleHeartbeat();
    this.scheduleRelist();
  }

  /** Stops everything berth does on this node; containers keep running. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.heartbeatTimer);
    clearTimeout(this.relistTimer);
    this.watch?.close();
    this.watch = undefined;
    this.cache.stop();
    await this.workers.stop();
  }

  /** Lists the engine's containers now (tests and the benchmark use it to skip waiting). */
  async relistNow(full = false): Promise<void> {
    await this.cache.relist(full);
    if (full) this.lastFullMs = this.clock.now();
  }

  private scheduleHeartbeat(): void {
    if (this.stopped) return;
    this.heartbeatTimer = setTimeout(() => {
      void this.heartbeat().finally(() => this.scheduleHeartbeat());
    }, this.settings.heartbeatIntervalMs);
  }

  private scheduleRelist(): void {
    if (this.stopped) return;
    this.relistTimer = setTimeout(() => {
      void this.relist().finally(() => this.scheduleRelist());
    }, this.settings.relistIntervalMs);
  }

  private async relist(): Promise<void> {
    if (!this.healthState.ready || !this.fresh) return;
    const full = this.clock.now() - this.lastFullMs >= this.settings.fullResyncMs;
    try {
      await this.relistNow(full);
    } catch (e) {
      this.log.debug({ node: this.name, err: errorMessage(e) }, "relist failed");
    }
  }

  private async heartbeat(): Promise<void> {
    const timeoutMs = this.settings.heartbeatTimeoutMs;
    const before = this.healthState;
    const allocatable = JSON.stringify(this.nodeStatus().allocatable);
    try {
      if (!this.client) {
        this.client = (await connect(endpointOf(this.opts.node), { timeoutMs, node: this.name })).docker;
        void ensureInfraImage(this.client).catch((e: unknown) =>
          this.log.warn({ node: this.name, err: errorMessage(e) }, "cannot prepare the pod sandbox image"),
        );
      }
      this.info = await dockerInfo(this.client, { timeoutMs });
      this.orderNetworkingFor(this.info.serverVersion);
      this.healthState = heartbeatSucceeded(this.healthState, this.clock.now());
      if (!before.ready) this.becameReady();
      if (!this.fresh) await this.refresh();
    } catch (e) {
      const now = this.clock.now();
      this.healthState = heartbeatFailed(
        this.healthState,
        errorMessage(e),
        now,
        this.settings.heartbeatFailureThreshold,
      );
      if (before.ready && !this.healthState.ready) this.becameNotReady();
      else if (!this.healthState.everReached && before.consecutiveFailures === 0) {
        this.log.warn({ node: this.name, err: errorMessage(e) }, "the node's Docker engine does not answer");
      }
    }
    if (
      before.ready !== this.healthState.ready ||
      allocatable !== JSON.stringify(this.nodeStatus().allocatable)
    ) {
      this.opts.onNodeChange?.(this);
    }
  }

  private becameReady(): void {
    if (this.stopped) return;
    this.log.info({ node: this.name, event: "NodeReady" }, "node is Ready");
    this.watch?.close();
    const docker = this.client;
    if (!docker || !this.settings.watchEngineEvents) return;
    this.watch = watchEvents(docker, {
      node: this.name,
      onEvent: (e) => this.cache.handleEvent(e),
      onReconnect: () => void this.relistNow(true).catch(() => undefined),
      onError: (err) => this.log.debug({ node: this.name, err: err.message }, "engine event stream broke"),
    });
  }

  /** Reads every container again before passes may trust the cache (at start, after an outage). */
  private async refresh(): Promise<void> {
    if (this.stopped) return;
    try {
      await this.relistNow(true);
    } catch (e) {
      this.log.warn({ node: this.name, err: errorMessage(e) }, "cannot list the node's containers");
      return;
    }
    this.fresh = true;
    this.workers.kickAll();
    this.allowOrphans();
  }

  private becameNotReady(): void {
    this.fresh = false;
    this.watch?.close();
    this.watch = undefined;
    this.log.warn(
      { node: this.name, event: "NodeNotReady", err: this.healthState.lastError },
      "node is NotReady: its Docker engine stopped answering",
    );
  }

  /** Containers of uids the store does not bind here get workers, which remove them. */
  private allowOrphans(): void {
    if (!this.storeReady || !this.fresh) return;
    this.workers.adoptAll(this.cache.podUids());
    this.workers.kickAll();
  }
}
