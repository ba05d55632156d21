import { describe, expect, it } from "vitest";
import { podDisplayStatus } from "../../../../src/runtime/lifecycle/display.js";
import { container, FakeNode, makePod } from "./harness.js";

function twoInits(policy: "Always" | "OnFailure" | "Never" = "Always"): FakeNode {
  return new FakeNode(
    makePod({
      restartPolicy: policy,
      initContainers: [container("migrate"), container("seed")],
      containers: [container("web")],
    }),
  );
}

/** Runs both init containers to success and lets the app start. */
function initialize(node: FakeNode): void {
  node.sync();
  node.exit("migrate", 0);
  node.sync();
  node.exit("seed", 0);
  node.settle();
}

function condition(node: FakeNode, type: string) {
  return node.pod.status?.conditions?.find((c) => c.type === type);
}

describe("init containers", () => {
  it("run one at a time, in order, each to success, before the app containers", () => {
    const node = twoInits();
    const first = node.sync();
    expect(first.actions.map((a) => a.type)).toEqual(["ensureSandbox", "startInit"]);
    expect(first.actions[1]).toMatchObject({ name: "migrate", attempt: 0 });
    node.sync();
    expect(node.starts("seed")).toHaveLength(0);
    expect(node.pod.status?.phase).toBe("Pending");
    expect(podDisplayStatus(node.pod)).toBe("Init:0/2");
    expect(node.status("web").state.waiting?.reason).toBe("PodInitializing");
    expect(condition(node, "Initialized")).toMatchObject({
      status: "False",
      reason: "ContainersNotInitialized",
      message: "containers with incomplete status: [migrate seed]",
    });

    node.exit("migrate", 0);
    node.sync();
    expect(node.starts("seed")).toHaveLength(1);
    expect(node.starts("web")).toHaveLength(0);
    node.sync();
    expect(podDisplayStatus(node.pod)).toBe("Init:1/2");
    expect(node.status("migrate")).toMatchObject({
      ready: true,
      state: { terminated: { reason: "Completed" } },
    });

    node.exit("seed", 0);
    node.sync();
    expect(node.starts("web")).toHaveLength(1);
    node.sync();
    expect(node.pod.status?.phase).toBe("Running");
    expect(podDisplayStatus(node.pod)).toBe("Running");
    expect(condition(node, "Initialized")).toMatchObject({ status: "True" });
    expect(condition(node, "Initialized")?.reason).toBeUndefined();
  });

  it("shows PodInitializing while the app containers are created after initialization", () => {
    const node = twoInits();
    node.images.delete("berth.local/web:2");
    node.pod = {
      ...node.pod,
      spec: { ...node.pod.spec, containers: [container("web", { image: "berth.local/web:2" })] },
    };
    node.pullErrors.set("berth.local/web:2", "slow registry");
    node.sync();
    node.exit("migrate", 0);
    node.sync();
    node.exit("seed", 0);
    node.sync(); // web needs a pull, which fails
    expect(node.pod.status?.phase).toBe("Pending");
    expect(podDisplayStatus(node.pod)).toBe("PodInitializing");
  });

  it("a failed init container is restarted with backoff and shows Init:CrashLoopBackOff", () => {
    const node = twoInits();
    node.sync();
    node.exit("migrate", 1);
    node.sync();
    expect(node.starts("migrate")).toHaveLength(2); // first restart at once
    node.sync();
    expect(podDisplayStatus(node.pod)).toBe("Init:0/2");
    node.exit("migrate", 1);
    const result = node.sync();
    expect(node.starts("migrate")).toHaveLength(2);
    expect(result.requeueAfterMs).toBe(10_000);
    expect(podDisplayStatus(node.pod)).toBe("Init:CrashLoopBackOff");
    expect(node.pod.status?.phase).toBe("Pending");
    expect(node.status("migrate").restartCount).toBe(1);
    node.advance(10_000);
    node.sync();
    expect(node.starts("migrate")).toHaveLength(3);
    expect(node.starts("seed")).toHaveLength(0);
  });

  it("shows Init:Error between a failure and the restart", () => {
    const node = twoInits("OnFailure");
    node.sync();
    node.exit("migrate", 2);
    // The status written in the pass that decides the restart still shows the failure.
    node.sync();
    expect(podDisplayStatus(node.pod)).toBe("Init:Error");
  });

  it("with restartPolicy Never a failed init container fails the pod", () => {
    const node = twoInits("Never");
    node.sync();
    node.exit("migrate", 1);
    const result = node.sync();
    expect(result.actions.map((a) => a.type)).toEqual(["killPod"]);
    expect(result.actions[0]).toMatchObject({ reason: "InitFailed" });
    node.settle();
    expect(node.pod.status?.phase).toBe("Failed");
    expect(podDisplayStatus(node.pod)).toBe("Init:Error");
    expect(node.starts("seed")).toHaveLength(0);
    expect(node.starts("web")).toHaveLength(0);
  });

  it("an OOM-killed init container fails the pod under restartPolicy Never", () => {
    const node = twoInits("Never");
    node.sync();
    node.exit("migrate", 137, { oomKilled: true });
    node.settle();
    expect(node.pod.status?.phase).toBe("Failed");
    expect(podDisplayStatus(node.pod)).toBe("Init:OOMKilled");
  });

  it("an OOM kill counts as an init failure even with exit code 0", () => {
    const node = twoInits("Never");
    node.sync();
    node.exit("migrate", 0, { oomKilled: true });
    node.settle();
    expect(node.pod.status?.phase).toBe("Failed");
    expect(node.starts("seed")).toHaveLength(0);
  });

  it("does not run init containers again when the app container restarts", () => {
    const node = twoInits();
    initialize(node);
    node.exit("web", 1);
    node.settle();
    expect(node.starts("web")).toHaveLength(2);
    expect(node.starts("migrate")).toHaveLength(1);
  });

  it("does not run them again when their containers were removed while the app runs", () => {
    const node = twoInits();
    initialize(node);
    node.containers = node.containers.filter((c) => c.role !== "init");
    node.settle();
    expect(node.starts("migrate")).toHaveLength(1);
    expect(node.pod.status?.phase).toBe("Running");
    expect(node.status("migrate").state.terminated?.reason).toBe("Completed");
  });

  it("runs them again from the first when the sandbox is recreated", () => {
    const node = twoInits();
    initialize(node);
    node.advance(1000);
    if (node.sandbox) node.sandbox.state = "exited";
    const result = node.sync();
    expect(result.actions.map((a) => a.type)).toEqual([
      "killContainer",
      "removeContainer",
      "removeContainer",
      "ensureSandbox",
      "startInit",
    ]);
    expect(result.actions[4]).toMatchObject({ name: "migrate" });
    node.sync();
    expect(node.starts("seed")).toHaveLength(1);
    node.exit("migrate", 0);
    node.sync();
    expect(node.starts("seed")).toHaveLength(2);
  });
});
