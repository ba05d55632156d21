// Stopping a whole pod, and termination messages read back from exited containers.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect } from "../../../src/runtime/docker/connect.js";
import { rmSync } from "node:fs";
import {
  createContainer,
  removeContainer,
  startContainer,
  stopPod,
  waitContainer,
} from "../../../src/runtime/docker/containers.js";
import { inspectContainer } from "../../../src/runtime/docker/list.js";
import { EMPTY_SOURCES } from "../../../src/runtime/spec/context.js";
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
    // A pod being deleted has no use for it: not read (an archive call that mounts the container).
    const { docker: another } = await connect(LOCAL_ENDPOINT);
    const asked: string[] = [];
    const skipped = await inspectContainer(another, must(running.apps.get("file"), "file"), (o) => {
      asked.push(o.podUid);
      return true;
    });
    expect(skipped).toMatchObject({ state: "exited", exitCode: 0 });
    expect(skipped?.message).toBeUndefined();
    expect(asked).toEqual([pod.metadata.uid]);
  });
});

describe("termination message files", () => {
  async function bindSource(id: string): Promise<string | undefined> {
    const info = await rig.docker.getContainer(id).inspect();
    return info.Mounts.find((m) => m.Destination === "/dev/termination-log")?.Source;
  }

  it("binds the preset file to a first attempt, and an uploaded empty one to a restart or when the preset is missing", async () => {
    const say = (text: string) => [
      "sh",
      "-c",
      `test ! -s /dev/termination-log && echo -n ${text} > /dev/termination-log; exit 1`,
    ];
    const pod = rig.pod("presets", {
      containers: [
        { name: "a", image: "berth.local/busybox:1", command: say("first") },
        { name: "b", image: "berth.local/busybox:1", command: IDLE },
      ],
    });
    const running = await runPod(rig, pod);
    const dir = must(running.terminationDir, "termination dir");
    const a0 = must(running.apps.get("a"), "a");
    expect(await waitContainer(rig.docker, a0, 10_000)).toBe(1);
    expect((await inspectContainer(rig.docker, a0))?.message).toBe("first");
    expect(await bindSource(a0)).toBe(`${dir}/preset-0`);
    expect(await bindSource(must(running.apps.get("b"), "b"))).toBe(`${dir}/preset-1`);

    const base = {
      pod,
      node: rig.node,
      sandboxId: running.sandboxId,
      sandbox: { attempt: 0, terminationDir: dir },
      sources: EMPTY_SOURCES,
      facts: running.facts,
      role: "app" as const,
    };
    // The restart of "a" must not inherit "first": its file is a new, empty one.
    const spec = must(pod.spec.containers[0], "a spec");
    const a1 = await createContainer(rig.docker, {
      ...base,
      container: { ...spec, command: say("second") },
      attempt: 1,
    });
    await startContainer(rig.docker, a1.id);
    expect(await waitContainer(rig.docker, a1.id, 10_000)).toBe(1);
    expect(await bindSource(a1.id)).toBe(`${dir}/a-1`);
    expect((await inspectContainer(rig.docker, a1.id))?.message).toBe("second");

    // A sandbox whose volume lacks the preset (one made by an older berth): the file is uploaded.
    rmSync(`${dir}/preset-0`);
    await removeContainer(rig.docker, a0);
    const other = await createContainer(rig.docker, {
      ...base,
      container: { ...spec, command: say("third") },
      attempt: 0,
    });
    await startContainer(rig.docker, other.id);
    expect(await waitContainer(rig.docker, other.id, 10_000)).toBe(1);
    expect(await bindSource(other.id)).toBe(`${dir}/a-0`);
    expect((await inspectContainer(rig.docker, other.id))?.message).toBe("third");
  });
});
