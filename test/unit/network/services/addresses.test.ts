// The control-plane half over a real (in-memory) store: what lands in the Services, the
// allocations, and what the ingress resolver answers.

import { describe, expect, it } from "vitest";
import type { EventRecord } from "../../../../src/controllers/types.js";
import { idOf } from "../../../../src/manifest/identity.js";
import type { Pod, Service } from "../../../../src/manifest/types.js";
import { ServiceAddresses } from "../../../../src/network/services/addresses.js";
import type { EngineSubnets } from "../../../../src/network/services/engine-subnets.js";
import { ServiceEvents } from "../../../../src/network/services/events.js";
import { annotatedPorts } from "../../../../src/network/services/published-ports.js";
import { ServiceResolver } from "../../../../src/network/services/resolver.js";
import { allocationsIn, type Allocations } from "../../../../src/state/allocations.js";
import { ObjectStore } from "../../../../src/state/store.js";
import { FakeClock } from "../../../../src/util/clock.js";
import { pod, svc } from "./fixtures.js";

function setup(engineSubnets?: () => EngineSubnets) {
  const store = new ObjectStore(new FakeClock());
  const book = { value: {} as Allocations };
  const said: EventRecord[] = [];
  const addresses = new ServiceAddresses({
    store,
    allocations: { get: () => book.value, set: (a) => (book.value = a) },
    networkRange: "10.96.0.0/12",
    nodePortRange: { min: 30000, max: 30010 },
    clock: new FakeClock(),
    events: new ServiceEvents((e) => said.push(e)),
    nodeAddresses: () => ["192.0.2.1", "192.0.2.2"],
    ...(engineSubnets ? { engineSubnets } : {}),
  });
  const create = (s: Service) => {
    const { uid: _u, ...metadata } = s.metadata;
    return store.create({ ...s, metadata });
  };
  return { store, book, said, addresses, create };
}

describe("Service addresses in the store", () => {
  it("writes the cluster IP and node ports into spec and LoadBalancer ingress into status", () => {
    const { store, addresses, create } = setup();
    create(svc("lb", { type: "LoadBalancer", ports: [{ port: 80, protocol: "TCP" }] }));
    const served = addresses.reconcile();
    const lb = store.get("Service", "default", "lb");
    expect(lb?.spec.clusterIP).toBe("10.96.4.1");
    expect(lb?.spec.ports?.[0]?.nodePort).toBe(30000);
    expect(lb?.status).toEqual({ loadBalancer: { ingress: [{ ip: "192.0.2.1" }, { ip: "192.0.2.2" }] } });
    expect([...served.values()].map((s) => s.spec.clusterIP)).toEqual(["10.96.4.1"]);
    // A second pass writes nothing.
    const rv = store.resourceVersion;
    addresses.reconcile();
    expect(store.resourceVersion).toBe(rv);
  });

  it("gives namespaces their own subnets", () => {
    const { store, addresses, create } = setup();
    create(svc("a", { ports: [{ port: 80 }] }, { namespace: "one" }));
    create(svc("a", { ports: [{ port: 80 }] }, { namespace: "two" }));
    addresses.reconcile();
    expect(store.get("Service", "one", "a")?.spec.clusterIP).toBe("10.96.4.1");
    expect(store.get("Service", "two", "a")?.spec.clusterIP).toBe("10.96.12.1");
    expect(addresses.networkFor("two").subnet).toBe("10.96.8.0/21");
  });

  it("keeps serving the last good version when an update asks for a taken node port", () => {
    const { store, addresses, create, said } = setup();
    create(svc("a", { type: "NodePort", ports: [{ port: 80, protocol: "TCP" }] }));
    create(svc("b", { type: "NodePort", ports: [{ port: 80, protocol: "TCP" }] }));
    addresses.reconcile();
    const b = store.get("Service", "default", "b");
    if (!b) throw new Error("no b");
    store.update({ ...b, spec: { ...b.spec, ports: [{ port: 80, protocol: "TCP", nodePort: 30000 }] } });
    const served = addresses.reconcile();
    const bUid = b.metadata.uid ?? "";
    expect(served.get(bUid)?.spec.ports?.[0]?.nodePort).toBe(30001);
    expect(said.map((e) => [e.object.name, e.reason, e.message])).toEqual([
      [
        "b",
        "FailedToAllocate",
        "Service default/b is invalid: spec.ports[0].nodePort: Invalid value: 30000: provided port is already allocated (by Service default/a)",
      ],
    ]);
  });

  it("releases what deleted Services held", () => {
    const { store, addresses, create, book } = setup();
    const a = create(svc("a", { type: "NodePort", ports: [{ port: 80, protocol: "TCP" }] }));
    addresses.reconcile();
    expect(allocationsIn(book.value, "nodePorts")).toHaveLength(1);
    store.delete(idOf(a));
    addresses.reconcile();
    expect(allocationsIn(book.value, "nodePorts")).toEqual([]);
    expect(allocationsIn(book.value, "clusterIPs")).toEqual([]);
    // The namespace keeps its subnet: its networks stay on the engines.
    expect(allocationsIn(book.value, "namespaceSubnets").map((x) => x.value)).toEqual(["10.96.0.0/21"]);
  });
});

describe("the ingress resolver", () => {
  it("answers the ready endpoints of a port (by number or name) at their published ports", () => {
    const { store, addresses, create } = setup();
    create(
      svc("web", {
        selector: { app: "web" },
        ports: [{ name: "http", port: 8080, targetPort: "http", protocol: "TCP" }],
      }),
    );
    const add = (p: Pod) => {
      const { uid: _u, ...metadata } = p.metadata;
      const created = store.create({ ...p, metadata });
      store.updateStatus(idOf(created), p.status);
      // The annotation names the address the status has.
      return created;
    };
    add(pod("a", { node: "n1", published: [{ containerPort: 80, hostPort: 32001, hostIP: "192.0.2.1" }] }));
    add(
      pod("b", {
        node: "n2",
        ready: false,
        published: [{ containerPort: 80, hostPort: 32002, hostIP: "192.0.2.2" }],
      }),
    );
    add(pod("c", { node: "n2", spec: { hostNetwork: true }, ip: "192.0.2.2" }));
    let effective = addresses.reconcile();
    const resolver = new ServiceResolver(
      store,
      () => effective,
      {
        nodeAddresses: new Map([
          ["n1", "192.0.2.1"],
          ["n2", "192.0.2.2"],
        ]),
        portsOf: (p) => annotatedPorts(p)?.ports,
      },
      () => 0,
    );
    const byNumber = resolver.resolve("default", "web", { number: 8080 });
    expect(byNumber.endpoints).toEqual([
      { host: "192.0.2.1", port: 32001, pod: "default/a" },
      { host: "192.0.2.2", port: 80, pod: "default/c" },
    ]);
    expect(byNumber.service?.metadata.name).toBe("web");
    expect(resolver.resolve("default", "web", { name: "http" }).endpoints).toHaveLength(2);
    expect(resolver.resolve("default", "web", { number: 9999 }).endpoints).toEqual([]);
    expect(resolver.resolve("default", "nope", { number: 80 })).toEqual({ endpoints: [] });
    // A change in the store is seen at once.
    const b = store.get("Pod", "default", "b");
    if (!b?.status) throw new Error("no b");
    store.updateStatus(idOf(b), { ...b.status, conditions: [{ type: "Ready", status: "True" }] });
    effective = addresses.reconcile();
    expect(resolver.resolve("default", "web", { number: 8080 }).endpoints.map((e) => e.pod)).toEqual([
      "default/a",
      "default/b",
      "default/c",
    ]);
  });
});

describe("re-planning a namespace whose subnet was taken after the engines were scanned", () => {
  const scan = (taken: string[], byNamespace: [string, string][] = []) => ({
    taken: new Set(taken),
    byNamespace: new Map(byNamespace),
  });

  it("moves the namespace and its Services' cluster IPs to a free subnet", () => {
    let engines = scan([]);
    const { store, book, addresses, create } = setup(() => engines);
    create(svc("web", { ports: [{ port: 80 }] }, { namespace: "shop" }));
    addresses.reconcile();
    expect(store.get("Service", "shop", "web")?.spec.clusterIP).toBe("10.96.4.1");
    // Another tool's network now covers part of shop's subnet; shop has no network yet.
    engines = scan(["10.96.2.0/24"]);
    expect(addresses.replan("shop", engines)).toBe(true);
    expect(addresses.recorded("shop")).toBeUndefined();
    expect(allocationsIn(book.value, "clusterIPs")).toEqual([]);
    expect(store.get("Service", "shop", "web")?.spec.clusterIP).toBeUndefined();
    addresses.reconcile();
    expect(addresses.recorded("shop")).toBe("10.96.8.0/21");
    expect(store.get("Service", "shop", "web")?.spec.clusterIP).toBe("10.96.12.1");
  });

  it("leaves a subnet alone when it does not clash or the namespace network exists", () => {
    const { addresses, create } = setup();
    create(svc("web", { ports: [{ port: 80 }] }, { namespace: "shop" }));
    addresses.reconcile();
    expect(addresses.replan("shop", scan(["172.17.0.0/16"]))).toBe(false);
    expect(addresses.replan("shop", scan(["10.96.2.0/24"], [["shop", "10.96.0.0/21"]]))).toBe(false);
    expect(addresses.replan("other", scan(["10.96.2.0/24"]))).toBe(false);
    expect(addresses.recorded("shop")).toBe("10.96.0.0/21");
  });
});
