import { describe, expect, it } from "vitest";
import {
  groupByPod,
  observeFromInspect,
  portsFromInspect,
  type InspectShape,
} from "../../../../src/runtime/docker/observe.js";

function inspect(
  over: Partial<InspectShape> & { labels?: Record<string, string>; status?: string } = {},
): InspectShape {
  return {
    Id: "c1",
    Name: "/berth_default_web_app_1",
    Created: "2026-01-01T00:00:00.1Z",
    Image: "sha256:img",
    State: {
      Status: over.status ?? "exited",
      OOMKilled: false,
      ExitCode: 137,
      Error: "",
      StartedAt: "2026-01-01T00:00:01Z",
      FinishedAt: "2026-01-01T00:00:09Z",
    },
    Config: {
      Image: "berth.local/web:1",
      Labels: over.labels ?? {
        "io.berth.managed": "true",
        "io.berth.pod.uid": "u1",
        "io.berth.pod.name": "web",
        "io.berth.pod.namespace": "default",
        "io.berth.container.name": "app",
        "io.berth.role": "app",
        "io.berth.spec-hash": "h1",
        "io.berth.restart-count": "1",
      },
    },
    NetworkSettings: { Ports: {}, Networks: {} },
    HostConfig: { NetworkMode: "container:s1" },
    ...over,
  };
}

describe("observeFromInspect", () => {
  it("maps state, labels and times", () => {
    expect(observeFromInspect(inspect())).toEqual({
      id: "c1",
      dockerName: "berth_default_web_app_1",
      podUid: "u1",
      podName: "web",
      namespace: "default",
      name: "app",
      role: "app",
      attempt: 1,
      specHash: "h1",
      state: "exited",
      exitCode: 137,
      oomKilled: false,
      createdAt: "2026-01-01T00:00:00.1Z",
      startedAt: "2026-01-01T00:00:01Z",
      finishedAt: "2026-01-01T00:00:09Z",
      image: "berth.local/web:1",
      imageId: "docker://sha256:img",
      ports: [],
      labels: inspect().Config.Labels,
    });
  });

  it("drops Docker's zero times and keeps the start error", () => {
    const o = observeFromInspect({
      ...inspect({ status: "created" }),
      State: {
        Status: "created",
        OOMKilled: false,
        ExitCode: 127,
        Error: 'exec: "nope": executable file not found in $PATH',
        StartedAt: "0001-01-01T00:00:00Z",
        FinishedAt: "0001-01-01T00:00:00Z",
      },
    });
    expect(o?.state).toBe("created");
    expect(o?.startedAt).toBeUndefined();
    expect(o?.finishedAt).toBeUndefined();
    expect(o?.error).toContain("executable file not found");
  });

  it("reads the sandbox's pod IP and published ports", () => {
    const o = observeFromInspect(
      inspect({
        labels: {
          "io.berth.managed": "true",
          "io.berth.pod.uid": "u1",
          "io.berth.role": "sandbox",
          "io.berth.container.name": "POD",
        },
        status: "running",
        HostConfig: { NetworkMode: "berth-ns-default" },
        NetworkSettings: {
          Networks: { "berth-ns-default": { IPAddress: "172.18.0.4" }, bridge: { IPAddress: "172.17.0.9" } },
          Ports: {
            "80/tcp": [
              { HostIp: "0.0.0.0", HostPort: "8080" },
              { HostIp: "::", HostPort: "8080" },
            ],
            "53/udp": [{ HostIp: "10.0.0.7", HostPort: "49153" }],
            "9090/tcp": null,
          },
        },
      }),
    );
    expect(o?.ip).toBe("172.18.0.4");
    expect(o?.ports).toEqual([
      { containerPort: 53, protocol: "UDP", hostIP: "10.0.0.7", hostPort: 49153 },
      { containerPort: 80, protocol: "TCP", hostIP: "0.0.0.0", hostPort: 8080 },
      { containerPort: 80, protocol: "TCP", hostIP: "::", hostPort: 8080 },
    ]);
  });

  it("ignores containers that are not berth's", () => {
    expect(observeFromInspect(inspect({ labels: {} }))).toBeUndefined();
    expect(
      observeFromInspect(inspect({ labels: { "io.berth.managed": "true", "io.berth.role": "app" } })),
    ).toBeUndefined();
    expect(
      observeFromInspect(
        inspect({
          labels: { "io.berth.managed": "true", "io.berth.pod.uid": "u", "io.berth.role": "proxy" },
        }),
      ),
    ).toBeUndefined();
  });

  it("maps Docker's removing state to dead", () => {
    expect(observeFromInspect(inspect({ status: "removing" }))?.state).toBe("dead");
    expect(portsFromInspect(undefined)).toEqual([]);
  });
});

describe("groupByPod", () => {
  it("groups by pod uid with the newest sandbox and attempts ascending", () => {
    const base = observeFromInspect(inspect());
    if (!base) throw new Error("no observation");
    const c = (over: Partial<typeof base>) => ({ ...base, ...over });
    const pods = groupByPod([
      c({ id: "a2", name: "app", attempt: 2 }),
      c({ id: "s-old", role: "sandbox", name: "POD", createdAt: "2026-01-01T00:00:00Z" }),
      c({ id: "a0", name: "app", attempt: 0 }),
      c({ id: "i0", name: "init", role: "init", attempt: 0 }),
      c({ id: "s-new", role: "sandbox", name: "POD", createdAt: "2026-01-02T00:00:00Z" }),
      c({ id: "x", podUid: "u2", podName: "other" }),
    ]);
    expect([...pods.keys()]).toEqual(["u1", "u2"]);
    const p = pods.get("u1");
    expect(p?.sandbox?.id).toBe("s-new");
    expect(p?.containers.map((x) => x.id)).toEqual(["a0", "a2", "i0"]);
    expect(pods.get("u2")?.name).toBe("other");
  });
});
