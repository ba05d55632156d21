import { describe, expect, it } from "vitest";
import type { Pod } from "../../../../src/manifest/types.js";
import { portResolver } from "../../../../src/runtime/agent/probe-target.js";
import type { ObservedContainer } from "../../../../src/runtime/observed.js";

const container = { name: "web", image: "x" };

function pod(hostNetwork = false): Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "p" },
    spec: { hostNetwork, containers: [container] },
  };
}

function sandbox(ports: ObservedContainer["ports"], ip = "172.18.0.5"): ObservedContainer {
  return {
    id: "sb",
    dockerName: "berth_default_p_POD",
    podUid: "u",
    podName: "p",
    namespace: "default",
    name: "POD",
    role: "sandbox",
    attempt: 0,
    specHash: "h",
    state: "running",
    exitCode: 0,
    oomKilled: false,
    image: "pause",
    imageId: "docker://sha256:1",
    createdAt: "2026-01-01T00:00:00Z",
    ports,
    ip,
    labels: {},
  };
}

describe("where probes connect", () => {
  it("through the port the sandbox publishes on the node's address", () => {
    const r = portResolver(
      pod(),
      sandbox([{ containerPort: 80, protocol: "TCP", hostIP: "10.231.0.2", hostPort: 32768 }]),
      "10.231.0.2",
    );
    expect(r(container, 80)).toEqual({ host: "10.231.0.2", port: 32768 });
  });

  it("a port published on every address is reached on the node's address", () => {
    const r = portResolver(
      pod(),
      sandbox([{ containerPort: 80, protocol: "TCP", hostIP: "0.0.0.0", hostPort: 8080 }]),
      "127.0.0.1",
    );
    expect(r(container, 80)).toEqual({ host: "127.0.0.1", port: 8080 });
  });

  it("an undeclared port goes to the pod IP; host-network pods to the node", () => {
    expect(portResolver(pod(), sandbox([]), "127.0.0.1")(container, 9000)).toEqual({
      host: "172.18.0.5",
      port: 9000,
    });
    expect(portResolver(pod(true), undefined, "10.0.0.1")(container, 9000)).toEqual({
      host: "10.0.0.1",
      port: 9000,
    });
  });

  it("no address at all is an error (thrown away by the prober)", () => {
    expect(() => portResolver(pod(), undefined, "127.0.0.1")(container, 80)).toThrow(/not reachable/);
  });
});
