import { describe, expect, it } from "vitest";
import { podDisplayStatus, podReadyColumn } from "../../../../src/runtime/lifecycle/display.js";
import { probesDue } from "../../../../src/runtime/lifecycle/probe-schedule.js";
import { markProbeStarted, recordProbeResult } from "../../../../src/runtime/probes/tracker.js";
import type { ProbeKind } from "../../../../src/runtime/probes/types.js";
import type { Probe } from "../../../../src/manifest/types.js";
import { container, FakeNode, makePod } from "./harness.js";

const http: Probe = { httpGet: { path: "/", port: 80 }, periodSeconds: 1, failureThreshold: 2 };

/** Runs the probes that are due with `answer` and records them, as the agent would. */
function probe(node: FakeNode, answer: (kind: ProbeKind) => "success" | "failure"): ProbeKind[] {
  const { due } = probesDue(node.pod, node.observed(), node.state, node.now);
  let probes = node.state.probes;
  for (const d of due) {
    probes = markProbeStarted(probes, d, node.now);
    probes = recordProbeResult(probes, node.pod, {
      containerName: d.containerName,
      containerId: d.containerId,
      kind: d.kind,
      outcome: { result: answer(d.kind), output: "" },
      startedMs: node.now,
    });
  }
  node.state = { ...node.state, probes };
  return due.map((d) => d.kind);
}

function condition(node: FakeNode, type: string) {
  return node.pod.status?.conditions?.find((c) => c.type === type);
}

describe("probes drive the lifecycle", () => {
  it("a failing liveness probe kills the container and starts a new one", () => {
    const node = new FakeNode(
      makePod({
        containers: [container("web", { livenessProbe: { ...http, terminationGracePeriodSeconds: 7 } })],
      }),
    );
    node.settle();
    probe(node, () => "failure");
    node.advance(1000);
    probe(node, () => "failure");
    const result = node.sync();
    expect(result.actions.map((a) => a.type)).toEqual(["killContainer", "startContainer"]);
    expect(result.actions[0]).toMatchObject({
      reason: "LivenessProbeFailed",
      message: "Container web failed liveness probe, will be restarted",
      gracePeriodSeconds: 7,
    });
    expect(result.events).toContainEqual({
      type: "Normal",
      reason: "Killing",
      message: "Container web failed liveness probe, will be restarted",
      container: "web",
    });
    expect(node.running("web")?.attempt).toBe(1);
    node.sync();
    expect(node.status("web").lastState.terminated).toMatchObject({ exitCode: 137, reason: "Error" });
    // The new instance starts with fresh probe results.
    expect(probe(node, () => "success")).toEqual(["liveness"]);
  });

  it("with restartPolicy Never a liveness failure kills without restarting", () => {
    const node = new FakeNode(
      makePod({ restartPolicy: "Never", containers: [container("web", { livenessProbe: http })] }),
    );
    node.settle();
    probe(node, () => "failure");
    node.advance(1000);
    probe(node, () => "failure");
    const result = node.sync();
    // Nothing would run afterwards, so the whole pod is stopped (the kubelet's KillPod).
    expect(result.actions.map((a) => a.type)).toEqual(["killPod"]);
    expect(result.events).toContainEqual({
      type: "Normal",
      reason: "Killing",
      message: "Container web failed liveness probe",
      container: "web",
    });
    node.settle();
    expect(node.pod.status?.phase).toBe("Failed");
  });

  it("a failing startup probe kills the container; liveness waits for it", () => {
    const startupProbe: Probe = { exec: { command: ["true"] }, periodSeconds: 1, failureThreshold: 3 };
    const node = new FakeNode(
      makePod({ containers: [container("web", { startupProbe, livenessProbe: http })] }),
    );
    node.settle();
    for (let i = 0; i < 3; i++) {
      expect(probe(node, () => "failure")).toEqual(["startup"]);
      node.advance(1000);
    }
    expect(node.status("web").started).toBe(false);
    const result = node.sync();
    expect(result.actions[0]).toMatchObject({ type: "killContainer", reason: "StartupProbeFailed" });
  });

  it("readiness drives ready, READY, ContainersReady and Ready, keeping transition times", () => {
    const node = new FakeNode(
      makePod({ containers: [container("web", { readinessProbe: http }), container("side")] }),
    );
    node.settle();
    expect(node.status("web")).toMatchObject({ ready: false, started: true });
    expect(node.status("side").ready).toBe(true);
    expect(podReadyColumn(node.pod)).toBe("1/2");
    expect(condition(node, "ContainersReady")).toMatchObject({
      status: "False",
      reason: "ContainersNotReady",
      message: "containers with unready status: [web]",
    });
    expect(condition(node, "Ready")).toMatchObject({ status: "False", reason: "ContainersNotReady" });
    const notReadySince = condition(node, "Ready")?.lastTransitionTime;

    node.advance(5000);
    probe(node, () => "success");
    node.sync();
    expect(podReadyColumn(node.pod)).toBe("2/2");
    expect(condition(node, "Ready")).toMatchObject({
      status: "True",
      lastTransitionTime: "2026-01-01T00:00:05Z",
    });
    expect(condition(node, "Ready")?.reason).toBeUndefined();
    expect(notReadySince).toBe("2026-01-01T00:00:00Z");

    node.advance(5000);
    node.sync();
    expect(condition(node, "Ready")?.lastTransitionTime).toBe("2026-01-01T00:00:05Z");
    expect(podDisplayStatus(node.pod)).toBe("Running");

    probe(node, () => "failure");
    node.advance(1000);
    probe(node, () => "failure");
    node.sync();
    expect(condition(node, "Ready")).toMatchObject({
      status: "False",
      lastTransitionTime: "2026-01-01T00:00:11Z",
    });
    expect(node.pod.status?.phase).toBe("Running");
    expect(node.starts("web")).toHaveLength(1);
  });

  it("asks to be woken when the next probe falls due", () => {
    const node = new FakeNode(
      makePod({ containers: [container("web", { readinessProbe: { ...http, initialDelaySeconds: 4 } })] }),
    );
    const result = node.settle();
    expect(result.requeueAfterMs).toBe(4000);
  });
});
