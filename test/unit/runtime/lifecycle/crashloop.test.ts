import { describe, expect, it } from "vitest";
import { podDisplayStatus, podRestartsColumn } from "../../../../src/runtime/lifecycle/display.js";
import { container, FakeNode, makePod } from "./harness.js";

/** Crash the container and return how long it stayed down before the next start. */
function crashAndMeasure(node: FakeNode, stepMs = 1000, limitMs = 3_600_000): number {
  const before = node.starts("web").length;
  node.exit("web", 1);
  let waited = 0;
  node.sync();
  while (node.starts("web").length === before) {
    if (waited > limitMs) throw new Error("never restarted");
    const requeue = node.last?.requeueAfterMs;
    const step = requeue !== undefined && requeue > 0 ? Math.min(requeue, stepMs * 1000) : stepMs;
    node.advance(step);
    waited += step;
    node.sync();
  }
  return waited;
}

describe("CrashLoopBackOff", () => {
  it("restarts at once after the first crash, then waits 10, 20, 40 … 300 s", () => {
    const node = new FakeNode(makePod({ containers: [container("web")] }));
    node.settle();
    expect(node.running("web")?.attempt).toBe(0);

    const waits: number[] = [];
    for (let i = 0; i < 8; i++) waits.push(crashAndMeasure(node));
    expect(waits).toEqual([0, 10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000]);
    expect(node.running("web")?.attempt).toBe(8);
  });

  it("shows CrashLoopBackOff with the kubelet's message while it waits", () => {
    const node = new FakeNode(makePod({ containers: [container("web")] }));
    node.settle();
    node.exit("web", 1);
    node.sync(); // immediate restart
    node.advance(5000);
    node.exit("web", 2);
    const result = node.sync();
    expect(result.actions.filter((a) => a.type === "startContainer")).toEqual([]);
    const status = node.status("web");
    expect(status.state.waiting).toEqual({
      reason: "CrashLoopBackOff",
      message: "back-off 10s restarting failed container=web pod=web-abc_default(uid-1)",
    });
    expect(status.lastState.terminated).toMatchObject({ exitCode: 2, reason: "Error" });
    expect(status.restartCount).toBe(1);
    expect(result.requeueAfterMs).toBe(10_000);
    expect(result.events).toContainEqual({
      type: "Warning",
      reason: "BackOff",
      message: "Back-off restarting failed container web in pod web-abc_default(uid-1)",
      container: "web",
    });
    expect(podDisplayStatus(node.pod)).toBe("CrashLoopBackOff");
    expect(podRestartsColumn(node.pod, node.now)).toBe("1 (0s ago)");
    expect(node.pod.status?.phase).toBe("Running");
  });

  it("formats longer delays as Go durations", () => {
    const node = new FakeNode(makePod({ containers: [container("web")] }));
    node.settle();
    for (let i = 0; i < 4; i++) crashAndMeasure(node); // the next delay is 80 s
    node.exit("web", 1);
    node.sync();
    expect(node.status("web").state.waiting?.message).toBe(
      "back-off 1m20s restarting failed container=web pod=web-abc_default(uid-1)",
    );
  });

  it("starts again from 10 s after the container ran 10 minutes", () => {
    const node = new FakeNode(makePod({ containers: [container("web")] }));
    node.settle();
    for (let i = 0; i < 4; i++) crashAndMeasure(node); // backoff grew to 40 s
    node.advance(600_001);
    expect(crashAndMeasure(node)).toBe(0);
    expect(crashAndMeasure(node)).toBe(10_000);
  });

  it("keeps the backoff when the container ran less than 10 minutes", () => {
    const node = new FakeNode(makePod({ containers: [container("web")] }));
    node.settle();
    for (let i = 0; i < 4; i++) crashAndMeasure(node); // 0, 10, 20, 40: next is 80
    node.advance(599_000);
    expect(crashAndMeasure(node)).toBe(80_000);
  });

  it("honours configured delays", () => {
    const node = new FakeNode(makePod({ containers: [container("web")] }), {
      crashLoopInitialMs: 100,
      crashLoopMaxMs: 400,
      crashLoopResetMs: 1000,
    });
    node.settle();
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) waits.push(crashAndMeasure(node, 10));
    expect(waits).toEqual([0, 100, 200, 400, 400, 400]);
  });

  it("restarts a container that was removed by hand, counting the restart", () => {
    const node = new FakeNode(makePod({ containers: [container("web")] }));
    node.settle();
    node.containers = [];
    node.sync();
    expect(node.running("web")?.attempt).toBe(1);
    node.sync();
    expect(node.status("web").restartCount).toBe(1);
  });
});
