import { describe, expect, it } from "vitest";
import { buildSandbox, podAliases, podHostname } from "../../../../src/runtime/spec/sandbox.js";
import { closedPolicy, openPolicy, pod } from "../fixtures.js";

const UID = "0b6d8c4e-1111-2222-3333-444455556666";
const node = { name: "n1", address: "10.0.0.7", policy: closedPolicy };

describe("buildSandbox", () => {
  it("owns network and IPC, publishes ports, holds volumes, carries hostname and aliases", () => {
    const p = pod({
      hostname: "db-0",
      subdomain: "db",
      containers: [{ name: "db", image: "x", ports: [{ containerPort: 5432 }] }],
      volumes: [{ name: "data", emptyDir: {} }],
    });
    const b = buildSandbox({
      pod: p,
      node,
      image: "berth.local/pause:abc",
      network: "berth-ns-shop",
      extraAliases: ["db-svc"],
      dns: { servers: ["10.96.0.10"], searches: ["shop.svc.cluster.local"] },
    });
    expect(b.options).toEqual({
      name: "berth_shop_web-1_POD",
      Image: "berth.local/pause:abc",
      Hostname: "db-0",
      Labels: {
        "io.berth.managed": "true",
        "io.berth.node": "n1",
        "io.berth.pod.name": "web-1",
        "io.berth.pod.namespace": "shop",
        "io.berth.pod.uid": UID,
        "io.berth.container.name": "POD",
        "io.berth.role": "sandbox",
        "io.berth.spec-hash": b.specHash,
        "io.berth.restart-count": "0",
      },
      ExposedPorts: { "5432/tcp": {} },
      HostConfig: {
        NetworkMode: "berth-ns-shop",
        IpcMode: "shareable",
        RestartPolicy: { Name: "no" },
        Mounts: [
          {
            Type: "volume",
            Source: `berth-${UID}-data`,
            Target: "/berth/volumes/data",
            ReadOnly: false,
            // Created by the engine with the sandbox: the labels that find it for removal.
            VolumeOptions: {
              NoCopy: true,
              Labels: {
                "io.berth.managed": "true",
                "io.berth.node": "n1",
                "io.berth.pod.uid": UID,
                "io.berth.pod.namespace": "shop",
                "io.berth.volume": "data",
              },
            },
          },
          {
            Type: "volume",
            Source: `berth-${UID}_termination`,
            Target: "/berth/termination",
            ReadOnly: false,
            // Copies the infra image's preset message files into the fresh volume.
            VolumeOptions: {
              NoCopy: false,
              Labels: {
                "io.berth.managed": "true",
                "io.berth.node": "n1",
                "io.berth.pod.uid": UID,
                "io.berth.pod.namespace": "shop",
              },
            },
          },
        ],
        PortBindings: { "5432/tcp": [{ HostIp: "10.0.0.7", HostPort: "" }] },
        Dns: ["10.96.0.10"],
        DnsSearch: ["shop.svc.cluster.local"],
      },
      NetworkingConfig: {
        EndpointsConfig: { "berth-ns-shop": { Aliases: ["web-1", "db-0", "db-0.db", "db-svc"] } },
      },
    });
  });

  it("labels the sandbox with its attempt", () => {
    const b = buildSandbox({ pod: pod(), node, image: "i", network: "n", attempt: 2 });
    expect(b.options.Labels["io.berth.restart-count"]).toBe("2");
  });

  it("uses the host network only where allowed, without hostname, ports or aliases", () => {
    const p = pod({
      hostNetwork: true,
      containers: [{ name: "a", image: "x", ports: [{ containerPort: 80 }] }],
    });
    expect(() => buildSandbox({ pod: p, node, image: "i", network: "berth-ns-shop" })).toThrow(
      /hostNetwork pods are not allowed on node n1/,
    );
    const b = buildSandbox({
      pod: p,
      node: { ...node, policy: openPolicy },
      image: "i",
      network: "berth-ns-shop",
    });
    expect(b.options.HostConfig.NetworkMode).toBe("host");
    expect(b.options.HostConfig.PortBindings).toBeUndefined();
    expect(b.options.Hostname).toBeUndefined();
    expect(b.options.NetworkingConfig).toBeUndefined();
  });

  it("refuses a hostPath volume before anything is created", () => {
    const p = pod({ volumes: [{ name: "h", hostPath: { path: "/etc" } }] });
    expect(() => buildSandbox({ pod: p, node, image: "i", network: "n" })).toThrow(
      "hostPath volumes are not allowed on node n1; set runtime.allowHostPath in berth.yaml",
    );
  });

  it("derives hostname and aliases like Kubernetes", () => {
    expect(podHostname(pod({}, { name: `${"a".repeat(62)}-xyz` }))).toBe("a".repeat(62));
    expect(podHostname(pod({ hostname: "h" }))).toBe("h");
    expect(podAliases(pod())).toEqual(["web-1"]);
    expect(podAliases(pod({ subdomain: "svc" }))).toEqual(["web-1", "web-1.svc"]);
  });
});
