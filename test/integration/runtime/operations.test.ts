// Images, start failures, exec probes, logs, events, stop/kill on the real engine.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createContainer,
  killContainer,
  removeContainer,
  startContainer,
  stopContainer,
  waitContainer,
} from "../../../src/runtime/docker/containers.js";
import type { EngineEvent } from "../../../src/runtime/docker/event-parse.js";
import { watchEvents } from "../../../src/runtime/docker/events.js";
import { exec } from "../../../src/runtime/docker/exec.js";
import { dockerInfo } from "../../../src/runtime/docker/info.js";
import { inspectContainer } from "../../../src/runtime/docker/list.js";
import { logs, readLogs } from "../../../src/runtime/docker/logs.js";
import { removeSandbox } from "../../../src/runtime/docker/sandbox.js";
import type { Pod } from "../../../src/manifest/types.js";
import { isRuntimeError } from "../../../src/runtime/errors.js";
import { ensureImage } from "../../../src/runtime/images.js";
import { IDLE, makeRig, must, runPod, type Rig, type RunningPod } from "./harness.js";

let rig: Rig;
beforeAll(async () => {
  rig = await makeRig();
});
afterAll(async () => {
  await rig.cleanup();
});

describe("images", () => {
  it("reports a failed pull of a missing image as ErrImagePull, quickly and without throwing", async () => {
    const started = Date.now();
    const r = await ensureImage(rig.docker, `berth.local/missing-${rig.runId}:1`, {
      policy: "IfNotPresent",
      timeoutMs: 30_000,
    });
    expect(r).toMatchObject({ ok: false, reason: "ErrImagePull" });
    expect(!r.ok && r.message).toMatch(/^Failed to pull image "berth\.local\/missing-.*:1": /);
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it("uses a present image when an Always pull fails, with a PullFailedUsingLocal warning", async () => {
    const r = await ensureImage(rig.docker, "berth.local/web:1", { policy: "Always", timeoutMs: 30_000 });
    expect(r).toMatchObject({ ok: true, pulled: false, warning: { reason: "PullFailedUsingLocal" } });
  });

  it("honours IfNotPresent and Never without touching a registry", async () => {
    expect(await ensureImage(rig.docker, "berth.local/busybox:1", { policy: "IfNotPresent" })).toMatchObject({
      ok: true,
      pulled: false,
    });
    expect(await ensureImage(rig.docker, "berth.local/busybox:1", { policy: "Never" })).toMatchObject({
      ok: true,
    });
    expect(
      await ensureImage(rig.docker, `berth.local/absent-${rig.runId}:1`, { policy: "Never" }),
    ).toMatchObject({
      ok: false,
      reason: "ErrImageNeverPull",
    });
  });

  it("reports the engine's info for node capacity", async () => {
    const info = await dockerInfo(rig.docker);
    expect(info.ncpu).toBeGreaterThan(0);
    expect(info.memTotal).toBeGreaterThan(0);
    expect(info.name).not.toBe("");
  });
});

describe("container operations", () => {
  let running: RunningPod;
  let opsPod: Pod;
  const events: EngineEvent[] = [];
  let watch: ReturnType<typeof watchEvents>;

  beforeAll(async () => {
    watch = watchEvents(rig.docker, { node: rig.nodeName, onEvent: (e) => events.push(e) });
    opsPod = rig.pod("ops", {
      containers: [
        {
          name: "app",
          image: "berth.local/busybox:1",
          command: [
            "sh",
            "-c",
            "echo line1; sleep 0.2; echo line2 >&2; trap 'exit 0' TERM; sleep 3600 & wait",
          ],
        },
      ],
    });
    running = await runPod(rig, opsPod);
  });
  afterAll(() => watch.close());

  const base = () => {
    const pod = rig.pod("ops-extra", { containers: [] });
    return {
      pod,
      attempt: 0,
      node: rig.node,
      sandboxId: running.sandboxId,
      sources: { configMap: () => undefined, secret: () => undefined },
      facts: running.facts,
    };
  };

  it("runs exec probes with exit code, output and timeout", async () => {
    const app = must(running.apps.get("app"), "app");
    expect(
      await exec(rig.docker, app, ["sh", "-c", "echo out; sleep 0.1; echo err >&2; exit 4"], 5000),
    ).toEqual({
      exitCode: 4,
      timedOut: false,
      output: "out\nerr\n",
    });
    const slow = await exec(rig.docker, app, ["sleep", "3"], 300);
    expect(slow).toMatchObject({ exitCode: undefined, timedOut: true });
  });

  it("reads logs (stdout and stderr), the tail, and the previous attempt", async () => {
    const app = must(running.apps.get("app"), "app");
    let all = "";
    for (let i = 0; i < 100 && all !== "line1\nline2\n"; i++) {
      all = await readLogs(rig.docker, app);
      if (all !== "line1\nline2\n") await new Promise((r) => setTimeout(r, 50));
    }
    expect(all).toBe("line1\nline2\n");
    expect(await readLogs(rig.docker, app, { tail: 1 })).toBe("line2\n");
    await expect(readLogs(rig.docker, app, { previous: true })).rejects.toThrow(
      /previous terminated container "app" in pod "ops" not found/,
    );

    const b = base();
    const c = {
      name: "app",
      image: "berth.local/busybox:1",
      command: ["sh", "-c", "echo attempt-$(N)"],
      env: [{ name: "N", value: "1" }],
    };
    // The restart of "app": attempt 1 in the same pod.
    const next = await createContainer(rig.docker, {
      ...b,
      pod: opsPod,
      container: c,
      attempt: 1,
      role: "app",
    });
    await startContainer(rig.docker, next.id);
    expect(await waitContainer(rig.docker, next.id, 10_000)).toBe(0);
    expect(await readLogs(rig.docker, next.id)).toBe("attempt-1\n");
    expect(await readLogs(rig.docker, next.id, { previous: true })).toBe("line1\nline2\n");
  });

  it("follows logs as they are written", async () => {
    const created = await createContainer(rig.docker, {
      ...base(),
      container: {
        name: "ticker",
        image: "berth.local/busybox:1",
        command: ["sh", "-c", "i=0; while true; do i=$((i+1)); echo tick $i; sleep 0.1; done"],
      },
      role: "app",
    });
    await startContainer(rig.docker, created.id);
    const stream = await logs(rig.docker, created.id, { follow: true });
    let text = "";
    for await (const chunk of stream) {
      text += String(chunk);
      if (text.includes("tick 3\n")) break; // leaving the loop destroys the stream
    }
    expect(text.startsWith("tick 1\ntick 2\ntick 3\n")).toBe(true);
    await removeContainer(rig.docker, created.id, { force: true });
  });

  it("reports a start failure as RunContainerError and keeps the engine's reason", async () => {
    const created = await createContainer(rig.docker, {
      ...base(),
      container: { name: "broken", image: "berth.local/busybox:1", command: ["/no/such/binary"] },
      role: "app",
    });
    const start = startContainer(rig.docker, created.id);
    await expect(start).rejects.toSatisfy((e: unknown) => isRuntimeError(e, "RunContainerError"));
    await expect(start).rejects.toThrow(/no such file or directory|not found/);
    const o = await inspectContainer(rig.docker, created.id);
    expect(o?.state).toBe("created");
    expect(o?.error).toMatch(/no such file or directory|not found/);
    await removeContainer(rig.docker, created.id);
  });

  it("fails creation on a missing image with CreateContainerError, without crashing", async () => {
    const attempt = createContainer(rig.docker, {
      ...base(),
      container: { name: "ghost", image: `berth.local/ghost-${rig.runId}:1` },
      role: "app",
    });
    await expect(attempt).rejects.toSatisfy((e: unknown) => isRuntimeError(e, "CreateContainerError"));
  });

  it("stops within the grace period, kills, removes; sandboxes die at once; events tell", async () => {
    const b = base();
    const term = await createContainer(rig.docker, {
      ...b,
      container: { name: "term", image: "berth.local/busybox:1", command: IDLE },
      role: "app",
    });
    await startContainer(rig.docker, term.id);
    let t = Date.now();
    await stopContainer(rig.docker, term.id, 10);
    expect(Date.now() - t).toBeLessThan(5000);
    expect(await inspectContainer(rig.docker, term.id)).toMatchObject({ state: "exited", exitCode: 0 });
    await stopContainer(rig.docker, term.id, 10); // already stopped: fine

    const stubborn = await createContainer(rig.docker, {
      ...b,
      container: { name: "stubborn", image: "berth.local/busybox:1", command: ["sleep", "3600"] },
      role: "app",
    });
    await startContainer(rig.docker, stubborn.id);
    await killContainer(rig.docker, stubborn.id);
    expect(await inspectContainer(rig.docker, stubborn.id)).toMatchObject({ state: "exited", exitCode: 137 });
    await killContainer(rig.docker, stubborn.id); // not running: fine
    await removeContainer(rig.docker, stubborn.id);
    await removeContainer(rig.docker, stubborn.id); // gone: fine
    expect(await inspectContainer(rig.docker, stubborn.id)).toBeUndefined();

    t = Date.now();
    await removeSandbox(rig.docker, running.sandboxId);
    expect(Date.now() - t).toBeLessThan(5000);

    for (
      let i = 0;
      i < 50 && !events.some((e) => e.action === "destroy" && e.containerId === running.sandboxId);
      i++
    ) {
      await new Promise((r) => setTimeout(r, 100));
    }
    const mine = events.filter((e) => e.containerId === term.id).map((e) => e.action);
    expect(mine).toEqual(expect.arrayContaining(["create", "start", "die"]));
    const die = must(
      events.find((e) => e.containerId === stubborn.id && e.action === "die"),
      "die event",
    );
    expect(die).toMatchObject({
      exitCode: 137,
      containerName: "stubborn",
      role: "app",
      podName: "ops-extra",
    });
    expect(events.some((e) => e.containerId === running.sandboxId && e.action === "destroy")).toBe(true);
    expect(watch.connected).toBe(true);
  });
});
