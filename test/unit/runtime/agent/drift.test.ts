import { describe, expect, it } from "vitest";
import { detectDrift } from "../../../../src/runtime/agent/drift.js";
import type { Pod } from "../../../../src/manifest/types.js";
import type { ObservedPod } from "../../../../src/runtime/observed.js";

const pod = (running: boolean, deleting = false): Pod => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: {
    name: "web",
    namespace: "shop",
    ...(deleting ? { deletionTimestamp: "2026-01-01T00:00:00Z" } : {}),
  },
  spec: { containers: [{ name: "app", image: "x:1" }] },
  status: {
    phase: "Running",
    containerStatuses: [
      {
        name: "app",
        image: "x:1",
        imageID: "",
        containerID: "docker://abc",
        ready: running,
        restartCount: 0,
        state: running
          ? { running: { startedAt: "2026-01-01T00:00:00Z" } }
          : { terminated: { exitCode: 0, reason: "Completed" } },
        lastState: {},
      },
    ],
  },
});

const observed = (ids: string[], exit?: { exitCode: number; oomKilled?: boolean }): ObservedPod =>
  ({
    uid: "u",
    name: "web",
    namespace: "shop",
    containers: ids.map((id) =>
      exit
        ? { id, state: "exited", exitCode: exit.exitCode, oomKilled: exit.oomKilled ?? false }
        : { id, state: "running" },
    ),
  }) as unknown as ObservedPod;

describe("detectDrift", () => {
  it("reports a running container that vanished", () => {
    expect(detectDrift(pod(true), observed([]))).toBe("container app removed outside berth (pod shop/web)");
  });
  it("reports a container stopped by a signal berth did not send", () => {
    expect(detectDrift(pod(true), observed(["abc"], { exitCode: 137 }))).toBe(
      "container app stopped outside berth (pod shop/web)",
    );
    // Killed by berth (liveness, deletion), by the OOM killer, or exiting on its own: not drift.
    expect(detectDrift(pod(true), observed(["abc"], { exitCode: 143 }), new Set(["abc"]))).toBeUndefined();
    expect(detectDrift(pod(true), observed(["abc"], { exitCode: 137, oomKilled: true }))).toBeUndefined();
    expect(detectDrift(pod(true), observed(["abc"], { exitCode: 1 }))).toBeUndefined();
  });

  it("is quiet while the container is there, after it finished, or while the pod is deleted", () => {
    expect(detectDrift(pod(true), observed(["abc"]))).toBeUndefined();
    expect(detectDrift(pod(false), observed([]))).toBeUndefined();
    expect(detectDrift(pod(true, true), observed([]))).toBeUndefined();
  });
});
