import { describe, expect, it } from "vitest";
import type { ContainerState, ContainerStatus, Pod, RestartPolicy } from "../../../../src/manifest/types.js";
import { getPhase } from "../../../../src/runtime/lifecycle/status/phase.js";
import { container, FakeNode, makePod } from "./harness.js";

const running: ContainerState = { running: { startedAt: "2026-01-01T00:00:00Z" } };
const ok: ContainerState = { terminated: { exitCode: 0, reason: "Completed" } };
const failed: ContainerState = { terminated: { exitCode: 1, reason: "Error" } };
const creating: ContainerState = { waiting: { reason: "ContainerCreating" } };
const backoff: ContainerState = { waiting: { reason: "CrashLoopBackOff" } };

function cs(name: string, state: ContainerState, lastState: ContainerState = {}): ContainerStatus {
  return { name, image: "i", imageID: "", ready: false, restartCount: 0, state, lastState };
}

describe("getPhase", () => {
  const rows: [string, RestartPolicy, ContainerStatus[], string][] = [
    ["nothing started yet", "Always", [cs("a", creating), cs("b", creating)], "Pending"],
    ["one waiting, one running", "Always", [cs("a", running), cs("b", creating)], "Pending"],
    ["all running", "Always", [cs("a", running), cs("b", running)], "Running"],
    [
      "crash-looping (waiting after a termination)",
      "Always",
      [cs("a", backoff, failed), cs("b", running)],
      "Running",
    ],
    ["Always, all exited 0", "Always", [cs("a", ok), cs("b", ok)], "Running"],
    ["OnFailure, all exited 0", "OnFailure", [cs("a", ok), cs("b", ok)], "Succeeded"],
    ["OnFailure, one failed", "OnFailure", [cs("a", ok), cs("b", failed)], "Running"],
    ["Never, all exited 0", "Never", [cs("a", ok), cs("b", ok)], "Succeeded"],
    ["Never, one failed", "Never", [cs("a", ok), cs("b", failed)], "Failed"],
    ["Never, one failed, one running", "Never", [cs("a", running), cs("b", failed)], "Running"],
    ["a status missing", "Always", [cs("a", running)], "Pending"],
  ];
  it.each(rows.map(([what, restartPolicy, statuses, phase]) => ({ what, restartPolicy, statuses, phase })))(
    "$what ($restartPolicy) → $phase",
    ({ restartPolicy, statuses, phase }) => {
      const pod = makePod({ restartPolicy, containers: [container("a"), container("b")] });
      expect(getPhase(pod, [], statuses, false)).toBe(phase);
    },
  );

  it("a stopped pod is Succeeded or Failed whatever its restart policy", () => {
    const pod = makePod({ restartPolicy: "Always", containers: [container("a"), container("b")] });
    expect(getPhase(pod, [], [cs("a", ok), cs("b", ok)], true)).toBe("Succeeded");
    expect(getPhase(pod, [], [cs("a", ok), cs("b", failed)], true)).toBe("Failed");
  });

  it("init containers: pending while they run, failed under Never when one failed", () => {
    const pod = (restartPolicy: RestartPolicy): Pod =>
      makePod({
        restartPolicy,
        initContainers: [container("i")],
        containers: [container("a"), container("b")],
      });
    const apps = [
      cs("a", { waiting: { reason: "PodInitializing" } }),
      cs("b", { waiting: { reason: "PodInitializing" } }),
    ];
    expect(getPhase(pod("Always"), [cs("i", running)], apps, false)).toBe("Pending");
    expect(getPhase(pod("Never"), [cs("i", failed)], apps, false)).toBe("Failed");
    expect(getPhase(pod("OnFailure"), [cs("i", backoff, failed)], apps, false)).toBe("Pending");
    expect(getPhase(pod("Always"), [cs("i", ok)], [cs("a", running), cs("b", running)], false)).toBe(
      "Running",
    );
  });
});

describe("pod status", () => {
  it("has the shape Kubernetes gives a running pod", () => {
    const node = new FakeNode(
      makePod({ containers: [container("web", { ports: [{ containerPort: 80 }] })] }),
    );
    node.pod.status = {
      phase: "Pending",
      conditions: [{ type: "PodScheduled", status: "True", lastTransitionTime: "2025-12-31T23:59:59Z" }],
    };
    node.settle();
    node.advance(2000);
    node.sync();
    const c = node.containers[0];
    expect(node.pod.status).toEqual({
      phase: "Running",
      conditions: [
        { type: "PodReadyToStartContainers", status: "True", lastTransitionTime: "2026-01-01T00:00:00Z" },
        { type: "Initialized", status: "True", lastTransitionTime: "2026-01-01T00:00:00Z" },
        { type: "Ready", status: "True", lastTransitionTime: "2026-01-01T00:00:00Z" },
        { type: "ContainersReady", status: "True", lastTransitionTime: "2026-01-01T00:00:00Z" },
        { type: "PodScheduled", status: "True", lastTransitionTime: "2025-12-31T23:59:59Z" },
      ],
      hostIP: "10.0.0.1",
      podIP: node.sandbox?.ip,
      podIPs: [{ ip: node.sandbox?.ip }],
      startTime: "2026-01-01T00:00:00Z",
      containerStatuses: [
        {
          name: "web",
          image: "berth.local/web:1",
          imageID: "docker://sha256:web",
          containerID: `docker://${c?.id}`,
          ready: true,
          started: true,
          restartCount: 0,
          state: { running: { startedAt: "2026-01-01T00:00:00Z" } },
          lastState: {},
        },
      ],
    });
  });

  it("before anything runs: Pending, ContainerCreating, conditions False", () => {
    const node = new FakeNode(makePod({ containers: [container("web", { image: "registry.example/x:1" })] }));
    node.sync();
    expect(node.pod.status?.phase).toBe("Pending");
    expect(node.status("web")).toEqual({
      name: "web",
      image: "registry.example/x:1",
      imageID: "",
      ready: false,
      started: false,
      restartCount: 0,
      state: { waiting: { reason: "ContainerCreating" } },
      lastState: {},
    });
    const types = node.pod.status?.conditions?.map((c) => [c.type, c.status]);
    expect(types).toEqual([
      ["PodReadyToStartContainers", "False"],
      ["Initialized", "True"],
      ["Ready", "False"],
      ["ContainersReady", "False"],
      ["PodScheduled", "True"],
    ]);
  });

  it("a container that vanished while running shows ContainerStatusUnknown in lastState", () => {
    const node = new FakeNode(makePod({ containers: [container("web", { image: "registry.example/x:1" })] }));
    node.images.add("registry.example/x:1");
    node.settle();
    node.images.delete("registry.example/x:1");
    node.containers = [];
    node.sync(); // needs a pull first, so the status shows the gap
    expect(node.status("web")).toMatchObject({
      restartCount: 1,
      state: { waiting: { reason: "ContainerCreating" } },
      lastState: {
        terminated: {
          exitCode: 137,
          reason: "ContainerStatusUnknown",
          message:
            "The container could not be located when the pod was deleted.  The container used to be Running",
        },
      },
    });
    expect(node.pod.status?.phase).toBe("Running");
  });

  it("keeps the pod IP after the sandbox stopped", () => {
    const node = new FakeNode(makePod({ restartPolicy: "Never", containers: [container("web")] }));
    node.settle();
    const ip = node.pod.status?.podIP;
    node.exit("web", 0);
    node.settle();
    expect(node.sandbox?.state).toBe("exited");
    expect(node.pod.status?.podIP).toBe(ip);
    expect(node.pod.status?.phase).toBe("Succeeded");
  });

  it("completed pods: ContainersReady and Ready False with reason PodCompleted", () => {
    const node = new FakeNode(makePod({ restartPolicy: "OnFailure", containers: [container("job")] }));
    node.settle();
    node.exit("job", 0);
    node.settle();
    const conditions = node.pod.status?.conditions ?? [];
    expect(conditions.find((c) => c.type === "Ready")).toMatchObject({
      status: "False",
      reason: "PodCompleted",
    });
    expect(conditions.find((c) => c.type === "ContainersReady")).toMatchObject({ reason: "PodCompleted" });
    expect(conditions.find((c) => c.type === "PodReadyToStartContainers")?.status).toBe("False");
  });

  it("failed pods: reason PodFailed", () => {
    const node = new FakeNode(makePod({ restartPolicy: "Never", containers: [container("job")] }));
    node.settle();
    node.exit("job", 2);
    node.settle();
    const ready = node.pod.status?.conditions?.find((c) => c.type === "Ready");
    expect(ready).toMatchObject({ status: "False", reason: "PodFailed" });
  });

  it("hostNetwork pods take the node's address as their IP", () => {
    const node = new FakeNode(makePod({ hostNetwork: true, containers: [container("web")] }));
    node.settle();
    expect(node.pod.status?.podIP).toBe("10.0.0.1");
  });
});
