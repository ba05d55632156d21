import { describe, expect, it } from "vitest";
import { podDisplayStatus } from "../../../../src/runtime/lifecycle/display.js";
import type { RestartPolicy } from "../../../../src/manifest/types.js";
import { container, FakeNode, makePod } from "./harness.js";

interface Row {
  policy: RestartPolicy;
  exitCode: number;
  oomKilled?: boolean;
  restarted: boolean;
  phase: string;
  display: string;
  terminatedReason: string;
}

const rows: Row[] = [
  {
    policy: "Always",
    exitCode: 0,
    restarted: true,
    phase: "Running",
    display: "Running",
    terminatedReason: "Completed",
  },
  {
    policy: "Always",
    exitCode: 1,
    restarted: true,
    phase: "Running",
    display: "Running",
    terminatedReason: "Error",
  },
  {
    policy: "Always",
    exitCode: 137,
    oomKilled: true,
    restarted: true,
    phase: "Running",
    display: "Running",
    terminatedReason: "OOMKilled",
  },
  {
    policy: "OnFailure",
    exitCode: 0,
    restarted: false,
    phase: "Succeeded",
    display: "Completed",
    terminatedReason: "Completed",
  },
  {
    policy: "OnFailure",
    exitCode: 1,
    restarted: true,
    phase: "Running",
    display: "Running",
    terminatedReason: "Error",
  },
  {
    policy: "OnFailure",
    exitCode: 137,
    oomKilled: true,
    restarted: true,
    phase: "Running",
    display: "Running",
    terminatedReason: "OOMKilled",
  },
  {
    policy: "Never",
    exitCode: 0,
    restarted: false,
    phase: "Succeeded",
    display: "Completed",
    terminatedReason: "Completed",
  },
  {
    policy: "Never",
    exitCode: 1,
    restarted: false,
    phase: "Failed",
    display: "Error",
    terminatedReason: "Error",
  },
  {
    policy: "Never",
    exitCode: 137,
    oomKilled: true,
    restarted: false,
    phase: "Failed",
    display: "OOMKilled",
    terminatedReason: "OOMKilled",
  },
];

describe("restart policy × exit code", () => {
  it.each(rows)("$policy, exit $exitCode (oom: $oomKilled)", (row) => {
    const node = new FakeNode(makePod({ restartPolicy: row.policy, containers: [container("web")] }));
    node.settle();
    node.advance(3000);
    node.exit("web", row.exitCode, { oomKilled: row.oomKilled ?? false });
    node.sync();
    expect(node.starts("web").length).toBe(row.restarted ? 2 : 1);
    node.settle();
    expect(node.pod.status?.phase).toBe(row.phase);
    expect(podDisplayStatus(node.pod)).toBe(row.display);
    const status = node.status("web");
    const terminated = row.restarted ? status.lastState.terminated : status.state.terminated;
    expect(terminated).toMatchObject({ exitCode: row.exitCode, reason: row.terminatedReason });
    if (!row.restarted) {
      // A finished pod releases its sandbox and never starts anything again.
      expect(node.sandbox?.state).toBe("exited");
      node.advance(3_600_000);
      node.settle();
      expect(node.starts("web").length).toBe(1);
      expect(node.pod.status?.phase).toBe(row.phase);
    }
  });

  it("Never with one container failed and one still running stays Running, then Failed", () => {
    const node = new FakeNode(
      makePod({ restartPolicy: "Never", containers: [container("a"), container("b")] }),
    );
    node.settle();
    node.exit("a", 0);
    node.settle();
    expect(node.pod.status?.phase).toBe("Running");
    // kubectl: a Completed container next to a running one reads NotReady while Ready is False.
    expect(podDisplayStatus(node.pod)).toBe("NotReady");
    node.exit("b", 3);
    node.settle();
    expect(node.pod.status?.phase).toBe("Failed");
    // kubectl walks containers from last to first, so the first container's reason wins.
    expect(podDisplayStatus(node.pod)).toBe("Completed");
  });

  it("OnFailure restarts only the failed container of two", () => {
    const node = new FakeNode(
      makePod({ restartPolicy: "OnFailure", containers: [container("a"), container("b")] }),
    );
    node.settle();
    node.exit("a", 0);
    node.exit("b", 1);
    node.settle();
    expect(node.starts("a").length).toBe(1);
    expect(node.starts("b").length).toBe(2);
    expect(node.pod.status?.phase).toBe("Running");
    expect(podDisplayStatus(node.pod)).toBe("NotReady");
  });

  it("a sandbox that died takes every container with it and is recreated", () => {
    const node = new FakeNode(makePod({ containers: [container("web")] }));
    node.settle();
    const oldSandbox = node.sandbox?.id;
    if (node.sandbox) node.sandbox.state = "exited";
    const result = node.sync();
    expect(result.actions.map((a) => a.type)).toEqual(["killContainer", "ensureSandbox", "startContainer"]);
    expect(result.actions[1]).toMatchObject({
      attempt: 1,
      reason: "SandboxNotRunning",
      replaces: oldSandbox,
    });
    expect(result.events).toContainEqual({
      type: "Normal",
      reason: "SandboxChanged",
      message: "Pod sandbox changed, it will be killed and re-created.",
    });
    expect(node.running("web")?.attempt).toBe(1);
  });

  it("with restartPolicy Never a dead sandbox ends the pod instead", () => {
    const node = new FakeNode(makePod({ restartPolicy: "Never", containers: [container("web")] }));
    node.settle();
    if (node.sandbox) node.sandbox.state = "exited";
    const result = node.sync();
    expect(result.actions.map((a) => a.type)).toEqual(["killPod"]);
    expect(result.actions[0]).toMatchObject({ reason: "SandboxLost" });
    node.settle();
    expect(node.pod.status?.phase).toBe("Failed");
    expect(node.starts("web").length).toBe(1);
  });

  it("with restartPolicy Never a vanished sandbox does not run anything again", () => {
    const node = new FakeNode(makePod({ restartPolicy: "Never", containers: [container("web")] }));
    node.settle();
    node.sandbox = undefined;
    node.exit("web", 0);
    node.settle();
    expect(node.starts("web")).toHaveLength(1);
    expect(node.pod.status?.phase).toBe("Succeeded");
  });

  it("a changed sandbox spec recreates the sandbox", () => {
    const node = new FakeNode(makePod({ containers: [container("web")] }));
    node.settle();
    if (node.sandbox) node.sandbox.specHash = "sandbox:0";
    const result = node.sync();
    expect(result.actions.find((a) => a.type === "ensureSandbox")).toMatchObject({
      reason: "SandboxChanged",
    });
  });
});
