// The node agent's timings and limits, and how berth.yaml fills them. Everything has a default so
// tests (and the benchmark) can shrink just the intervals they care about.

import type { BerthConfig, NodeConfig, RuntimeConfig } from "../../config/types.js";
import type { LifecycleConfig } from "../lifecycle/types.js";
import type { NodeEndpoint, NodePolicy } from "../node.js";

export interface AgentSettings {
  /** Backoffs and retry delays of the pod lifecycle (crash loop, image pulls). */
  lifecycle: Partial<LifecycleConfig>;
  /** How often the engine is pinged (`docker info`). */
  heartbeatIntervalMs: number;
  /** Failed pings in a row before the node is NotReady. */
  heartbeatFailureThreshold: number;
  /** A ping not answered within this counts as failed. */
  heartbeatTimeoutMs: number;
  /** How often the node's containers are listed (cheap: one list call, inspecting only what changed).
   * Self-healing after a missed engine event happens within this interval. */
  relistIntervalMs: number;
  /** How often every container is inspected again, whether its listing changed or not (a safety
   * net: relists and engine events see every change that matters). */
  fullResyncMs: number;
  /** Pods whose actions (create, start, stop, remove) run at the same time on one engine. */
  maxParallelPods: number;
  /** The same event of the same pod is passed on at most once per this interval (count aggregated by
   * the event recorder); the kubelet's sync period. */
  eventRepeatMs: number;
  /** Image pulls give up after this long. */
  pullTimeoutMs: number;
  /** Follow the engine's event stream (changes seen at once); without it only relists notice them. */
  watchEngineEvents: boolean;
  /** Order sandbox network operations per engine, as its version needs (network-gate.ts): Docker
   * 20.10 deadlocks when a sandbox leaving its network races another endpoint's deletion
   * (moby/moby#46661) or, before 20.10.23, its creation. */
  serializeSandboxNetworking: boolean;
}

export const DEFAULT_AGENT_SETTINGS: Readonly<AgentSettings> = {
  lifecycle: {},
  heartbeatIntervalMs: 5_000,
  heartbeatFailureThreshold: 3,
  heartbeatTimeoutMs: 10_000,
  relistIntervalMs: 5_000,
  fullResyncMs: 5 * 60_000,
  maxParallelPods: 8,
  eventRepeatMs: 10_000,
  pullTimeoutMs: 5 * 60_000,
  watchEngineEvents: true,
  serializeSandboxNetworking: true,
};

export function resolveSettings(overrides: Partial<AgentSettings> = {}): AgentSettings {
  return { ...DEFAULT_AGENT_SETTINGS, ...overrides };
}

/** The lifecycle timings berth.yaml's runtime section sets. */
export function lifecycleFromConfig(runtime: RuntimeConfig): Partial<LifecycleConfig> {
  return {
    crashLoopInitialMs: runtime.crashLoopBackoff.initial,
    crashLoopMaxMs: runtime.crashLoopBackoff.max,
    crashLoopResetMs: runtime.crashLoopBackoff.resetAfter,
    imagePullInitialMs: runtime.imagePullBackoff.initial,
    imagePullMaxMs: runtime.imagePullBackoff.max,
  };
}

/** Agent settings from berth.yaml (runtime section), with `overrides` on top. */
export function settingsFromConfig(
  config: BerthConfig,
  overrides: Partial<AgentSettings> = {},
): AgentSettings {
  const r = config.runtime;
  return resolveSettings({
    lifecycle: lifecycleFromConfig(r),
    heartbeatIntervalMs: r.nodeHeartbeat.interval,
    heartbeatFailureThreshold: r.nodeHeartbeat.failureThreshold,
    heartbeatTimeoutMs: Math.max(r.nodeHeartbeat.interval, DEFAULT_AGENT_SETTINGS.heartbeatTimeoutMs),
    // runtime.resyncInterval bounds the (cheap) relist; full re-inspections are ten times rarer.
    // Self-heal promises to notice drift within each source's selfHeal.interval.
    relistIntervalMs: Math.min(
      DEFAULT_AGENT_SETTINGS.relistIntervalMs,
      r.resyncInterval,
      ...config.sources.map((s) => s.selfHeal.interval),
    ),
    fullResyncMs: 10 * r.resyncInterval,
    ...overrides,
  });
}

export function policyFromConfig(runtime: RuntimeConfig): NodePolicy {
  return {
    allowHostPath: runtime.allowHostPath,
    allowPrivileged: runtime.allowPrivileged,
    allowHostNetwork: runtime.allowHostNetwork,
  };
}

/** The runtime layer's endpoint for a configured node. */
export function endpointOf(node: NodeConfig): NodeEndpoint {
  const ep = node.endpoint;
  if (ep.kind === "tcp" && ep.tls) return { url: ep.url, tls: { ...ep.tls } };
  return { url: ep.url };
}
