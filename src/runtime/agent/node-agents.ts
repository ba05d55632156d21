// Every configured node's agent, plus the node lifecycle (node loss) over them: what the daemon
// starts as one component. It reports the nodes for the scheduler (NodeStatus) and the state file
// (NodeState), and says when they change.

import type { Readable } from "node:stream";
import type { BerthConfig } from "../../config/types.js";
import type { ClaimLocation, DeleteVolumeAction } from "../../controllers/types.js";
import type { NodeStatus } from "../../scheduler/types.js";
import type { ObjectStore } from "../../state/store.js";
import type { NodeState } from "../../state/types.js";
import { systemClock, type Clock } from "../../util/clock.js";
import { BerthError } from "../../util/errors.js";
import { openContainerLogs, type OpenLogOptions } from "../logs/open.js";
import { resolveLogTarget } from "../logs/target.js";
import type { EventCallback } from "./event-sink.js";
import { ClaimVolumes } from "./claim-volumes.js";
import type { AgentHooks } from "./execute.js";
import { SILENT_LOG, type AgentLog } from "./log.js";
import { NodeAgent } from "./node-agent.js";
import { NodeLifecycle } from "./node-lifecycle.js";
import { policyFromConfig, settingsFromConfig, type AgentSettings } from "./settings.js";
import { UNORDERED, type SandboxGate } from "./network-gate.js";

const CLAIM_LISTING_WAIT_MS = 5_000;

export interface NodeAgentsOptions {
  config: BerthConfig;
  store: ObjectStore;
  /** On top of what berth.yaml sets (tests shrink intervals and backoffs). */
  settings?: Partial<AgentSettings>;
  /** How long pods stay on a NotReady node; berth.yaml's runtime.podEvictionTimeout by default. */
  podEvictionTimeoutMs?: number;
  clock?: Clock;
  onEvent?: EventCallback;
  /** The daemon's: the store is loaded and the first sync of every source finished. */
  ready?: Promise<unknown>;
  hooks?: AgentHooks;
  log?: AgentLog;
  /** A node's readiness or capacity changed (the scheduler retries pending pods). */
  onNodesChanged?: () => void;
}

export class NodeAgents {
  readonly name = "node-agents";
  readonly agents: NodeAgent[];
  private readonly lifecycle: NodeLifecycle;
  private readonly listeners = new Set<() => void>();
  private started = false;
  private readonly store: ObjectStore;
  private readonly claimVolumes: ClaimVolumes;

  constructor(opts: NodeAgentsOptions) {
    this.store = opts.store;
    const clock = opts.clock ?? systemClock;
    const log = opts.log ?? SILENT_LOG;
    const settings = settingsFromConfig(opts.config, opts.settings);
    const policy = policyFromConfig(opts.config.runtime);
    if (opts.onNodesChanged) this.listeners.add(opts.onNodesChanged);
    this.agents = opts.config.nodes.map(
      (node) =>
        new NodeAgent({
          node,
          policy,
          store: opts.store,
          settings,
          clock,
          log,
          ...(opts.onEvent ? { onEvent: opts.onEvent } : {}),
          ...(opts.ready ? { ready: opts.ready } : {}),
          ...(opts.hooks ? { hooks: opts.hooks } : {}),
          onNodeChange: () => this.nodesChanged(),
        }),
    );
    this.lifecycle = new NodeLifecycle({
      store: opts.store,
      nodes: () => this.agents,
      clock,
      evictionTimeoutMs: opts.podEvictionTimeoutMs ?? opts.config.runtime.podEvictionTimeout,
      ...(opts.onEvent ? { onEvent: opts.onEvent } : {}),
      log,
      checkEveryMs: settings.heartbeatIntervalMs,
    });
    this.claimVolumes = new ClaimVolumes({
      store: opts.store,
      nodes: () => this.agents,
      log,
      refreshMs: settings.relistIntervalMs,
    });
  }

  /** Calls `fn` whenever a node's readiness or capacity changes; returns the unsubscribe. */
  onNodesChanged(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** The sandbox network gate of a node's engine (unordered for a node berth does not know). */
  networkGate(node: string): SandboxGate {
    return this.agent(node)?.sandboxGate ?? UNORDERED;
  }

  agent(name: string): NodeAgent | undefined {
    return this.agents.find((a) => a.name === name);
  }

  /** Starts every agent (each tries its engine once), then the node lifecycle. */
  async start(): Promise<void> {
    await Promise.all(this.agents.map((a) => a.start()));
    this.started = true;
    this.lifecycle.start();
    this.lifecycle.check();
    // Before controllers run, so a StatefulSet scaled up right after a restart finds its claims;
    // bounded, so a slow engine cannot hold the daemon's start.
    await this.claimVolumes.start(CLAIM_LISTING_WAIT_MS);
    this.nodesChanged();
  }

  async stop(): Promise<void> {
    this.started = false;
    this.lifecycle.stop();
    this.claimVolumes.stop();
    await Promise.all(this.agents.map((a) => a.stop()));
  }

  /** For the scheduler. */
  nodeStatuses(): NodeStatus[] {
    return this.agents.map((a) => a.nodeStatus());
  }

  /** For the state file and `berth get nodes`. */
  nodes(): NodeState[] {
    return this.agents.map((a) => a.nodeState());
  }

  /** StatefulSet claim volumes and their nodes (the controllers' ctx.claims). */
  claims(): ClaimLocation[] {
    return this.claimVolumes.locations();
  }

  /** A retention policy deleted a claim: its volume goes once no container uses it. */
  deleteClaim(a: DeleteVolumeAction): void {
    this.claimVolumes.delete(a);
  }

  /**
   * A pod container's logs from its node's engine (the daemon API's `PodLogs`). Throws the API's
   * E_NOT_FOUND / E_INVALID_REQUEST for a pod or container that does not exist or has not started,
   * and E_UNAVAILABLE when the pod's node is not one of these or has never been reached.
   */
  async podLogs(
    namespace: string,
    pod: string,
    opts: OpenLogOptions & { container?: string; signal?: AbortSignal },
  ): Promise<Readable> {
    const target = resolveLogTarget(this.store.list("Pod", { namespace }), {
      pod,
      namespace,
      ...(opts.container !== undefined ? { container: opts.container } : {}),
    });
    const docker = this.agent(target.node)?.docker;
    if (!docker) {
      throw new BerthError(
        "E_UNAVAILABLE",
        `node ${target.node} of pod ${pod} is not reachable from this daemon`,
      );
    }
    const stream = await openContainerLogs(docker, target, opts);
    opts.signal?.addEventListener("abort", () => stream.destroy(), { once: true });
    return stream;
  }

  private nodesChanged(): void {
    // Before every agent tried its engine once, an unanswered node is not yet a lost one.
    if (!this.started) return;
    this.lifecycle.check();
    for (const fn of this.listeners) fn();
  }
}
