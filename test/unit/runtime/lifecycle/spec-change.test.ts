import { describe, expect, it } from "vitest";
import type { RestartPolicy } from "../../../../src/manifest/types.js";
import { container, FakeNode, makePod } from "./harness.js";

describe("a changed container spec (image)", () => {
  it.each<RestartPolicy>(["Always", "OnFailure", "Never"])(
    "kills and recreates the container under restartPolicy %s",
    (restartPolicy) => {
      const node = new FakeNode(
        makePod({ restartPolicy, containers: [container("web"), container("side")] }),
      );
      node.images.add("berth.local/web:2");
      node.settle();
      node.pod = {
        ...node.pod,
        spec: {
          ...node.pod.spec,
          containers: [container("web", { image: "berth.local/web:2" }), container("side")],
        },
      };
      const result = node.sync();
      expect(result.actions).toEqual([
        {
          type: "killContainer",
          id: node.instances("web")[1]?.id,
          name: "web",
          role: "app",
          gracePeriodSeconds: 30,
          reason: "SpecChanged",
          message: "Container web definition changed, will be restarted",
        },
        { type: "startContainer", name: "web", attempt: 1, specHash: "hash:berth.local/web:2" },
      ]);
      node.sync();
      expect(node.status("web")).toMatchObject({ image: "berth.local/web:2", restartCount: 1, ready: true });
      expect(node.starts("side")).toHaveLength(1);
    },
  );

  it("stops the old container, pulls the new image, then starts it", () => {
    const node = new FakeNode(makePod({ containers: [container("web")] }));
    node.settle();
    node.pod = {
      ...node.pod,
      spec: { ...node.pod.spec, containers: [container("web", { image: "berth.local/web:3" })] },
    };
    const first = node.sync();
    expect(first.actions.map((a) => a.type)).toEqual(["killContainer", "pullImage"]);
    const second = node.sync();
    expect(second.actions.map((a) => a.type)).toEqual(["startContainer"]);
  });

  it("leaves an exited container alone under restartPolicy Never", () => {
    const node = new FakeNode(
      makePod({ restartPolicy: "Never", containers: [container("web"), container("b")] }),
    );
    node.images.add("berth.local/web:2");
    node.settle();
    node.exit("web", 0);
    node.sync();
    node.pod = {
      ...node.pod,
      spec: {
        ...node.pod.spec,
        containers: [container("web", { image: "berth.local/web:2" }), container("b")],
      },
    };
    const result = node.sync();
    expect(result.actions).toEqual([]);
  });
});
