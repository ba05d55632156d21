import { describe, expect, it } from "vitest";
import type { Container } from "../../../../src/manifest/types.js";
import { buildContainer } from "../../../../src/runtime/spec/container.js";
import { closedPolicy, configMap, facts, pod, sources } from "../fixtures.js";

const UID = "0b6d8c4e-1111-2222-3333-444455556666";

describe("buildContainer", () => {
  it("maps a full container spec onto Docker create options joined to the sandbox", () => {
    const c: Container = {
      name: "api",
      image: "berth.local/web:2",
      command: ["/bin/serve"],
      args: ["--name=$(POD_NAME)"],
      workingDir: "/www",
      env: [{ name: "POD_NAME", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } }],
      envFrom: [{ configMapRef: { name: "cfg" } }],
      resources: { limits: { cpu: "500m", memory: "64Mi" }, requests: { cpu: "100m" } },
      volumeMounts: [{ name: "scratch", mountPath: "/scratch" }],
      securityContext: { runAsUser: 1000, readOnlyRootFilesystem: true },
      tty: true,
    };
    const p = pod({
      containers: [c],
      volumes: [{ name: "scratch", emptyDir: {} }],
      terminationGracePeriodSeconds: 45,
    });
    const built = buildContainer({
      pod: p,
      container: c,
      role: "app",
      attempt: 3,
      node: { name: "n1", policy: closedPolicy },
      sandboxId: "abc123",
      sources: sources({ configMaps: [configMap("cfg", { MODE: "prod" })] }),
      facts,
      terminationLogHostPath: "/var/lib/docker/volumes/t/_data/api-3",
    });
    expect(built.options).toEqual({
      name: "berth_shop_web-1_api_3",
      Image: "berth.local/web:2",
      Entrypoint: ["/bin/serve"],
      Cmd: ["--name=web-1"],
      WorkingDir: "/www",
      Env: ["MODE=prod", "POD_NAME=web-1"],
      User: "1000",
      Tty: true,
      StopTimeout: 45,
      Labels: {
        "io.berth.managed": "true",
        "io.berth.node": "n1",
        "io.berth.pod.name": "web-1",
        "io.berth.pod.namespace": "shop",
        "io.berth.pod.uid": UID,
        "io.berth.container.name": "api",
        "io.berth.role": "app",
        "io.berth.spec-hash": built.specHash,
        "io.berth.restart-count": "3",
        "io.berth.termination-message-path": "/dev/termination-log",
        "io.berth.termination-message-policy": "File",
      },
      HostConfig: {
        NetworkMode: "container:abc123",
        IpcMode: "container:abc123",
        RestartPolicy: { Name: "no" },
        Mounts: [
          {
            Type: "volume",
            Source: `berth-${UID}-scratch`,
            Target: "/scratch",
            ReadOnly: false,
            VolumeOptions: { NoCopy: true },
          },
          {
            Type: "bind",
            Source: "/var/lib/docker/volumes/t/_data/api-3",
            Target: "/dev/termination-log",
            ReadOnly: false,
          },
        ],
        CpuShares: 102,
        CpuPeriod: 100000,
        CpuQuota: 50000,
        Memory: 67108864,
        MemorySwap: 67108864,
        ReadonlyRootfs: true,
      },
    });
    expect(built.warnings).toEqual([]);
  });

  it("leaves image defaults alone for a bare container", () => {
    const p = pod();
    const c = p.spec.containers[0];
    if (!c) throw new Error("no container");
    const built = buildContainer({
      pod: p,
      container: c,
      role: "init",
      attempt: 0,
      node: { name: "n1", policy: closedPolicy },
      sandboxId: "s",
      sources: sources(),
      facts,
    });
    expect(built.options.Entrypoint).toBeUndefined();
    expect(built.options.Cmd).toBeUndefined();
    expect(built.options.User).toBeUndefined();
    expect(built.options.Env).toEqual([]);
    expect(built.options.name).toBe("berth_shop_web-1_app_0");
    expect(built.options.Labels["io.berth.role"]).toBe("init");
    expect(built.options.StopTimeout).toBe(30);
    // No prepared termination file: no bind and no path label.
    expect(built.options.HostConfig.Binds).toBeUndefined();
    expect(built.options.HostConfig.Mounts).toEqual([]);
    expect(built.options.Labels["io.berth.termination-message-path"]).toBeUndefined();
  });

  it("passes envFrom warnings through", () => {
    const p = pod();
    const c: Container = { name: "a", image: "x", envFrom: [{ configMapRef: { name: "cfg" } }] };
    const built = buildContainer({
      pod: p,
      container: c,
      role: "app",
      attempt: 0,
      node: { name: "n1", policy: closedPolicy },
      sandboxId: "s",
      sources: sources({ configMaps: [configMap("cfg", { "bad key": "v" })] }),
      facts,
    });
    expect(built.warnings.map((w) => w.reason)).toEqual(["InvalidEnvironmentVariableNames"]);
  });
});
