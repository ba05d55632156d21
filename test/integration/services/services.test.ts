// Services across two real engines: the main engine (n1) and test host n2 (scripts/test-hosts.sh).
// A Service backed by three pods on both engines answers from all three, by every name and by its
// cluster IP, from clients on either engine; an unready pod stops getting connections; another
// namespace reaches it by its qualified name; env vars, node ports, LoadBalancer status, adoption
// after a restart and cleanup after deletion.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { idOf } from "../../../src/manifest/identity.js";
import type { Service } from "../../../src/manifest/types.js";
import { listProxies } from "../../../src/network/services/proxy-docker.js";
import {
  eventually,
  fetchMany,
  forwardNamesDocker0,
  IDLE,
  makeCluster,
  must,
  testHostsUp,
  WEB,
  type Cluster,
  type RunningPod,
} from "./harness.js";

let c: Cluster;
let ns: string;
let client1: RunningPod;
let client2: RunningPod;
let web: Service;

const hostnames = (bodies: string[]) => new Set(bodies);

beforeAll(async () => {
  await testHostsUp();
  c = await makeCluster(["n1", "n2"]);
  ns = c.namespace();
  web = c.service(ns, "web", {
    selector: { app: "web" },
    ports: [{ name: "http", port: 8080, targetPort: "http", protocol: "TCP" }],
  });
  const labels = { app: "web" };
  await c.runPod("n1", ns, "web-a", { containers: [WEB] }, { labels });
  // One remote pod without the published-ports annotation: the controller asks Docker.
  await c.runPod("n2", ns, "web-b", { containers: [WEB] }, { labels, annotate: false });
  await c.runPod("n2", ns, "web-c", { containers: [WEB] }, { labels });
  client1 = await c.runPod("n1", ns, "client-1", { containers: [IDLE] });
  client2 = await c.runPod("n2", ns, "client-2", { containers: [IDLE] });
  await c.controller.settled();
  web = must(c.store.get("Service", ns, "web"), "Service web");
});

afterAll(async () => {
  await c.cleanup();
  expect(await forwardNamesDocker0()).toBe(true);
});

describe("a ClusterIP Service over pods on two engines", () => {
  it("gets a cluster IP from the namespace's part of the range, in spec", () => {
    expect(web.spec.clusterIP).toMatch(/^10\.\d+\.\d+\.\d+$/);
    expect(web.spec.clusterIPs).toEqual([web.spec.clusterIP]);
    expect(c.events.filter((e) => e.type === "Warning")).toEqual([]);
  });

  it("runs a proxy on each node", async () => {
    for (const n of c.nodes.values()) {
      const proxies = await listProxies(n.docker, n.name);
      expect(proxies.map((p) => [p.name, p.state])).toEqual([[`berth_svc_${ns}_web`, "running"]]);
    }
    // Each proxy's start went through its node's sandbox network gate.
    for (const ops of c.gated.values()) expect(ops).toContain("join");
  });

  it("load-balances over all three pods from a client on either engine", async () => {
    for (const client of [client1, client2]) {
      const bodies = await eventually(
        () => fetchMany(c, client, "http://web:8080/cgi-bin/host", 12),
        (b) => hostnames(b).size === 3,
      );
      expect(hostnames(bodies)).toEqual(new Set(["web-a", "web-b", "web-c"]));
    }
  });

  it("answers by every name and by the cluster IP", async () => {
    const names = [`web.${ns}`, `web.${ns}.svc`, `web.${ns}.svc.cluster.local`, web.spec.clusterIP ?? ""];
    for (const client of [client1, client2]) {
      for (const name of names) {
        const [body] = await fetchMany(c, client, `http://${name}:8080/cgi-bin/host`, 1);
        expect(["web-a", "web-b", "web-c"]).toContain(body);
      }
    }
  });

  it("stops sending new connections to a pod that is not ready, and resumes when it is", async () => {
    const b = must(c.store.get("Pod", ns, "web-b"), "Pod web-b");
    c.setReady(b, false);
    await c.controller.settled();
    const without = await fetchMany(c, client1, "http://web:8080/cgi-bin/host", 9);
    expect(hostnames(without)).toEqual(new Set(["web-a", "web-c"]));
    c.setReady(b, true);
    await c.controller.settled();
    const again = await eventually(
      () => fetchMany(c, client1, "http://web:8080/cgi-bin/host", 9),
      (x) => hostnames(x).has("web-b"),
    );
    expect(hostnames(again)).toContain("web-b");
  });

  it("is reached from another namespace by its qualified name only", async () => {
    const other = c.namespace("x");
    const client = await c.runPod("n2", other, "client-x", { containers: [IDLE] });
    await c.controller.settled();
    const bodies = await eventually(
      () => fetchMany(c, client, `http://web.${ns}:8080/cgi-bin/host`, 6),
      (b) => hostnames(b).size === 3,
    );
    expect(hostnames(bodies)).toEqual(new Set(["web-a", "web-b", "web-c"]));
    // `web` alone means a Service of the client's own namespace: there is none. (Where the name
    // goes instead depends on the host's resolvers; it must not reach the Service.)
    const bare = await c.sh(client, "timeout 3 wget -qO- http://web:8080/cgi-bin/host 2>&1; echo rc=$?");
    expect(bare).not.toMatch(/web-[abc]/);
    expect(bare).not.toContain("rc=0");
  });

  it("gives pods started after it the service environment variables", async () => {
    const p = await c.runPod("n1", ns, "env-check", { containers: [IDLE] });
    const env = await c.sh(p, "env | sort");
    const ip = web.spec.clusterIP ?? "";
    expect(env).toContain(`WEB_SERVICE_HOST=${ip}\n`);
    expect(env).toContain("WEB_SERVICE_PORT=8080\n");
    expect(env).toContain("WEB_SERVICE_PORT_HTTP=8080\n");
    expect(env).toContain(`WEB_PORT=tcp://${ip}:8080\n`);
    expect(env).toContain(`WEB_PORT_8080_TCP=tcp://${ip}:8080\n`);
    expect(env).toContain("WEB_PORT_8080_TCP_PROTO=tcp\n");
    expect(env).toContain("WEB_PORT_8080_TCP_PORT=8080\n");
    expect(env).toContain(`WEB_PORT_8080_TCP_ADDR=${ip}\n`);
    const body = await c.sh(
      p,
      'timeout 5 wget -qO- "http://$WEB_SERVICE_HOST:$WEB_SERVICE_PORT/cgi-bin/host"',
    );
    expect(["web-a", "web-b", "web-c"]).toContain(body.trim());
  });
});

describe("the ingress's view", () => {
  it("resolves the ready endpoints to addresses the berth host reaches", async () => {
    const r = c.controller.resolve(ns, "web", { name: "http" });
    expect(r.endpoints.map((e) => e.pod)).toEqual([`${ns}/web-a`, `${ns}/web-b`, `${ns}/web-c`]);
    const bodies: string[] = [];
    for (const e of r.endpoints) {
      const res = await fetch(`http://${e.host}:${e.port}/cgi-bin/host`, {
        signal: AbortSignal.timeout(5000),
      });
      bodies.push((await res.text()).trim());
    }
    expect(bodies).toEqual(["web-a", "web-b", "web-c"]);
  });
});

describe("NodePort and LoadBalancer", () => {
  it("answers on every node's address at the node port and lists the nodes as LoadBalancer ingress", async () => {
    c.service(ns, "web-lb", {
      type: "LoadBalancer",
      selector: { app: "web" },
      ports: [{ port: 8081, targetPort: 80, protocol: "TCP" }],
    });
    await c.controller.settled();
    const lb = must(c.store.get("Service", ns, "web-lb"), "Service web-lb");
    const nodePort = lb.spec.ports?.[0]?.nodePort ?? 0;
    expect(nodePort).toBeGreaterThanOrEqual(30000);
    expect(lb.status?.loadBalancer?.ingress).toEqual([{ ip: "10.231.0.1" }, { ip: "10.231.0.2" }]);
    const get = async (url: string) => {
      try {
        return (await (await fetch(url, { signal: AbortSignal.timeout(5000) })).text()).trim();
      } catch (e) {
        return String(e);
      }
    };
    for (const address of ["10.231.0.1", "10.231.0.2"]) {
      const url = `http://${address}:${nodePort}/cgi-bin/host`;
      // The proxy process needs a moment after its container started.
      await eventually(
        () => get(url),
        (b) => b.startsWith("web-"),
      );
      const seen = new Set<string>();
      for (let i = 0; i < 9; i++) seen.add(await get(url));
      expect(seen).toEqual(new Set(["web-a", "web-b", "web-c"]));
    }
  });

  it("refuses a node port another Service holds, with the Kubernetes message", async () => {
    const taken = must(c.store.get("Service", ns, "web-lb"), "Service web-lb").spec.ports?.[0]?.nodePort ?? 0;
    c.service(ns, "web-np", {
      type: "NodePort",
      selector: { app: "web" },
      ports: [{ port: 80, targetPort: 80, nodePort: taken, protocol: "TCP" }],
    });
    await c.controller.settled();
    const warning = c.events.find((e) => e.object.name === "web-np" && e.reason === "FailedToAllocate");
    expect(warning?.message).toContain(
      `spec.ports[0].nodePort: Invalid value: ${taken}: provided port is already allocated`,
    );
    for (const n of c.nodes.values()) {
      const names = (await listProxies(n.docker, n.name)).map((p) => p.name);
      expect(names).not.toContain(`berth_svc_${ns}_web-np`);
    }
  });
});

describe("restart and deletion", () => {
  it("adopts running proxies after a restart without restarting them", async () => {
    const lbNodePort = must(c.store.get("Service", ns, "web-lb"), "Service web-lb").spec.ports?.[0]?.nodePort;
    const before = new Map<string, string[]>();
    for (const n of c.nodes.values())
      before.set(n.name, (await listProxies(n.docker, n.name)).map((p) => p.id).sort());
    await c.controller.stop();
    const again = c.newController();
    again.start();
    await again.settled();
    for (const n of c.nodes.values()) {
      const proxies = await listProxies(n.docker, n.name);
      expect(proxies.map((p) => p.id).sort()).toEqual(before.get(n.name));
      for (const p of proxies) {
        const info = await n.docker.getContainer(p.id).inspect();
        expect(info.RestartCount).toBe(0);
        expect(info.State.Running).toBe(true);
      }
    }
    expect(must(c.store.get("Service", ns, "web"), "Service web").spec.clusterIP).toBe(web.spec.clusterIP);
    expect(must(c.store.get("Service", ns, "web-lb"), "Service web-lb").spec.ports?.[0]?.nodePort).toBe(
      lbNodePort,
    );
    const bodies = await fetchMany(c, client2, "http://web:8080/cgi-bin/host", 3);
    expect(bodies.every((b) => ["web-a", "web-b", "web-c"].includes(b))).toBe(true);
    c.controller = again;
  });

  it("removes a deleted Service's proxies from every node and frees its addresses", async () => {
    const lb = must(c.store.get("Service", ns, "web-lb"), "Service web-lb");
    for (const ops of c.gated.values()) ops.length = 0;
    c.store.delete(idOf(lb));
    await c.controller.settled();
    // The running proxies left their networks through the nodes' gates.
    for (const ops of c.gated.values()) expect(ops).toEqual(["leave"]);
    for (const n of c.nodes.values()) {
      const names = (await listProxies(n.docker, n.name)).map((p) => p.name);
      expect(names).toEqual([`berth_svc_${ns}_web`]);
    }
    const held = JSON.stringify(c.allocations.value);
    expect(held).not.toContain(lb.metadata.uid);
  });
});
