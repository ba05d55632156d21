import { describe, expect, it } from "vitest";
import type { Container } from "../../../../src/manifest/types.js";
import { isRuntimeError } from "../../../../src/runtime/errors.js";
import {
  containerMounts,
  hostPathAllowed,
  planVolumes,
  volumeRootEntries,
} from "../../../../src/runtime/spec/volumes.js";
import { closedPolicy, openPolicy, pod } from "../fixtures.js";

const UID = "0b6d8c4e-1111-2222-3333-444455556666";

const volumes = [
  { name: "scratch", emptyDir: {} },
  { name: "ram", emptyDir: { medium: "Memory" as const, sizeLimit: "64Mi" } },
  { name: "cfg", configMap: { name: "app-config" } },
  { name: "creds", secret: { secretName: "db" } },
  { name: "data", persistentVolumeClaim: { claimName: "data-db-0" } },
];

describe("planVolumes", () => {
  it("maps each volume to a named Docker volume the sandbox mounts", () => {
    const plan = planVolumes(pod({ volumes }), "n1", closedPolicy);
    expect(plan.volumes.map((v) => [v.name, v.kind, v.driverOpts, v.podLifetime])).toEqual([
      [`berth-${UID}-scratch`, "emptyDir", undefined, true],
      [`berth-${UID}-ram`, "emptyDir", { type: "tmpfs", device: "tmpfs", o: "size=67108864" }, true],
      [`berth-${UID}-cfg`, "configMap", undefined, true],
      [`berth-${UID}-creds`, "secret", { type: "tmpfs", device: "tmpfs" }, true],
      ["berth-pvc-shop-data-db-0", "persistentVolumeClaim", undefined, false],
      [`berth-${UID}_termination`, "termination", undefined, true],
    ]);
    expect(plan.sandboxMounts.map((m) => [m.Source, m.Target, m.ReadOnly])).toEqual([
      [`berth-${UID}-scratch`, "/berth/volumes/scratch", false],
      [`berth-${UID}-ram`, "/berth/volumes/ram", false],
      [`berth-${UID}-cfg`, "/berth/volumes/cfg", false],
      [`berth-${UID}-creds`, "/berth/volumes/creds", false],
      ["berth-pvc-shop-data-db-0", "/berth/volumes/data", false],
      [`berth-${UID}_termination`, "/berth/termination", false],
    ]);
    expect(plan.volumes[0]?.labels).toEqual({
      "io.berth.managed": "true",
      "io.berth.node": "n1",
      "io.berth.pod.uid": UID,
      "io.berth.pod.namespace": "shop",
      "io.berth.volume": "scratch",
    });
    expect(plan.volumes[4]?.labels).toEqual({
      "io.berth.managed": "true",
      "io.berth.node": "n1",
      "io.berth.namespace": "shop",
      "io.berth.pvc": "data-db-0",
    });
    // The engine creates the pod's own volumes with the sandbox (labels, tmpfs options); a claim is
    // created beforehand and only mounted.
    expect(plan.sandboxMounts.map((m) => m.VolumeOptions)).toEqual([
      { NoCopy: true, Labels: plan.volumes[0]?.labels },
      {
        NoCopy: true,
        Labels: plan.volumes[1]?.labels,
        DriverConfig: { Name: "local", Options: { type: "tmpfs", device: "tmpfs", o: "size=67108864" } },
      },
      { NoCopy: true, Labels: plan.volumes[2]?.labels },
      {
        NoCopy: true,
        Labels: plan.volumes[3]?.labels,
        DriverConfig: { Name: "local", Options: { type: "tmpfs", device: "tmpfs" } },
      },
      { NoCopy: true },
      { NoCopy: false, Labels: plan.volumes[5]?.labels },
    ]);
  });

  it("refuses hostPath unless the node allows it, with the documented message", () => {
    const p = pod({ volumes: [{ name: "logs", hostPath: { path: "/var/log" } }] });
    let err: unknown;
    try {
      planVolumes(p, "n1", closedPolicy);
    } catch (e) {
      err = e;
    }
    expect(isRuntimeError(err, "PolicyViolation")).toBe(true);
    expect((err as { code: string }).code).toBe("E_POLICY");
    expect((err as Error).message).toBe(
      "hostPath volumes are not allowed on node n1; set runtime.allowHostPath in berth.yaml",
    );
    expect(planVolumes(p, "n1", openPolicy).volumes.map((v) => v.kind)).toEqual(["termination"]);
    expect(() => planVolumes(p, "n1", { ...closedPolicy, allowHostPath: ["/srv"] })).toThrow(
      "hostPath /var/log (volume logs) is not under an allowed prefix on node n1; add it to runtime.allowHostPath in berth.yaml",
    );
  });

  it("matches allowed prefixes on whole path segments", () => {
    expect(hostPathAllowed("/srv/data", ["/srv"])).toBe(true);
    expect(hostPathAllowed("/srv", ["/srv/"])).toBe(true);
    expect(hostPathAllowed("/srvx", ["/srv"])).toBe(false);
    expect(hostPathAllowed("/srv/../etc", ["/srv"])).toBe(false);
    expect(hostPathAllowed("/anything", ["/"])).toBe(true);
    expect(hostPathAllowed("/x", true)).toBe(true);
    expect(hostPathAllowed("/x", false)).toBe(false);
  });
});

describe("containerMounts", () => {
  const p = pod({
    volumes: [
      ...volumes,
      { name: "host", hostPath: { path: "/srv/app" } },
      { name: "sock", hostPath: { path: "/run/x.sock", type: "Socket" } },
    ],
  });
  const c: Container = {
    name: "app",
    image: "x",
    volumeMounts: [
      { name: "scratch", mountPath: "/tmp/s" },
      { name: "cfg", mountPath: "/etc/app" },
      { name: "creds", mountPath: "/creds", readOnly: false },
      { name: "data", mountPath: "/data", readOnly: true },
      { name: "host", mountPath: "/host" },
      { name: "sock", mountPath: "/run/x.sock", readOnly: true },
      { name: "scratch", mountPath: "/sub", subPath: "a/b" },
      { name: "host", mountPath: "/hostsub", subPath: "logs", readOnly: true },
    ],
  };

  it("mounts named volumes with NoCopy, projected ones read-only, hostPath as binds, subPath via the mountpoint", () => {
    const mps = new Map([[`berth-${UID}-scratch`, "/var/lib/docker/volumes/s/_data"]]);
    expect(containerMounts(p, c, mps)).toEqual({
      Mounts: [
        {
          Type: "volume",
          Source: `berth-${UID}-scratch`,
          Target: "/tmp/s",
          ReadOnly: false,
          VolumeOptions: { NoCopy: true },
        },
        {
          Type: "volume",
          Source: `berth-${UID}-cfg`,
          Target: "/etc/app",
          ReadOnly: true,
          VolumeOptions: { NoCopy: true },
        },
        {
          Type: "volume",
          Source: `berth-${UID}-creds`,
          Target: "/creds",
          ReadOnly: true,
          VolumeOptions: { NoCopy: true },
        },
        {
          Type: "volume",
          Source: "berth-pvc-shop-data-db-0",
          Target: "/data",
          ReadOnly: true,
          VolumeOptions: { NoCopy: true },
        },
        { Type: "bind", Source: "/run/x.sock", Target: "/run/x.sock", ReadOnly: true },
      ],
      Binds: ["/srv/app:/host", "/var/lib/docker/volumes/s/_data/a/b:/sub", "/srv/app/logs:/hostsub:ro"],
    });
  });

  it("needs the mountpoint for subPath and rejects escaping subPaths", () => {
    expect(() =>
      containerMounts(p, {
        name: "a",
        image: "x",
        volumeMounts: [{ name: "scratch", mountPath: "/s", subPath: "x" }],
      }),
    ).toThrow(/needs its mountpoint/);
    for (const sub of ["../etc", "/abs", "a/../../b"]) {
      expect(
        () =>
          containerMounts(p, {
            name: "a",
            image: "x",
            volumeMounts: [{ name: "host", mountPath: "/s", subPath: sub }],
          }),
        sub,
      ).toThrow(/must be a relative path inside the volume/);
    }
  });

  it("reports a mount of an undeclared volume as a config error", () => {
    let err: unknown;
    try {
      containerMounts(p, { name: "a", image: "x", volumeMounts: [{ name: "ghost", mountPath: "/g" }] });
    } catch (e) {
      err = e;
    }
    expect(isRuntimeError(err, "CreateContainerConfigError")).toBe(true);
  });
});

describe("volumeRootEntries", () => {
  it("opens freshly created disk volumes to every user, tmpfs and pre-existing ones untouched", () => {
    const p = pod({ volumes });
    const plan = planVolumes(p, "n1", closedPolicy);
    const all = new Set(plan.volumes.map((v) => v.name));
    expect(volumeRootEntries(p, plan, all)).toEqual([
      { type: "directory", name: "scratch", mode: 0o777, gid: 0 },
      { type: "directory", name: "data", mode: 0o777, gid: 0 },
    ]);
    expect(volumeRootEntries(p, plan, new Set([`berth-${UID}-scratch`]))).toEqual([
      { type: "directory", name: "scratch", mode: 0o777, gid: 0 },
    ]);
  });

  it("hands them to the pod's fsGroup with setgid", () => {
    const p = pod({ volumes: [{ name: "scratch", emptyDir: {} }], securityContext: { fsGroup: 3000 } });
    const plan = planVolumes(p, "n1", closedPolicy);
    expect(volumeRootEntries(p, plan, new Set([`berth-${UID}-scratch`]))).toEqual([
      { type: "directory", name: "scratch", mode: 0o2777, gid: 3000 },
    ]);
  });
});
