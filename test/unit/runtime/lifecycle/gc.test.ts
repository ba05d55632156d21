import { describe, expect, it } from "vitest";
import type { ObservedContainer } from "../../../../src/runtime/lifecycle/types.js";
import { container, FakeNode, makePod } from "./harness.js";

function removed(node: FakeNode): string[] {
  return (node.last?.actions ?? []).flatMap((a) => (a.type === "removeContainer" ? [a.id] : []));
}

describe("container garbage collection", () => {
  it("keeps the running instance and the last exited one (for logs --previous)", () => {
    const node = new FakeNode(makePod({ containers: [container("web")] }));
    const ids = new Map<number, string>();
    const note = (): void => {
      for (const c of node.containers) ids.set(c.attempt, c.id);
    };
    node.settle();
    note();
    for (let i = 0; i < 3; i++) {
      node.advance(700_000); // long runs: no backoff
      node.exit("web", 1);
      node.sync();
      note();
    }
    node.sync();
    expect(removed(node)).toEqual([]);
    expect(node.instances("web").map((c) => [c.attempt, c.state])).toEqual([
      [3, "running"],
      [2, "exited"],
    ]);
    for (const attempt of [0, 1]) {
      expect(node.log).toContainEqual({
        type: "removeContainer",
        id: ids.get(attempt),
        name: "web",
        reason: "Superseded",
      });
    }
  });

  it("keeps only the newest instance of a crash-looping container", () => {
    const node = new FakeNode(makePod({ containers: [container("web")] }));
    node.settle();
    node.exit("web", 1);
    node.sync();
    node.exit("web", 1);
    node.sync(); // in backoff: attempt 1 exited is newest, attempt 0 goes
    expect(node.instances("web").map((c) => c.attempt)).toEqual([1]);
    expect(node.status("web").state.waiting?.reason).toBe("CrashLoopBackOff");
  });

  it("stops and removes containers the spec does not name, and running duplicates", () => {
    const node = new FakeNode(makePod({ containers: [container("web")] }));
    node.settle();
    const stray: ObservedContainer = {
      id: "stray",
      name: "old-sidecar",
      role: "app",
      attempt: 0,
      specHash: "x",
      state: "running",
      oomKilled: false,
      image: "berth.local/busybox:1",
      imageId: "",
    };
    const web = node.running("web");
    if (!web) throw new Error("web is not running");
    const duplicate: ObservedContainer = { ...web, id: "dup", attempt: 0 };
    web.attempt = 1;
    node.containers.push(stray, duplicate);
    const result = node.sync();
    expect(result.actions).toEqual([
      {
        type: "killContainer",
        id: "dup",
        name: "web",
        role: "app",
        gracePeriodSeconds: 30,
        reason: "Duplicate",
        message: "Stopping container web: a newer instance replaces it",
      },
      {
        type: "killContainer",
        id: "stray",
        name: "old-sidecar",
        role: "app",
        gracePeriodSeconds: 30,
        reason: "NotInSpec",
        message: "Stopping container old-sidecar: the pod spec has no such container",
      },
    ]);
    node.sync();
    expect(removed(node)).toEqual(["stray"]);
  });
});
