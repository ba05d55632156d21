import { describe, expect, it } from "vitest";
import type { Pod } from "../../../../src/manifest/types.js";
import { podName, resolveLogTarget, waitingMessage } from "../../../../src/runtime/logs/target.js";

function pod(
  name: string,
  containers: string[],
  extra: Partial<Pod["spec"]> = {},
  annotations: Record<string, string> = {},
): Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: "default", uid: `uid-${name}`, annotations },
    spec: { nodeName: "n1", containers: containers.map((c) => ({ name: c, image: "x" })), ...extra },
  };
}

const objects = [
  pod("one", ["web"]),
  pod("two", ["a", "b"]),
  pod("init", ["app"], { initContainers: [{ name: "setup", image: "x" }] }),
  pod("both", ["a", "b"], { initContainers: [{ name: "i", image: "x" }] }),
  pod("annotated", ["a", "b"], {}, { "kubectl.kubernetes.io/default-container": "b" }),
  { ...pod("pending", ["web"]), spec: { containers: [{ name: "web", image: "x" }] } },
  { ...pod("other-ns", ["web"]), metadata: { name: "one", namespace: "prod", uid: "uid-prod" } },
];

describe("berth logs: which container", () => {
  it("takes the only container, or the one named", () => {
    expect(resolveLogTarget(objects, { pod: "one", namespace: "default" })).toMatchObject({
      node: "n1",
      container: "web",
      role: "app",
    });
    expect(resolveLogTarget(objects, { pod: "two", container: "b", namespace: "default" }).container).toBe(
      "b",
    );
    expect(resolveLogTarget(objects, { pod: "init", container: "setup", namespace: "default" }).role).toBe(
      "init",
    );
    expect(resolveLogTarget(objects, { pod: "pod/one", namespace: "prod" }).pod.metadata.uid).toBe(
      "uid-prod",
    );
  });

  it("uses kubectl's default-container annotation", () => {
    expect(resolveLogTarget(objects, { pod: "annotated", namespace: "default" }).container).toBe("b");
  });

  it("says what kubectl says when it cannot choose", () => {
    expect(() => resolveLogTarget(objects, { pod: "two", namespace: "default" })).toThrow(
      "a container name must be specified for pod two, choose one of: [a b]",
    );
    expect(() => resolveLogTarget(objects, { pod: "both", namespace: "default" })).toThrow(
      "a container name must be specified for pod both, choose one of: [a b] or one of the init containers: [i]",
    );
    expect(() => resolveLogTarget(objects, { pod: "one", container: "db", namespace: "default" })).toThrow(
      "container db is not valid for pod one",
    );
    expect(() => resolveLogTarget(objects, { pod: "nope", namespace: "default" })).toThrow(
      'pods "nope" not found',
    );
    expect(() => resolveLogTarget(objects, { pod: "pending", namespace: "default" })).toThrow(
      'container "web" in pod "pending" is waiting to start: the pod is not scheduled to a node yet',
    );
    expect(() => podName("deployment/web")).toThrow(/from pods only/);
  });

  it("explains a container that has not started from the pod's status", () => {
    const p = pod("img", ["web"]);
    p.status = {
      phase: "Pending",
      containerStatuses: [
        {
          name: "web",
          ready: false,
          restartCount: 0,
          image: "x",
          imageID: "",
          state: { waiting: { reason: "ImagePullBackOff" } },
          lastState: {},
        },
      ],
    };
    expect(waitingMessage(resolveLogTarget([p], { pod: "img", namespace: "default" }))).toBe(
      'container "web" in pod "img" is waiting to start: ImagePullBackOff',
    );
  });
});
