import { describe, expect, it } from "vitest";
import { emptyPodRuntimeState } from "../../../../src/runtime/lifecycle/types.js";
import { container, FakeNode, makePod } from "./harness.js";

describe("after berth restarts (state lost, containers found by their labels)", () => {
  it("adopts what runs: no action, same status", () => {
    const node = new FakeNode(
      makePod({ initContainers: [container("init")], containers: [container("web")] }),
    );
    node.sync();
    node.exit("init", 0);
    node.settle();
    node.exit("web", 1);
    node.settle();
    const before = node.pod.status;
    node.state = emptyPodRuntimeState();
    const result = node.sync();
    expect(result.actions).toEqual([]);
    expect(node.pod.status).toEqual(before);
  });

  it("restarts a container that died while berth was away", () => {
    const node = new FakeNode(makePod({ containers: [container("web")] }));
    node.settle();
    node.state = emptyPodRuntimeState();
    node.advance(60_000);
    node.exit("web", 1);
    expect(node.sync().actions.map((a) => a.type)).toEqual(["startContainer"]);
    expect(node.running("web")?.attempt).toBe(1);
  });

  it("keeps a finished pod finished", () => {
    const node = new FakeNode(makePod({ restartPolicy: "OnFailure", containers: [container("job")] }));
    node.settle();
    node.exit("job", 0);
    node.settle();
    node.state = emptyPodRuntimeState();
    node.containers = [];
    node.sandbox = undefined;
    const result = node.settle();
    expect(result.actions).toEqual([]);
    expect(node.pod.status?.phase).toBe("Succeeded");
    expect(node.status("job").state.terminated?.reason).toBe("Completed");
  });
});
