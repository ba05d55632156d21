import { describe, expect, it } from "vitest";
import {
  heartbeatFailed,
  heartbeatSucceeded,
  initialHealth,
  notReadyForMs,
  readyCondition,
} from "../../../../src/runtime/agent/health.js";

const T0 = Date.parse("2026-01-01T00:00:00Z");
const EP = "unix:///var/run/docker.sock";

describe("node health", () => {
  it("starts not Ready, never reached", () => {
    const h = initialHealth(T0);
    expect(h).toMatchObject({ ready: false, everReached: false, transitionMs: T0 });
    expect(readyCondition(h, EP, T0)).toMatchObject({ status: "Unknown", reason: "NodeStatusNeverUpdated" });
  });

  it("is Ready at the first answer", () => {
    const h = heartbeatSucceeded(initialHealth(T0), T0 + 500);
    expect(h).toMatchObject({
      ready: true,
      everReached: true,
      transitionMs: T0 + 500,
      lastHeartbeatMs: T0 + 500,
    });
    expect(readyCondition(h, EP, T0 + 500)).toEqual({
      type: "Ready",
      status: "True",
      reason: "KubeletReady",
      message: `berth is reaching the Docker engine at ${EP}`,
      lastHeartbeatTime: "2026-01-01T00:00:00Z",
      lastTransitionTime: "2026-01-01T00:00:00Z",
    });
  });

  it("stays Ready until failureThreshold pings in a row failed", () => {
    let h = heartbeatSucceeded(initialHealth(T0), T0);
    h = heartbeatFailed(h, "connect ECONNREFUSED", T0 + 5_000, 3);
    h = heartbeatFailed(h, "connect ECONNREFUSED", T0 + 10_000, 3);
    expect(h.ready).toBe(true);
    expect(h.consecutiveFailures).toBe(2);
    h = heartbeatFailed(h, "connect ECONNREFUSED", T0 + 15_000, 3);
    expect(h).toMatchObject({ ready: false, transitionMs: T0 + 15_000, lastHeartbeatMs: T0 });
    expect(notReadyForMs(h, T0 + 20_000)).toBe(5_000);
    expect(readyCondition(h, EP, T0 + 20_000)).toEqual({
      type: "Ready",
      status: "Unknown",
      reason: "NodeStatusUnknown",
      message: `the Docker engine at ${EP} stopped answering: connect ECONNREFUSED`,
      lastHeartbeatTime: "2026-01-01T00:00:00Z",
      lastTransitionTime: "2026-01-01T00:00:15Z",
    });
  });

  it("a success in between resets the count", () => {
    let h = heartbeatSucceeded(initialHealth(T0), T0);
    h = heartbeatFailed(h, "x", T0 + 1, 2);
    h = heartbeatSucceeded(h, T0 + 2);
    h = heartbeatFailed(h, "x", T0 + 3, 2);
    expect(h.ready).toBe(true);
  });

  it("is Ready again when the engine answers, with a new transition time", () => {
    let h = heartbeatSucceeded(initialHealth(T0), T0);
    h = heartbeatFailed(h, "x", T0 + 1_000, 1);
    expect(h.ready).toBe(false);
    h = heartbeatSucceeded(h, T0 + 9_000);
    expect(h).toMatchObject({ ready: true, transitionMs: T0 + 9_000, consecutiveFailures: 0 });
    expect(notReadyForMs(h, T0 + 10_000)).toBe(0);
  });

  it("a node never reached counts as not Ready since the agent started", () => {
    const h = heartbeatFailed(initialHealth(T0), "no such file", T0 + 1_000, 3);
    expect(h).toMatchObject({ ready: false, transitionMs: T0 });
    expect(readyCondition(h, EP, T0 + 1_000).message).toBe(
      `the Docker engine at ${EP} has not answered yet: no such file`,
    );
  });
});
