import { describe, expect, it } from "vitest";
import type { Pod } from "../../../../src/manifest/types.js";
import { proxyConfigFor } from "../../../../src/network/services/proxy-config.js";
import {
  annotatedPorts,
  formatPublishedPorts,
  hostEndpoint,
  PUBLISHED_PORTS_ANNOTATION,
  type PublishedPort,
} from "../../../../src/network/services/published-ports.js";
import type { ReachContext } from "../../../../src/network/services/targets.js";
import { pod, svc } from "./fixtures.js";

const ctx: ReachContext = {
  nodeAddresses: new Map([
    ["n1", "192.0.2.1"],
    ["n2", "192.0.2.2"],
  ]),
  portsOf: (p: Pod) => annotatedPorts(p)?.ports,
};

const web = svc("web", {
  clusterIP: "10.96.4.1",
  selector: { app: "web" },
  ports: [{ name: "http", port: 8080, targetPort: "http", protocol: "TCP" }],
});

describe("published ports", () => {
  it("round-trip through the annotation and go stale with a new sandbox address", () => {
    const p = pod("a", { ip: "10.96.0.5" });
    const ports = [{ containerPort: 80, protocol: "TCP" as const, hostIP: "192.0.2.2", hostPort: 32768 }];
    p.metadata.annotations = { [PUBLISHED_PORTS_ANNOTATION]: formatPublishedPorts("10.96.0.5", ports) };
    expect(annotatedPorts(p)).toEqual({ podIP: "10.96.0.5", ports });
    p.status = { ...p.status, phase: "Running", podIP: "10.96.0.9" };
    expect(annotatedPorts(p)).toBeUndefined();
    p.metadata.annotations = { [PUBLISHED_PORTS_ANNOTATION]: "{not json" };
    expect(annotatedPorts(p)).toBeUndefined();
  });

  it("prefer a binding on a specific IPv4 address; one on every address is reached at the node's", () => {
    const ports: PublishedPort[] = [
      { containerPort: 80, protocol: "TCP", hostIP: "::", hostPort: 31000 },
      { containerPort: 80, protocol: "TCP", hostIP: "0.0.0.0", hostPort: 31000 },
      { containerPort: 53, protocol: "UDP", hostIP: "192.0.2.9", hostPort: 32000 },
    ];
    expect(hostEndpoint(ports, 80, "TCP", "192.0.2.2")).toEqual({ host: "192.0.2.2", port: 31000 });
    expect(hostEndpoint(ports, 53, "UDP", "192.0.2.2")).toEqual({ host: "192.0.2.9", port: 32000 });
    expect(hostEndpoint(ports, 53, "TCP", "192.0.2.2")).toBeUndefined();
  });
});

describe("a node's proxy configuration", () => {
  it("dials local pods on the namespace network and remote ones at their published ports", () => {
    const pods = [
      pod("a", { node: "n1", ip: "10.96.0.2" }),
      pod("b", {
        node: "n2",
        ip: "10.96.0.2",
        published: [{ containerPort: 80, hostPort: 32768, hostIP: "192.0.2.2" }],
      }),
    ];
    const onN1 = proxyConfigFor(web, pods, "n1", ctx);
    expect(onN1.config).toEqual({
      service: "default/web",
      sessionAffinity: "None",
      affinityTimeoutSeconds: 10800,
      ports: [
        {
          name: "http",
          protocol: "TCP",
          port: 8080,
          endpoints: [
            { host: "10.96.0.2", port: 80, pod: "default/a" },
            { host: "192.0.2.2", port: 32768, pod: "default/b" },
          ],
        },
      ],
    });
    expect(onN1.unreachable).toEqual([]);
  });

  it("resolves a named target port per pod", () => {
    const other = pod("c", {
      node: "n1",
      ip: "10.96.0.3",
      containers: [
        { name: "web", image: "web", ports: [{ name: "http", containerPort: 8000, protocol: "TCP" }] },
      ],
    });
    const r = proxyConfigFor(web, [pod("a", { node: "n1" }), other], "n1", ctx);
    expect(r.config.ports[0]?.endpoints.map((e) => `${e.host}:${e.port}`)).toEqual([
      "10.96.0.2:80",
      "10.96.0.3:8000",
    ]);
  });

  it("leaves out pods that are not ready, not selected, or elsewhere", () => {
    const pods = [
      pod("a", { node: "n1", ready: false }),
      pod("b", { node: "n1", labels: { app: "db" } }),
      pod("c", { node: "n1", namespace: "other" }),
    ];
    expect(proxyConfigFor(web, pods, "n1", ctx).config.ports[0]?.endpoints).toEqual([]);
  });

  it("reaches host-network pods at their node's address and the target port from anywhere", () => {
    const p = pod("h", { node: "n2", ip: "192.0.2.2", spec: { hostNetwork: true } });
    const r = proxyConfigFor(
      svc("h", {
        clusterIP: "10.96.4.2",
        selector: { app: "web" },
        ports: [{ port: 80, targetPort: 8080, protocol: "TCP" }],
      }),
      [p],
      "n1",
      ctx,
    );
    expect(r.config.ports[0]?.endpoints).toEqual([{ host: "192.0.2.2", port: 8080, pod: "default/h" }]);
  });

  it("warns about a remote target port that was not published, and stays quiet while ports are unknown", () => {
    const undeclared = svc("w", {
      clusterIP: "10.96.4.2",
      selector: { app: "web" },
      ports: [{ port: 80, targetPort: 9000, protocol: "TCP" }],
    });
    const known = pod("b", { node: "n2", published: [{ containerPort: 80, hostPort: 32768 }] });
    const r = proxyConfigFor(undeclared, [known], "n1", ctx);
    expect(r.config.ports[0]?.endpoints).toEqual([]);
    expect(r.unreachable).toEqual([
      "pod b port 9000/TCP: not published on node n2 (declare it as a containerPort)",
    ]);
    const unknown = proxyConfigFor(undeclared, [pod("c", { node: "n2" })], "n1", ctx);
    expect(unknown.unreachable).toEqual([]);
  });

  it("carries UDP, sets ClientIP affinity and its timeout, and names SCTP ports it cannot carry", () => {
    const s = svc("dns", {
      clusterIP: "10.96.4.10",
      selector: { app: "web" },
      sessionAffinity: "ClientIP",
      ports: [
        { name: "dns", port: 53, targetPort: 53, protocol: "UDP" },
        { name: "sctp", port: 9, targetPort: 9, protocol: "SCTP" },
      ],
    });
    (s.spec as { sessionAffinityConfig?: unknown }).sessionAffinityConfig = {
      clientIP: { timeoutSeconds: 60 },
    };
    const r = proxyConfigFor(s, [pod("a", { node: "n1" })], "n1", ctx);
    expect(r.config.sessionAffinity).toBe("ClientIP");
    expect(r.config.affinityTimeoutSeconds).toBe(60);
    expect(r.config.ports.map((p) => `${p.port}/${p.protocol}`)).toEqual(["53/UDP"]);
    expect(r.unsupported).toEqual(["9/SCTP"]);
  });
});
