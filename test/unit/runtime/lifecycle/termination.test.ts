import { describe, expect, it } from "vitest";
import { podDisplayStatus } from "../../../../src/runtime/lifecycle/display.js";
import { computePodActions } from "../../../../src/runtime/lifecycle/compute.js";
import { container, FakeNode, makePod, specHashOf } from "./harness.js";

function deleteAt(node: FakeNode): void {
  node.pod = {
    ...node.pod,
    metadata: { ...node.pod.metadata, deletionTimestamp: new Date(node.now).toISOString() },
  };
}

describe("graceful termination", () => {
  it("a deleted pod is stopped with its grace period, then removed", () => {
    const node = new FakeNode(makePod({ terminationGracePeriodSeconds: 20, containers: [container("web")] }));
    node.settle();
    deleteAt(node);
    // Compute without carrying the kill out, as when the agent runs it in the background.
    const first = computePodActions(node.pod, node.observed(), node.state, {
      now: node.now,
      specHashOf,
      sandboxSpecHash: "sandbox:1",
      imagePresent: () => true,
    });
    expect(first.actions).toEqual([
      { type: "killPod", gracePeriodSeconds: 20, reason: "Deleted", message: "The pod was deleted" },
    ]);
    expect(first.events).toContainEqual({
      type: "Normal",
      reason: "Killing",
      message: "Stopping container web",
      container: "web",
    });
    expect(first.requeueAfterMs).toBe(25_000);
    expect(podDisplayStatus({ ...node.pod, status: first.status })).toBe("Terminating");

    // Still running 10 s later: the kill is under way, nothing is issued again.
    const again = computePodActions(node.pod, node.observed(), first.state, {
      now: node.now + 10_000,
      specHashOf,
      sandboxSpecHash: "sandbox:1",
      imagePresent: () => true,
    });
    expect(again.actions).toEqual([]);
    expect(again.requeueAfterMs).toBe(15_000);

    // Past the deadline and the retry margin: issued again, without grace.
    const late = computePodActions(node.pod, node.observed(), again.state, {
      now: node.now + 25_000,
      specHashOf,
      sandboxSpecHash: "sandbox:1",
      imagePresent: () => true,
    });
    expect(late.actions).toEqual([
      { type: "killPod", gracePeriodSeconds: 0, reason: "Deleted", message: "The pod was deleted" },
    ]);
  });

  it("a deletion with its own grace period (kubectl delete --grace-period) uses that one", () => {
    const node = new FakeNode(makePod({ terminationGracePeriodSeconds: 20, containers: [container("web")] }));
    node.settle();
    node.pod = {
      ...node.pod,
      metadata: {
        ...node.pod.metadata,
        deletionTimestamp: new Date(node.now + 5000).toISOString(),
        deletionGracePeriodSeconds: 5,
      },
    };
    const r = computePodActions(node.pod, node.observed(), node.state, {
      now: node.now,
      specHashOf,
      sandboxSpecHash: "sandbox:1",
      imagePresent: () => true,
    });
    expect(r.actions).toEqual([
      { type: "killPod", gracePeriodSeconds: 5, reason: "Deleted", message: "The pod was deleted" },
    ]);
  });

  it("once everything stopped the pod gets a terminal phase and removePod", () => {
    const node = new FakeNode(makePod({ containers: [container("web")] }));
    node.settle();
    deleteAt(node);
    node.sync(); // killPod: the fake node stops containers with 137
    const result = node.sync();
    expect(result.actions).toEqual([{ type: "removePod", reason: "Deleted" }]);
    expect(node.pod.status?.phase).toBe("Failed");
    expect(node.status("web").state.terminated).toMatchObject({ exitCode: 137, reason: "Error" });
    expect(podDisplayStatus(node.pod)).toBe("Error");
  });

  it("a deleted pod whose containers exited 0 on SIGTERM ends Succeeded", () => {
    const node = new FakeNode(makePod({ containers: [container("web")] }));
    node.settle();
    deleteAt(node);
    node.exit("web", 0);
    node.sync();
    // The sandbox still runs: the pod is not terminated yet.
    expect(node.pod.status?.phase).toBe("Running");
    node.sync();
    expect(node.pod.status?.phase).toBe("Succeeded");
    expect(podDisplayStatus(node.pod)).toBe("Completed");
  });

  it("never restarts a container of a pod being deleted", () => {
    const node = new FakeNode(makePod({ containers: [container("web"), container("side")] }));
    node.settle();
    node.exit("web", 1);
    deleteAt(node);
    const result = node.sync();
    expect(result.actions.map((a) => a.type)).toEqual(["killPod"]);
    expect(node.starts("web")).toHaveLength(1);
  });

  it("a pod deleted before it had containers is removed at once", () => {
    const node = new FakeNode(makePod({ containers: [container("web")] }));
    deleteAt(node);
    expect(node.sync().actions).toEqual([{ type: "removePod", reason: "Deleted" }]);
  });

  it("the kubelet's minimum grace period of 2 s applies", () => {
    const node = new FakeNode(makePod({ terminationGracePeriodSeconds: 0, containers: [container("web")] }));
    node.settle();
    deleteAt(node);
    expect(node.sync().actions[0]).toMatchObject({ type: "killPod", gracePeriodSeconds: 2 });
  });
});

describe("activeDeadlineSeconds", () => {
  it("fails the pod with DeadlineExceeded and stops it", () => {
    const node = new FakeNode(makePod({ activeDeadlineSeconds: 60, containers: [container("web")] }));
    const first = node.settle();
    expect(first.requeueAfterMs).toBe(60_000);
    node.advance(59_000);
    expect(node.sync().actions).toEqual([]);
    node.advance(1000);
    const result = node.sync();
    expect(result.actions).toEqual([
      {
        type: "killPod",
        gracePeriodSeconds: 30,
        reason: "DeadlineExceeded",
        message: "Pod was active on the node longer than the specified deadline",
      },
    ]);
    expect(node.pod.status).toMatchObject({
      phase: "Failed",
      reason: "DeadlineExceeded",
      message: "Pod was active on the node longer than the specified deadline",
    });
    expect(podDisplayStatus(node.pod)).toBe("DeadlineExceeded");
    node.settle();
    node.advance(3_600_000);
    node.settle();
    expect(node.starts("web")).toHaveLength(1);
    expect(node.pod.status?.phase).toBe("Failed");
    expect(node.pod.status?.reason).toBe("DeadlineExceeded");
  });

  it("counts from status.startTime", () => {
    const node = new FakeNode(makePod({ activeDeadlineSeconds: 30, containers: [container("web")] }));
    node.settle();
    expect(node.pod.status?.startTime).toBe("2026-01-01T00:00:00Z");
    node.advance(10_000);
    node.sync();
    expect(node.pod.status?.startTime).toBe("2026-01-01T00:00:00Z");
    expect(node.last?.requeueAfterMs).toBe(20_000);
  });
});
