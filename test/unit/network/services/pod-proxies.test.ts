import { describe, expect, it } from "vitest";
import type { Pod } from "../../../../src/manifest/types.js";
import {
  buildPodProxySpec,
  headlessMembers,
  podProxyConfig,
} from "../../../../src/network/services/pod-proxies.js";
import { annotatedPorts } from "../../../../src/network/services/published-ports.js";
import { pod, svc } from "./fixtures.js";

const hl = svc("web", { clusterIP: "None", selector: { app: "web" }, ports: [{ port: 80 }] });
const ctx = {
  nodeAddresses: new Map([
    ["n1", "192.0.2.1"],
    ["n2", "192.0.2.2"],
  ]),
  portsOf: (p: Pod) => annotatedPorts(p)?.ports,
};
const web0 = pod("web-0", {
  node: "n2",
  ip: "10.96.0.3",
  spec: { hostname: "web-0", subdomain: "web" },
  published: [{ containerPort: 80, hostPort: 32100, hostIP: "192.0.2.2" }],
});

describe("headless endpoint pods", () => {
  it("get the Service's names and, with hostname and subdomain, their own", () => {
    const [m] = headlessMembers([hl], [web0], "cluster.local");
    expect(m?.own).toEqual([
      "web",
      "web-0.web",
      "web-0.web.default",
      "web-0.web.default.svc",
      "web-0.web.default.svc.cluster.local",
      "web.default",
      "web.default.svc",
      "web.default.svc.cluster.local",
    ]);
    expect(m?.other).toEqual([
      "web-0.web.default",
      "web-0.web.default.svc",
      "web-0.web.default.svc.cluster.local",
      "web.default",
      "web.default.svc",
      "web.default.svc.cluster.local",
    ]);
  });

  it("are the ready ones unless the Service publishes not-ready addresses", () => {
    const notReady = pod("web-1", { node: "n2", ready: false });
    expect(headlessMembers([hl], [web0, notReady], "c").map((m) => m.pod.metadata.name)).toEqual(["web-0"]);
    const publishing = { ...hl, spec: { ...hl.spec, publishNotReadyAddresses: true } };
    expect(headlessMembers([publishing], [web0, notReady], "c").map((m) => m.pod.metadata.name)).toEqual([
      "web-0",
      "web-1",
    ]);
  });

  it("are proxied to their published ports from other nodes and to their address on their own", () => {
    expect(podProxyConfig(web0, "n1", ctx).ports).toEqual([
      {
        name: "http",
        protocol: "TCP",
        port: 80,
        endpoints: [{ host: "192.0.2.2", port: 32100, pod: "default/web-0" }],
      },
    ]);
    expect(podProxyConfig(web0, "n2", ctx).ports[0]?.endpoints).toEqual([
      { host: "10.96.0.3", port: 80, pod: "default/web-0" },
    ]);
  });

  it("answer to their names on other nodes only; on their own node the sandbox does", () => {
    const [m] = headlessMembers([hl], [web0], "cluster.local");
    if (!m) throw new Error("no member");
    const elsewhere = buildPodProxySpec(m, "n1", "img");
    expect(elsewhere.options.name).toBe("berth_pod_default_web-0");
    expect(elsewhere.options.Labels["io.berth.service.uid"]).toBe("pod:uid-web-0");
    expect(elsewhere.options.NetworkingConfig.EndpointsConfig["berth-ns-default"]?.Aliases).toEqual(m.own);
    expect(elsewhere.options.ExposedPorts).toEqual({ "80/tcp": {} });
    const home = buildPodProxySpec(m, "n2", "img");
    expect(home.options.NetworkingConfig.EndpointsConfig["berth-ns-default"]?.Aliases).toEqual([]);
    expect(home.otherAliases).toEqual(m.other);
  });
});
