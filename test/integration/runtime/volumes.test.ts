// Volumes on the real engine: secrets on tmpfs and never on disk, configMap files updated in
// place, hostPath only where allowed, emptyDir shared, claims outliving pods.

import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConfigMap, Secret } from "../../../src/manifest/types.js";
import { removePod } from "../../../src/runtime/docker/containers.js";
import { exec } from "../../../src/runtime/docker/exec.js";
import { dockerInfo } from "../../../src/runtime/docker/info.js";
import { projectVolumes } from "../../../src/runtime/docker/projection.js";
import { createSandbox } from "../../../src/runtime/docker/sandbox.js";
import { isRuntimeError } from "../../../src/runtime/errors.js";
import { podVolumeName } from "../../../src/runtime/labels.js";
import { IDLE, makeRig, must, runPod, waitFor, type Rig } from "./harness.js";

const run = promisify(execFile);

let rig: Rig;
let hostDir: string;
beforeAll(async () => {
  rig = await makeRig();
  hostDir = await mkdtemp(join(tmpdir(), "berth-hostpath-"));
});
afterAll(async () => {
  await rig.cleanup();
  await rm(hostDir, { recursive: true, force: true });
});

async function sh(id: string, script: string): Promise<string> {
  return (await exec(rig.docker, id, ["sh", "-c", script], 10_000)).output;
}

describe("volumes", () => {
  it("projects secret files onto tmpfs: present in the container, absent from the host disk", async () => {
    const fileName = `token-${rig.runId}`;
    const secret: Secret = {
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: "api" },
      data: {
        token: Buffer.from("very-secret-value").toString("base64"),
        other: Buffer.from("x").toString("base64"),
      },
    };
    const sources = { configMap: () => undefined, secret: (n: string) => (n === "api" ? secret : undefined) };
    const pod = rig.pod("secretvol", {
      volumes: [
        {
          name: "creds",
          secret: { secretName: "api", items: [{ key: "token", path: fileName, mode: 0o400 }] },
        },
      ],
      containers: [
        {
          name: "app",
          image: "berth.local/busybox:1",
          command: IDLE,
          volumeMounts: [{ name: "creds", mountPath: "/var/run/creds" }],
        },
      ],
    });
    const running = await runPod(rig, pod, sources);
    const app = must(running.apps.get("app"), "app");

    expect(
      await sh(
        app,
        `cat /var/run/creds/${fileName}; echo; stat -L -c %a /var/run/creds/${fileName}; ls /var/run/creds`,
      ),
    ).toBe(`very-secret-value\n400\n${fileName}\n`);
    expect(await sh(app, "grep ' /var/run/creds ' /proc/mounts")).toMatch(
      /^tmpfs \/var\/run\/creds tmpfs ro[, ]/,
    );

    // On the engine host: the volume is a tmpfs mount, and the file exists nowhere on the disk.
    const vol = (await rig.docker
      .getVolume(podVolumeName(must(pod.metadata.uid, "uid"), "creds"))
      .inspect()) as { Mountpoint: string };
    const mountinfo = await readFile("/proc/self/mountinfo", "utf8");
    const line = mountinfo.split("\n").find((l) => l.split(" ")[4] === vol.Mountpoint);
    expect(line).toMatch(/ - tmpfs /);
    const root = (await dockerInfo(rig.docker)).dockerRootDir;
    const found = await run("find", [root, "-xdev", "-name", fileName]);
    expect(found.stdout).toBe("");
  });

  it("updates configMap files in place when the ConfigMap changes", async () => {
    let cm: ConfigMap = {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "web" },
      data: { "app.conf": "v=1\n", old: "gone soon" },
    };
    const sources = { configMap: (n: string) => (n === "web" ? cm : undefined), secret: () => undefined };
    const pod = rig.pod("cmvol", {
      volumes: [{ name: "conf", configMap: { name: "web" } }],
      containers: [
        {
          name: "app",
          image: "berth.local/busybox:1",
          command: IDLE,
          volumeMounts: [{ name: "conf", mountPath: "/etc/web" }],
        },
      ],
    });
    const running = await runPod(rig, pod, sources);
    const app = must(running.apps.get("app"), "app");
    expect(await sh(app, "cat /etc/web/app.conf /etc/web/old")).toBe("v=1\ngone soon");

    // Unchanged: nothing is rewritten.
    const same = await projectVolumes(rig.docker, running.sandboxId, pod, sources, running.hashes);
    expect(same.written).toEqual([]);

    cm = { ...cm, data: { "app.conf": "v=2\n", added: "new" } };
    const changed = await projectVolumes(rig.docker, running.sandboxId, pod, sources, same.hashes);
    expect(changed.written).toEqual(["conf"]);
    expect(changed.hashes.conf).not.toBe(same.hashes.conf);
    // The running container sees the new content at the same paths, without a restart.
    expect(
      await sh(app, "cat /etc/web/app.conf /etc/web/added; cat /etc/web/old 2>/dev/null || echo removed"),
    ).toBe("v=2\nnewremoved\n");

    cm = { ...cm, data: { "app.conf": "v=3\n" } };
    await projectVolumes(rig.docker, running.sandboxId, pod, sources, changed.hashes);
    expect(await sh(app, "cat /etc/web/app.conf; readlink /etc/web/..data")).toBe("v=3\n..a\n");
  });

  it("refuses hostPath volumes unless the node allows them, before creating anything", async () => {
    await writeFile(join(hostDir, "hello.txt"), "from the host\n");
    const spec = {
      volumes: [{ name: "h", hostPath: { path: hostDir } }],
      containers: [
        {
          name: "app",
          image: "berth.local/busybox:1",
          command: IDLE,
          volumeMounts: [{ name: "h", mountPath: "/host" }],
        },
      ],
    };
    const refused = rig.pod("hostpath-no", spec);
    const attempt = createSandbox(rig.docker, rig.node, refused);
    await expect(attempt).rejects.toSatisfy((e: unknown) => isRuntimeError(e, "PolicyViolation"));
    await expect(attempt).rejects.toThrow(
      `hostPath volumes are not allowed on node ${rig.nodeName}; set runtime.allowHostPath in berth.yaml`,
    );
    const uid = must(refused.metadata.uid, "uid");
    expect(
      await rig.docker.listContainers({ all: true, filters: { label: [`io.berth.pod.uid=${uid}`] } }),
    ).toEqual([]);

    const allowed = rig.pod("hostpath-yes", spec);
    const saved = rig.node.policy;
    rig.node.policy = { ...saved, allowHostPath: [hostDir] };
    try {
      const running = await runPod(rig, allowed);
      const app = must(running.apps.get("app"), "app");
      expect(await sh(app, "cat /host/hello.txt; echo back > /host/from-container")).toBe("from the host\n");
      expect(await readFile(join(hostDir, "from-container"), "utf8")).toBe("back\n");
    } finally {
      rig.node.policy = saved;
    }
  });

  it("shares emptyDir between containers; medium Memory is a tmpfs", async () => {
    const pod = rig.pod("shared", {
      volumes: [
        { name: "disk", emptyDir: {} },
        { name: "ram", emptyDir: { medium: "Memory", sizeLimit: "16Mi" } },
      ],
      containers: [
        {
          name: "writer",
          image: "berth.local/busybox:1",
          command: ["sh", "-c", "echo hi > /d/f; echo mem > /r/f; touch /d/ready; exec sleep 3600"],
          volumeMounts: [
            { name: "disk", mountPath: "/d" },
            { name: "ram", mountPath: "/r" },
          ],
        },
        {
          name: "reader",
          image: "berth.local/busybox:1",
          command: IDLE,
          volumeMounts: [
            { name: "disk", mountPath: "/in", readOnly: true },
            { name: "ram", mountPath: "/mem" },
          ],
        },
      ],
    });
    const running = await runPod(rig, pod);
    const reader = must(running.apps.get("reader"), "reader");
    expect(
      await sh(reader, `${waitFor("/in/ready")}cat /in/f /mem/f; touch /in/x 2>/dev/null || echo ro`),
    ).toBe("hi\nmem\nro\n");
    expect(await sh(reader, "grep ' /mem ' /proc/mounts")).toMatch(/^tmpfs \/mem tmpfs .*size=16384k/);
  });

  it("keeps a claim's volume after its pod is removed; pod volumes go with the pod", async () => {
    const spec = (cmd: string) => ({
      volumes: [
        { name: "data", persistentVolumeClaim: { claimName: `data-db-0` } },
        { name: "tmp", emptyDir: {} },
      ],
      containers: [
        {
          name: "db",
          image: "berth.local/busybox:1",
          command: ["sh", "-c", `${cmd}; exec sleep 3600`],
          securityContext: { runAsUser: 1000 },
          volumeMounts: [
            { name: "data", mountPath: "/data" },
            { name: "tmp", mountPath: "/tmp" },
          ],
        },
      ],
    });
    const first = rig.pod("db-0", spec("echo kept > /data/f.tmp && mv /data/f.tmp /data/f"));
    const firstRun = await runPod(rig, first);
    await sh(must(firstRun.apps.get("db"), "db"), waitFor("/data/f"));
    const firstUid = must(first.metadata.uid, "uid");
    expect(await removePod(rig.docker, firstUid)).toEqual([]);
    const vols = await rig.docker.listVolumes({ filters: { label: [`io.berth.node=${rig.nodeName}`] } });
    const names = vols.Volumes.map((v) => v.Name);
    expect(names).toContain(`berth-pvc-${rig.namespace}-data-db-0`);
    expect(names).not.toContain(podVolumeName(firstUid, "tmp"));

    const second = rig.pod("db-0", spec("true"));
    const running = await runPod(rig, second);
    expect(await sh(must(running.apps.get("db"), "db"), "cat /data/f")).toBe("kept\n");
  });
});
