// Node health from heartbeats, as pure functions: a node is Ready once its engine answers, and
// NotReady after `failureThreshold` pings in a row went unanswered (Kubernetes' node lifecycle
// controller marks a node whose kubelet stopped posting status the same way). The Ready condition
// uses Kubernetes' reasons: KubeletReady, NodeStatusUnknown, NodeStatusNeverUpdated.

import { isoTime } from "../../util/clock.js";
import type { NodeCondition } from "../../state/types.js";

export interface NodeHealth {
  ready: boolean;
  /** The engine answered at least once since the agent started. */
  everReached: boolean;
  consecutiveFailures: number;
  /** The last answered ping (ms). */
  lastHeartbeatMs?: number;
  /** When `ready` last changed; the agent's start while it never did. */
  transitionMs: number;
  /** Why the last ping failed. */
  lastError?: string;
}

export function initialHealth(nowMs: number): NodeHealth {
  return { ready: false, everReached: false, consecutiveFailures: 0, transitionMs: nowMs };
}

export function heartbeatSucceeded(h: NodeHealth, nowMs: number): NodeHealth {
  return {
    ready: true,
    everReached: true,
    consecutiveFailures: 0,
    lastHeartbeatMs: nowMs,
    transitionMs: h.ready ? h.transitionMs : nowMs,
  };
}

export function heartbeatFailed(h: NodeHealth, error: string, nowMs: number, threshold: number): NodeHealth {
  const failures = h.consecutiveFailures + 1;
  const lost = h.ready && failures >= threshold;
  const next: NodeHealth = {
    ready: h.ready && !lost,
    everReached: h.everReached,
    consecutiveFailures: failures,
    transitionMs: lost ? nowMs : h.transitionMs,
    lastError: error,
  };
  if (h.lastHeartbeatMs !== undefined) next.lastHeartbeatMs = h.lastHeartbeatMs;
  return next;
}

/** How long the node has not been Ready (0 while Ready). */
export function notReadyForMs(h: NodeHealth, nowMs: number): number {
  return h.ready ? 0 : Math.max(0, nowMs - h.transitionMs);
}

/** The node's Ready condition, as `kubectl describe node` shows it. */
export function readyCondition(h: NodeHealth, endpoint: string, nowMs: number): NodeCondition {
  const transition = isoTime(h.transitionMs);
  const heartbeat = isoTime(h.lastHeartbeatMs ?? nowMs);
  if (h.ready) {
    return {
      type: "Ready",
      status: "True",
      reason: "KubeletReady",
      message: `berth is reaching the Docker engine at ${endpoint}`,
      lastHeartbeatTime: heartbeat,
      lastTransitionTime: transition,
    };
  }
  const why = h.lastError !== undefined ? `: ${h.lastError}` : "";
  if (!h.everReached) {
    return {
      type: "Ready",
      status: "Unknown",
      reason: "NodeStatusNeverUpdated",
      message: `the Docker engine at ${endpoint} has not answered yet${why}`,
      lastHeartbeatTime: heartbeat,
      lastTransitionTime: transition,
    };
  }
  return {
    type: "Ready",
    status: "Unknown",
    reason: "NodeStatusUnknown",
    message: `the Docker engine at ${endpoint} stopped answering${why}`,
    lastHeartbeatTime: heartbeat,
    lastTransitionTime: transition,
  };
}
