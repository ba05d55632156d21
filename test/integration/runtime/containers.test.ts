// Init containers, environment (ConfigMap, Secret, $(VAR)), security context and limits on the
// real engine.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConfigMap, Secret } from "../../../src/manifest/types.js";
import { createContainer } from "../../../src/runtime/docker/containers.js";
import { exec } from "../../../src/runtime/docker/exec.js";
import { inspectContainer } from "../../../src/runtime/docker/list.js";
import { createSandbox, startSandbox } from "../../../src/runtime/docker/sandbox.js";
import { isRuntimeError } from "../../../src/runtime/errors.js";
import { IDLE, makeRig, must, runPod, waitFor, type Rig } from "./harness.js";

let rig: Rig;
beforeAll(async () => {
  rig = await makeRig();
});
afterAll(async () => {
  await rig.cleanup();
});

const cfg: ConfigMap = {
  apiVersion: "v1",
  kind: "ConfigMap",
  metadata: { name: "app-config" },
  data: { MODE: "production", GREETING: "hello", "bad key": "skipped" },
};
const sec: Secret = {
  apiVersion: "v1",
  kind: "Secret",
  metadata: { name: "db" },
  data: { password: Buffer.from("s3cr3t!").toString("base64") },
};
const sources = {
  configMap: (n: string) => (n === cfg.metadata.name ? cfg : undefined),
  secret: (n: string) => (n === sec.metadata.name ? sec : undefined),
};

async function sh(id: string, script: string): Promise<string> {
  const r = await exec(rig.docker, id, ["sh", "-c", script], 10_000);
  return r.output;
}

describe("containers", () => {
  it("runs init containers in order, each to success, before the app containers", async () => {
    const vol = [{ name: "work", mountPath: "/work" }];
    const pod = rig.pod("inits", {
      volumes: [{ name: "work", emptyDir: {} }],
      initContainers: [
        {
          name: "first",
          image: "berth.local/busybox:1",
          command: ["sh", "-c", "echo first >> /work/log"],
          volumeMounts: vol,
        },
        {
          name: "second",
          image: "berth.local/busybox:1",
          command: ["sh", "-c", "sleep 0.3; echo second >> /work/log"],
          volumeMounts: vol,
        },
      ],
      containers: [
        {
          name: "app",
          image: "berth.local/busybox:1",
          command: [
            "sh",
            "-c",
            "cp /work/log /work/seen; echo app >> /work/log; touch /work/ready; exec sleep 3600",
          ],
          volumeMounts: vol,
        },
      ],
    });
    const run = await runPod(rig, pod);
    expect(run.init.map((i) => [i.name, i.exitCode])).toEqual([
      ["first", 0],
      ["second", 0],
    ]);
    const app = must(run.apps.get("app"), "app");
    expect(await sh(app, `${waitFor("/work/ready")}cat /work/seen; echo --; cat /work/log`)).toBe(
      "first\nsecond\n--\nfirst\nsecond\napp\n",
    );
    const first = await inspectContainer(rig.docker, must(run.init[0], "init").id);
    expect(first).toMatchObject({ role: "init", name: "first", state: "exited", exitCode: 0 });
    expect(first?.finishedAt).toBeDefined();
  });

  it("stops at a failing init container and observes its exit code", async () => {
    const pod = rig.pod("badinit", {
      initContainers: [{ name: "fail", image: "berth.local/busybox:1", command: ["sh", "-c", "exit 3"] }],
      containers: [{ name: "app", image: "berth.local/busybox:1", command: IDLE }],
    });
    const run = await runPod(rig, pod);
    expect(run.init.map((i) => i.exitCode)).toEqual([3]);
    expect(run.apps.size).toBe(0);
    expect(await inspectContainer(rig.docker, must(run.init[0], "init").id)).toMatchObject({
      state: "exited",
      exitCode: 3,
    });
  });

  it("resolves env from a ConfigMap and a Secret and expands $(VAR) in values, command and args", async () => {
    const pod = rig.pod("envs", {
      containers: [
        {
          name: "app",
          image: "berth.local/busybox:1",
          command: ["sh", "-c"],
          // Single quotes: after Kubernetes' expansion the shell must not run $(…) itself.
          args: ["echo '$(GREETING), $(WHO) $(UNDEFINED) $$(MODE)' > /tmp/greeting; exec sleep 3600"],
          envFrom: [{ configMapRef: { name: "app-config" } }],
          env: [
            { name: "WHO", value: "$(POD_NAME)" }, // POD_NAME is defined later: stays verbatim
            { name: "POD_NAME", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } },
            { name: "DB_PASSWORD", valueFrom: { secretKeyRef: { name: "db", key: "password" } } },
            { name: "DSN", value: "postgres://app:$(DB_PASSWORD)@db/$(MODE)" },
            { name: "POD_IP", valueFrom: { fieldRef: { fieldPath: "status.podIP" } } },
          ],
        },
      ],
    });
    const run = await runPod(rig, pod, sources);
    const app = must(run.apps.get("app"), "app");
    const env = Object.fromEntries(
      (await sh(app, "env"))
        .trim()
        .split("\n")
        .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
    );
    expect(env).toMatchObject({
      MODE: "production",
      GREETING: "hello",
      WHO: "$(POD_NAME)",
      POD_NAME: "envs",
      DB_PASSWORD: "s3cr3t!",
      DSN: "postgres://app:s3cr3t!@db/production",
      POD_IP: run.podIP,
    });
    expect(env["bad key"]).toBeUndefined();
    expect(await sh(app, "cat /tmp/greeting")).toBe("hello, $(POD_NAME) $(UNDEFINED) $(MODE)\n");
  });

  it("refuses to create a container whose Secret is missing (CreateContainerConfigError)", async () => {
    const pod = rig.pod("nosecret", {
      containers: [
        {
          name: "app",
          image: "berth.local/busybox:1",
          env: [{ name: "X", valueFrom: { secretKeyRef: { name: "absent", key: "k" } } }],
        },
      ],
    });
    const sb = await createSandbox(rig.docker, rig.node, pod);
    const { podIP } = await startSandbox(rig.docker, sb.id);
    const c = must(pod.spec.containers[0], "container");
    const facts = {
      nodeName: rig.nodeName,
      hostIP: "127.0.0.1",
      podIP,
      capacity: { cpuMilli: 1000, memoryBytes: 1e9 },
    };
    const attempt = createContainer(rig.docker, {
      pod,
      container: c,
      role: "app",
      attempt: 0,
      node: rig.node,
      sandboxId: sb.id,
      sources,
      facts,
    });
    await expect(attempt).rejects.toSatisfy((e: unknown) => isRuntimeError(e, "CreateContainerConfigError"));
    await expect(attempt).rejects.toThrow('secret "absent" not found');
    const list = await rig.docker.listContainers({
      all: true,
      filters: { label: [`io.berth.pod.uid=${must(pod.metadata.uid, "uid")}`] },
    });
    expect(list.map((x) => x.Labels["io.berth.role"])).toEqual(["sandbox"]);
  });

  it("honours runAsUser and a read-only root filesystem (volumes stay writable)", async () => {
    const pod = rig.pod("secure", {
      volumes: [{ name: "scratch", emptyDir: {} }],
      containers: [
        {
          name: "app",
          image: "berth.local/busybox:1",
          command: IDLE,
          securityContext: { runAsUser: 1000, runAsGroup: 1000, readOnlyRootFilesystem: true },
          volumeMounts: [{ name: "scratch", mountPath: "/scratch" }],
        },
      ],
    });
    const run = await runPod(rig, pod);
    const app = must(run.apps.get("app"), "app");
    expect(await sh(app, "id -u; id -g")).toBe("1000\n1000\n");
    expect(await sh(app, "touch /rootfs-write 2>&1 || echo refused")).toMatch(
      /Read-only file system[\s\S]*refused/,
    );
    expect(await sh(app, "touch /tmp/x 2>&1 || echo refused")).toMatch(/refused/);
    // emptyDir is world-writable as in Kubernetes, so a non-root container can use it.
    expect(await sh(app, "echo ok > /scratch/f && cat /scratch/f && stat -c %a /scratch")).toBe("ok\n777\n");
  });

  it("applies memory and cpu limits (visible in inspect and in the container's cgroup)", async () => {
    const pod = rig.pod("limits", {
      containers: [
        {
          name: "app",
          image: "berth.local/busybox:1",
          command: IDLE,
          resources: { limits: { cpu: "500m", memory: "64Mi" }, requests: { cpu: "250m", memory: "32Mi" } },
        },
      ],
    });
    const run = await runPod(rig, pod);
    const app = must(run.apps.get("app"), "app");
    const info = await rig.docker.getContainer(app).inspect();
    expect(info.HostConfig).toMatchObject({
      Memory: 67108864,
      CpuPeriod: 100000,
      CpuQuota: 50000,
      CpuShares: 256,
    });
    expect(info.HostConfig.RestartPolicy?.Name).toBe("no");
    expect(
      await sh(app, "cat /sys/fs/cgroup/memory/memory.limit_in_bytes /sys/fs/cgroup/cpu/cpu.cfs_quota_us"),
    ).toBe("67108864\n50000\n");
  });
});
