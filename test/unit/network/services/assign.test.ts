import { describe, expect, it } from "vitest";
import type { Service } from "../../../../src/manifest/types.js";
import { assignServiceAddresses, NODE_PORTS_ANNOTATION } from "../../../../src/network/services/assign.js";
import { mustParseCidr } from "../../../../src/network/services/ipv4.js";
import { planFor } from "../../../../src/network/services/subnets.js";
import { allocate, allocationsIn, type Allocations } from "../../../../src/state/allocations.js";
import { svc } from "./fixtures.js";

const NOW = Date.parse("2026-01-01T00:00:00Z");
const plan = planFor("default", mustParseCidr("10.96.0.0/21", "s"));
const range = { min: 30000, max: 30002 };

function assign(service: Service, allocations: Allocations = {}) {
  return assignServiceAddresses({
    service,
    allocations,
    ...(service.spec.clusterIP !== "None" && service.spec.type !== "ExternalName" ? { plan } : {}),
    nodePortRange: range,
    now: NOW,
  });
}

const other = { kind: "Service" as const, namespace: "default", name: "other", uid: "uid-other" };

describe("cluster IPs", () => {
  it("hands out the lowest free one and keeps it across calls and updates without it", () => {
    const r = assign(svc("web", { ports: [{ port: 80 }] }));
    expect(r.problems).toEqual([]);
    expect(r.spec.clusterIP).toBe("10.96.4.1");
    expect(r.spec.clusterIPs).toEqual(["10.96.4.1"]);
    // An update from git drops the field: the Service keeps its address (held by its uid).
    const again = assign(svc("web", { ports: [{ port: 80 }] }), r.allocations);
    expect(again.spec.clusterIP).toBe("10.96.4.1");
    expect(again.allocations).toBe(r.allocations);
    const second = assign(svc("api", { ports: [{ port: 80 }] }), r.allocations);
    expect(second.spec.clusterIP).toBe("10.96.4.2");
  });

  it("honours a requested address in the range", () => {
    const r = assign(svc("web", { clusterIP: "10.96.6.7", ports: [{ port: 80 }] }));
    expect(r.spec.clusterIP).toBe("10.96.6.7");
    expect(allocationsIn(r.allocations, "clusterIPs").map((a) => a.value)).toEqual(["10.96.6.7"]);
  });

  it("moves to a newly requested address, freeing the old one", () => {
    const first = assign(svc("web", { ports: [{ port: 80 }] }));
    const moved = assign(svc("web", { clusterIP: "10.96.6.7", ports: [{ port: 80 }] }), first.allocations);
    expect(allocationsIn(moved.allocations, "clusterIPs").map((a) => a.value)).toEqual(["10.96.6.7"]);
  });

  it("refuses an address outside the namespace's range or taken, as the API server words it", () => {
    const out = assign(svc("web", { clusterIP: "10.96.1.5", ports: [{ port: 80 }] }));
    expect(out.problems).toEqual([
      'spec.clusterIPs: Invalid value: ["10.96.1.5"]: failed to allocate IP 10.96.1.5: provided IP is not in the valid range. The range of valid IPs is 10.96.4.1-10.96.7.254 (namespace default)',
    ]);
    expect(out.allocations).toEqual({});
    const held = allocate({}, "clusterIPs", "10.96.4.9", other, NOW);
    const taken = assign(svc("web", { clusterIP: "10.96.4.9", ports: [{ port: 80 }] }), held);
    expect(taken.problems).toEqual([
      'spec.clusterIPs: Invalid value: ["10.96.4.9"]: failed to allocate IP 10.96.4.9: provided IP is already allocated',
    ]);
    expect(taken.allocations).toBe(held);
  });

  it("gives headless and ExternalName Services none and frees what they held", () => {
    const first = assign(svc("web", { ports: [{ port: 80 }] }));
    const headless = assign(svc("web", { clusterIP: "None", ports: [{ port: 80 }] }), first.allocations);
    expect(headless.spec.clusterIP).toBe("None");
    expect(headless.spec.clusterIPs).toEqual(["None"]);
    expect(allocationsIn(headless.allocations, "clusterIPs")).toEqual([]);
    const ext = assign(svc("web", { type: "ExternalName", externalName: "example.com" }), first.allocations);
    expect(ext.spec.clusterIP).toBeUndefined();
    expect(allocationsIn(ext.allocations, "clusterIPs")).toEqual([]);
  });
});

describe("node ports", () => {
  const np = (ports: Service["spec"]["ports"], type: "NodePort" | "LoadBalancer" = "NodePort") =>
    svc("web", { type, ports: ports ?? [] });

  it("gives every port of NodePort and LoadBalancer Services one from the range", () => {
    const r = assign(
      np([
        { name: "http", port: 80, protocol: "TCP" },
        { name: "dns", port: 53, protocol: "UDP" },
      ]),
    );
    expect(r.spec.ports?.map((p) => p.nodePort)).toEqual([30000, 30001]);
    expect(JSON.parse(r.annotations[NODE_PORTS_ANNOTATION] ?? "{}")).toEqual({
      "TCP/80": 30000,
      "UDP/53": 30001,
    });
    const lb = assign(
      svc("lb", { type: "LoadBalancer", ports: [{ port: 80, protocol: "TCP" }] }),
      r.allocations,
    );
    expect(lb.spec.ports?.[0]?.nodePort).toBe(30002);
  });

  it("keeps each port's node port when git drops the field, by the remembered mapping", () => {
    const first = assign(
      np([
        { name: "a", port: 80, protocol: "TCP" },
        { name: "b", port: 81, protocol: "TCP" },
      ]),
    );
    const stored = svc("web", {
      type: "NodePort",
      ports: [
        { name: "b", port: 81, protocol: "TCP" },
        { name: "a", port: 80, protocol: "TCP" },
      ],
    });
    stored.metadata.annotations = first.annotations;
    const again = assign(stored, first.allocations);
    expect(again.spec.ports?.map((p) => [p.port, p.nodePort])).toEqual([
      [81, 30001],
      [80, 30000],
    ]);
  });

  it("honours an explicit node port and refuses a taken or out-of-range one", () => {
    const r = assign(np([{ port: 80, nodePort: 30002, protocol: "TCP" }]));
    expect(r.spec.ports?.[0]?.nodePort).toBe(30002);
    const held = allocate({}, "nodePorts", 30001, other, NOW);
    const taken = assign(np([{ port: 80, nodePort: 30001, protocol: "TCP" }]), held);
    expect(taken.problems).toEqual([
      "spec.ports[0].nodePort: Invalid value: 30001: provided port is already allocated (by Service default/other)",
    ]);
    expect(taken.spec).toEqual(np([{ port: 80, nodePort: 30001, protocol: "TCP" }]).spec);
    const outside = assign(np([{ port: 80, nodePort: 31000, protocol: "TCP" }]));
    expect(outside.problems).toEqual([
      "spec.ports[0].nodePort: Invalid value: 31000: provided port is not in the valid range. The range of valid ports is 30000-30002",
    ]);
  });

  it("refuses the same node port twice in one Service", () => {
    const r = assign(
      np([
        { name: "a", port: 80, nodePort: 30000, protocol: "TCP" },
        { name: "b", port: 81, nodePort: 30000, protocol: "TCP" },
      ]),
    );
    expect(r.problems).toEqual([
      "spec.ports[1].nodePort: Invalid value: 30000: provided port is already allocated",
    ]);
  });

  it("says when the range is full and assigns nothing then", () => {
    let a: Allocations = {};
    for (const n of [30000, 30001, 30002]) a = allocate(a, "nodePorts", n, other, NOW);
    const r = assign(np([{ port: 80, protocol: "TCP" }]), a);
    expect(r.problems).toEqual(["failed to allocate a node port: the range 30000-30002 is full"]);
    expect(r.allocations).toBe(a);
  });

  it("frees node ports of a removed port and of a Service that became ClusterIP", () => {
    const first = assign(
      np([
        { name: "a", port: 80, protocol: "TCP" },
        { name: "b", port: 81, protocol: "TCP" },
      ]),
    );
    const stored = np([{ name: "a", port: 80, protocol: "TCP" }]);
    stored.metadata.annotations = first.annotations;
    const fewer = assign(stored, first.allocations);
    expect(allocationsIn(fewer.allocations, "nodePorts").map((x) => x.value)).toEqual([30000]);
    const plain = svc("web", { type: "ClusterIP", ports: [{ port: 80, nodePort: 30000, protocol: "TCP" }] });
    plain.metadata.annotations = fewer.annotations;
    const cleared = assign(plain, fewer.allocations);
    expect(allocationsIn(cleared.allocations, "nodePorts")).toEqual([]);
    expect(cleared.spec.ports).toEqual([{ port: 80, protocol: "TCP" }]);
    expect(cleared.annotations[NODE_PORTS_ANNOTATION]).toBeUndefined();
  });
});
