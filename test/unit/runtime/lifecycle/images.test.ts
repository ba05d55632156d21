import { describe, expect, it } from "vitest";
import { podDisplayStatus } from "../../../../src/runtime/lifecycle/display.js";
import { pullPolicyOf } from "../../../../src/runtime/lifecycle/images.js";
import { container, FakeNode, makePod } from "./harness.js";

const missing = "registry.example/app:1";

describe("image pulls", () => {
  it("IfNotPresent pulls a missing image, then starts the container", () => {
    const node = new FakeNode(makePod({ containers: [container("web", { image: missing })] }));
    const first = node.sync();
    expect(first.actions).toEqual([
      { type: "ensureSandbox", attempt: 0, reason: "SandboxMissing" },
      { type: "pullImage", image: missing, pullPolicy: "IfNotPresent", containers: ["web"] },
    ]);
    expect(node.status("web").state.waiting?.reason).toBe("ContainerCreating");
    expect(podDisplayStatus(node.pod)).toBe("ContainerCreating");
    expect(node.sync().actions.map((a) => a.type)).toEqual(["startContainer"]);
  });

  it("pulls an image once for two containers", () => {
    const node = new FakeNode(
      makePod({ containers: [container("a", { image: missing }), container("b", { image: missing })] }),
    );
    expect(node.sync().actions[1]).toEqual({
      type: "pullImage",
      image: missing,
      pullPolicy: "IfNotPresent",
      containers: ["a", "b"],
    });
  });

  it("a failed pull shows ErrImagePull, then ImagePullBackOff, retrying at 10, 20, 40 s", () => {
    const node = new FakeNode(makePod({ containers: [container("web", { image: missing })] }));
    node.pullErrors.set(missing, "pull access denied for registry.example/app, repository does not exist");
    node.sync(); // pull fails
    const after = node.sync();
    expect(after.actions).toEqual([]);
    expect(node.status("web").state.waiting).toEqual({
      reason: "ErrImagePull",
      message: "pull access denied for registry.example/app, repository does not exist",
    });
    expect(podDisplayStatus(node.pod)).toBe("ErrImagePull");
    expect(node.pod.status?.phase).toBe("Pending");
    expect(after.requeueAfterMs).toBe(10_000);

    const pulls = (): number => node.log.filter((a) => a.type === "pullImage").length;
    const retryTimes: number[] = [];
    let seenBackOff = false;
    const start = node.now;
    for (let t = 0; t <= 80; t++) {
      const before = pulls();
      node.sync();
      if (pulls() > before) retryTimes.push((node.now - start) / 1000);
      if (podDisplayStatus(node.pod) === "ImagePullBackOff") {
        seenBackOff = true;
        expect(node.status("web").state.waiting?.message).toBe(`Back-off pulling image "${missing}"`);
      }
      node.advance(1000);
    }
    expect(retryTimes).toEqual([10, 30, 70]);
    expect(seenBackOff).toBe(true);

    node.pullErrors.delete(missing);
    node.advance(80_000);
    node.settle();
    expect(node.running("web")).toBeDefined();
    expect(podDisplayStatus(node.pod)).toBe("Running");
  });

  it("Never with a missing image shows ErrImageNeverPull and never pulls", () => {
    const node = new FakeNode(
      makePod({ containers: [container("web", { image: missing, imagePullPolicy: "Never" })] }),
    );
    const result = node.sync();
    expect(result.actions.map((a) => a.type)).toEqual(["ensureSandbox"]);
    expect(node.status("web").state.waiting).toEqual({
      reason: "ErrImageNeverPull",
      message: `Container image "${missing}" is not present with pull policy of Never`,
    });
    expect(result.events).toContainEqual({
      type: "Warning",
      reason: "ErrImageNeverPull",
      message: `Container image "${missing}" is not present with pull policy of Never`,
      container: "web",
    });
    expect(podDisplayStatus(node.pod)).toBe("ErrImageNeverPull");
    node.images.add(missing);
    node.advance(10_000);
    node.sync();
    expect(node.running("web")).toBeDefined();
  });

  it("Always pulls before each start, even when the image is present", () => {
    const image = "berth.local/web:1";
    const node = new FakeNode(
      makePod({ containers: [container("web", { image, imagePullPolicy: "Always" })] }),
    );
    expect(node.sync().actions.map((a) => a.type)).toEqual(["ensureSandbox", "pullImage"]);
    expect(node.sync().actions.map((a) => a.type)).toEqual(["startContainer"]);
    node.advance(5000);
    node.exit("web", 1);
    expect(node.sync().actions.map((a) => a.type)).toEqual(["pullImage"]);
    expect(node.sync().actions.map((a) => a.type)).toEqual(["startContainer"]);
  });

  it("Always falls back to the image on the node when the pull fails", () => {
    const image = "berth.local/web:1";
    const node = new FakeNode(
      makePod({ containers: [container("web", { image, imagePullPolicy: "Always" })] }),
    );
    node.pullErrors.set(image, "dial tcp: lookup berth.local: no such host");
    node.sync();
    const result = node.sync();
    expect(result.actions.map((a) => a.type)).toEqual(["startContainer"]);
    expect(result.events).toContainEqual({
      type: "Warning",
      reason: "PullFailedUsingLocal",
      message: `Failed to pull image "${image}": dial tcp: lookup berth.local: no such host; starting from the image already on the node`,
      container: "web",
    });
  });

  it("Always with the image absent and the pull failing waits in backoff", () => {
    const node = new FakeNode(
      makePod({ containers: [container("web", { image: missing, imagePullPolicy: "Always" })] }),
    );
    node.pullErrors.set(missing, "no route");
    node.sync();
    node.sync();
    expect(podDisplayStatus(node.pod)).toBe("ErrImagePull");
  });

  it.each([
    ["nginx", "Always"],
    ["nginx:latest", "Always"],
    ["nginx:1.25", "IfNotPresent"],
    ["localhost:5000/nginx", "Always"],
    ["localhost:5000/nginx:2", "IfNotPresent"],
    ["nginx@sha256:abc", "IfNotPresent"],
  ])("default pull policy of %s is %s", (image, policy) => {
    expect(pullPolicyOf({ name: "c", image })).toBe(policy);
  });
});

describe("start failures", () => {
  it("show their reason and are retried after 10 s", () => {
    const node = new FakeNode(makePod({ containers: [container("web")] }));
    node.startErrors.set("web", {
      reason: "CreateContainerConfigError",
      message: 'configmap "settings" not found',
    });
    node.sync();
    const result = node.sync();
    expect(result.actions).toEqual([]);
    expect(result.requeueAfterMs).toBe(10_000);
    expect(node.status("web").state.waiting).toEqual({
      reason: "CreateContainerConfigError",
      message: 'configmap "settings" not found',
    });
    expect(podDisplayStatus(node.pod)).toBe("CreateContainerConfigError");
    node.startErrors.delete("web");
    node.advance(10_000);
    node.sync();
    expect(node.running("web")?.attempt).toBe(0);
    node.sync();
    expect(podDisplayStatus(node.pod)).toBe("Running");
  });

  it("a container Docker could not start counts as a crash (ContainerCannotRun) and restarts", () => {
    const node = new FakeNode(makePod({ containers: [container("web")] }));
    node.settle();
    const c = node.running("web");
    if (!c) throw new Error("not running");
    Object.assign(c, {
      state: "created",
      exitCode: 127,
      error: 'exec: "nope": executable file not found in $PATH',
      startedAt: undefined,
    });
    node.sync();
    expect(node.status("web").state.terminated).toMatchObject({
      exitCode: 127,
      reason: "ContainerCannotRun",
      message: 'exec: "nope": executable file not found in $PATH',
    });
    expect(podDisplayStatus(node.pod)).toBe("ContainerCannotRun");
    expect(node.running("web")?.attempt).toBe(1);
    node.sync();
    expect(node.status("web").lastState.terminated?.reason).toBe("ContainerCannotRun");
  });

  it("a container created but never started is removed and started again with the same attempt", () => {
    const node = new FakeNode(makePod({ containers: [container("web")] }));
    node.settle();
    const c = node.running("web");
    if (!c) throw new Error("not running");
    Object.assign(c, { state: "created", startedAt: undefined });
    const result = node.sync();
    expect(result.actions).toEqual([
      { type: "removeContainer", id: c.id, name: "web", reason: "NeverStarted" },
      { type: "startContainer", name: "web", attempt: 0, specHash: "hash:berth.local/web:1" },
    ]);
  });
});
