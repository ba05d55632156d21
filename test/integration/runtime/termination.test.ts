// Stopping a whole pod, and termination messages read back from exited containers.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect } from "../../../src/runtime/docker/connect.js";
import { stopPod, waitContainer } from "../../../src/runtime/docker/containers.js";
import { inspectContainer } from "../../../src/runtime/docker/list.js";
import { removeSandbox } from "../../../src/runtime/docker/sandbox.js";
import { IDLE, LOCAL_ENDPOINT, makeRig, must, runPod, type Rig } from "./harness.js";

let rig: Rig;
beforeAll(async () => {
  rig = await makeRig();
});
afterAll(async () => {
  await rig.cleanup();
});

describe("stopPod", () => {
  it("stops the containers with the grace period, then kills the sandbox; everything stays for logs", async () => {
    const pod = rig.pod("stopme", {
      containers: [
        { name: "polite", image: "berth.local/busybox:1", command: IDLE },
        { name: "web", image: "berth.local/web:1" },
      ],
    });
    const running = await runPod(rig, pod);
    const t = Date.now();
    await stopPod(rig.docker, must(pod.metadata.uid, "uid"), 10);
    expect(Date.now() - t).toBeLessThan(5000);
    const polite = await inspectContainer(rig.docker, must(running.apps.get("polite"), "polite"));
    expect(polite).toMatchObject({ state: "exited", exitCode: 0 });
    expect(await inspectContainer(rig.docker, must(running.apps.get("web"), "web"))).toMatchObject({
      state: "exited",
    });
    expect(await inspectContainer(rig.docker, running.sandboxId)).toMatchObject({
      state: "exited",
      exitCode: 137,
    });
  });
});

describe("termination messages", () => {
  it("reads the terminationMessagePath file, or the log tail with FallbackToLogsOnError", async () => {
    const pod = rig.pod("term", {
      containers: [
        {
          name: "file",
          image: "berth.local/busybox:1",
          command: ["sh", "-c", "echo 'done: 42 items' > /dev/termination-log; exit 0"],
          terminationMessagePath: "/dev/termination-log",
          terminationMessagePolicy: "File",
        },
        {
          name: "custom",
          image: "berth.local/busybox:1",
          command: ["sh", "-c", "echo -n bye > /tmp/last-words; exit 2"],
          securityContext: { runAsUser: 1000, readOnlyRootFilesystem: true },
          terminationMessagePath: "/tmp/last-words",
        },
        {
          name: "logs",
          image: "berth.local/busybox:1",
          command: ["sh", "-c", "echo starting >&2; echo 'panic: boom' >&2; exit 1"],
          terminationMessagePolicy: "FallbackToLogsOnError",
        },
        {
          name: "quiet",
          image: "berth.local/busybox:1",
          command: ["true"],
          terminationMessagePolicy: "FallbackToLogsOnError",
        },
      ],
    });
    const running = await runPod(rig, pod);
    const seen: Record<string, { exitCode: number | undefined; message: string | undefined }> = {};
    for (const [name, id] of running.apps) {
      const exitCode = await waitContainer(rig.docker, id, 10_000);
      seen[name] = { exitCode, message: (await inspectContainer(rig.docker, id))?.message };
    }
    expect(seen).toEqual({
      file: { exitCode: 0, message: "done: 42 items\n" },
      custom: { exitCode: 2, message: "bye" },
      logs: { exitCode: 1, message: "starting\npanic: boom\n" },
      quiet: { exitCode: 0, message: undefined },
    });

    // Still readable after the sandbox is gone (a stopped pod keeps its containers for logs).
    await removeSandbox(rig.docker, running.sandboxId);
    const { docker: fresh } = await connect(LOCAL_ENDPOINT);
    expect((await inspectContainer(fresh, must(running.apps.get("file"), "file")))?.message).toBe(
      "done: 42 items\n",
    );
  });
});
