import { describe, expect, it } from "vitest";
import type { Service } from "../../../../src/manifest/types.js";
import { desiredProxies, networksToJoin, planNode } from "../../../../src/network/services/node-plan.js";
import type { ObservedProxy } from "../../../../src/network/services/proxy-docker.js";
import {
  buildProxySpec,
  proxyContainerName,
  serviceAliases,
} from "../../../../src/network/services/proxy-spec.js";
import { pod, svc } from "./fixtures.js";

const web = svc("web", {
  clusterIP: "10.96.4.1",
  selector: { app: "web" },
  ports: [{ name: "http", port: 80, targetPort: "http", protocol: "TCP" }],
});

function input(services: Service[], opts: { staticOk?: boolean } = {}) {
  return {
    node: "n1",
    image: "berth.local/proxy:abc",
    clusterDomain: "cluster.local",
    services,
    pods: [pod("a", { node: "n1" })],
    reach: { nodeAddresses: new Map([["n1", "192.0.2.1"]]), portsOf: () => undefined },
    staticIPUsable: () => opts.staticOk ?? true,
    loadBalancerBlocked: new Set<string>(),
  };
}

describe("the proxy container spec", () => {
  it("joins the namespace network with the cluster IP and the four names, unprivileged", () => {
    const s = buildProxySpec({
      service: web,
      node: "n1",
      image: "img",
      clusterDomain: "cluster.local",
      staticIP: "10.96.4.1",
      loadBalancerPorts: true,
    });
    expect(s.options.name).toBe("berth_svc_default_web");
    expect(s.network).toBe("berth-ns-default");
    expect(s.options.NetworkingConfig.EndpointsConfig["berth-ns-default"]).toEqual({
      Aliases: ["web", "web.default", "web.default.svc", "web.default.svc.cluster.local"],
      IPAMConfig: { IPv4Address: "10.96.4.1" },
    });
    expect(s.options.Labels).toMatchObject({
      "io.berth.managed": "true",
      "io.berth.role": "proxy",
      "io.berth.node": "n1",
      "io.berth.service.name": "web",
      "io.berth.service.namespace": "default",
      "io.berth.service.uid": "uid-web",
    });
    expect(s.options.User).toBe("65534:65534");
    expect(s.options.HostConfig.CapDrop).toEqual(["ALL"]);
    expect(s.options.HostConfig.RestartPolicy).toEqual({ Name: "always" });
    expect(s.options.ExposedPorts).toEqual({ "80/tcp": {} });
    expect(s.options.HostConfig.PortBindings).toEqual({});
  });

  it("publishes node ports, and for LoadBalancers the service ports too unless they were taken", () => {
    const np = svc("np", {
      type: "NodePort",
      clusterIP: "10.96.4.2",
      ports: [{ port: 80, nodePort: 30080, protocol: "TCP" }],
    });
    expect(
      buildProxySpec({ service: np, node: "n1", image: "i", clusterDomain: "c", loadBalancerPorts: true })
        .options.HostConfig.PortBindings,
    ).toEqual({
      "80/tcp": [{ HostIp: "", HostPort: "30080" }],
    });
    const lb = { ...np, spec: { ...np.spec, type: "LoadBalancer" as const } };
    expect(
      buildProxySpec({ service: lb, node: "n1", image: "i", clusterDomain: "c", loadBalancerPorts: true })
        .options.HostConfig.PortBindings,
    ).toEqual({
      "80/tcp": [
        { HostIp: "", HostPort: "30080" },
        { HostIp: "", HostPort: "80" },
      ],
    });
    expect(
      buildProxySpec({ service: lb, node: "n1", image: "i", clusterDomain: "c", loadBalancerPorts: false })
        .options.HostConfig.PortBindings,
    ).toEqual({
      "80/tcp": [{ HostIp: "", HostPort: "30080" }],
    });
  });

  it("changes its hash with what needs a new container, not with endpoints", () => {
    const base = { node: "n1", image: "img", clusterDomain: "cluster.local", loadBalancerPorts: true };
    const a = buildProxySpec({ ...base, service: web, staticIP: "10.96.4.1" });
    const moved = buildProxySpec({ ...base, service: web, staticIP: "10.96.4.2" });
    const image = buildProxySpec({ ...base, service: web, staticIP: "10.96.4.1", image: "img2" });
    expect(new Set([a.specHash, moved.specHash, image.specHash]).size).toBe(3);
    const d1 = desiredProxies(input([web]));
    const d2 = desiredProxies({ ...input([web]), pods: [] });
    expect(d1.proxies[0]?.spec.specHash).toBe(d2.proxies[0]?.spec.specHash);
    expect(d1.proxies[0]?.configHash).not.toBe(d2.proxies[0]?.configHash);
  });

  it("names other namespaces' aliases without the bare name", () => {
    expect(serviceAliases("shop", "web", "cluster.local", false)).toEqual([
      "web.shop",
      "web.shop.svc",
      "web.shop.svc.cluster.local",
    ]);
    expect(proxyContainerName("shop", "web")).toBe("berth_svc_shop_web");
  });
});

describe("desired proxies on a node", () => {
  it("are one per Service with a cluster IP (ExternalName and unassigned ones get none), one per headless endpoint pod", () => {
    const services = [
      web,
      svc("hl", { clusterIP: "None", selector: { app: "web" }, ports: [{ port: 80 }] }),
      svc("ext", { type: "ExternalName", externalName: "example.com" }),
      svc("pending", { selector: { app: "web" }, ports: [{ port: 80 }] }),
    ];
    const { proxies, warnings } = desiredProxies(input(services));
    expect(proxies.map((p) => p.spec.options.name)).toEqual(["berth_pod_default_a", "berth_svc_default_web"]);
    expect(warnings).toEqual([]);
    expect(JSON.parse(proxies[1]?.configJson ?? "{}")).toMatchObject({
      ports: [{ port: 80, endpoints: [{ host: "10.96.0.2", port: 80 }] }],
    });
  });

  it("go without a static address, and say so, where the namespace network lacks berth's subnet", () => {
    const { proxies, warnings } = desiredProxies(input([web], { staticOk: false }));
    expect(
      proxies[0]?.spec.options.NetworkingConfig.EndpointsConfig["berth-ns-default"]?.IPAMConfig,
    ).toBeUndefined();
    expect(warnings.map((w) => w.reason)).toEqual(["ClusterIPUnreachable"]);
  });
});

function observed(o: Partial<ObservedProxy>): ObservedProxy {
  return {
    id: "c1",
    name: "berth_svc_default_web",
    state: "running",
    specHash: "",
    namespace: "default",
    service: "web",
    serviceUid: "uid-web",
    networks: ["berth-ns-default"],
    ...o,
  };
}

describe("planning a node", () => {
  const [d] = desiredProxies(input([web])).proxies;
  if (!d) throw new Error("no desired proxy");

  it("keeps a proxy of the same Service and spec (a restarted berth adopts it), stopped ones too", () => {
    const o = observed({ specHash: d.spec.specHash, state: "exited" });
    expect(planNode([d], [o])).toEqual({ keep: [{ desired: d, observed: o }], create: [], remove: [] });
  });

  it("replaces one of an older spec or of a deleted namesake, and removes leftovers and duplicates", () => {
    const old = observed({ id: "old", specHash: "different" });
    const namesake = observed({ id: "namesake", specHash: d.spec.specHash, serviceUid: "uid-previous" });
    const extra = observed({ id: "extra", name: "berth_svc_default_gone", serviceUid: "uid-gone" });
    const keep = observed({ id: "keep", specHash: d.spec.specHash });
    const dup = observed({ id: "dup", specHash: d.spec.specHash });
    expect(planNode([d], [old, namesake, extra])).toEqual({
      keep: [],
      create: [d],
      remove: [old, namesake, extra],
    });
    expect(planNode([d], [keep, dup])).toEqual({
      keep: [{ desired: d, observed: keep }],
      create: [],
      remove: [dup],
    });
  });

  it("joins every other namespace network with the qualified names", () => {
    const nets = [
      { name: "berth-ns-default", namespace: "default" },
      { name: "berth-ns-shop", namespace: "shop" },
      { name: "berth-ns-ops", namespace: "ops" },
    ];
    expect(networksToJoin(d, ["berth-ns-default", "berth-ns-ops"], nets)).toEqual([
      {
        network: "berth-ns-shop",
        aliases: ["web.default", "web.default.svc", "web.default.svc.cluster.local"],
      },
    ]);
  });
});
