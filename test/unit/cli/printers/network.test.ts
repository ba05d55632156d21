import { describe, expect, it } from "vitest";
import {
  externalIP,
  formatEndpoints,
  ingressHosts,
  loadBalancerString,
  servicePorts,
} from "../../../../src/cli/printers/network.js";
import type { Ingress, Service } from "../../../../src/manifest/types.js";
import { computeEndpoints, type Endpoints } from "../../../../src/network/endpoints.js";
import {
  dbPod,
  externalService,
  headlessService,
  ingress,
  nodePortService,
  webPodA,
  webPodB,
  webService,
} from "../../../support/cli-cluster.js";
import { lines, table } from "./helpers.js";

const pods = [webPodA, webPodB, dbPod];

describe("berth get services", () => {
  it("prints NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE, wide SELECTOR", () => {
    expect(
      table("Service", [headlessService, externalService, webService, nodePortService], { wide: true }),
    ).toBe(
      lines(
        "NAME     TYPE           CLUSTER-IP   EXTERNAL-IP   PORT(S)        AGE   SELECTOR",
        "db       ClusterIP      None         <none>        5432/TCP       5m    app=db",
        "ext      ExternalName   <none>       example.com   <none>         5m    <none>",
        "web      ClusterIP      10.96.0.10   <none>        80/TCP         5m    app=web",
        "web-np   NodePort       10.96.0.11   <none>        80:30080/TCP   5m    app=web",
      ),
    );
  });

  it("a LoadBalancer is <pending> without an address; long addresses are cut unless wide", () => {
    const lb: Service = { ...webService, spec: { ...webService.spec, type: "LoadBalancer" } };
    expect(externalIP(lb, false)).toBe("<pending>");
    lb.status = {
      loadBalancer: {
        ingress: [{ ip: "203.0.113.10" }, { hostname: "lb.example.com" }, { ip: "203.0.113.10" }],
      },
    };
    expect(externalIP(lb, true)).toBe("203.0.113.10,lb.example.com");
    expect(externalIP(lb, false)).toBe("203.0.113.10,...");
    expect(loadBalancerString(undefined, false)).toBe("");
  });

  it("ports list every port, node ports after a colon", () => {
    expect(
      servicePorts([
        { port: 80, nodePort: 30080, protocol: "TCP" },
        { port: 53, protocol: "UDP" },
      ]),
    ).toBe("80:30080/TCP,53/UDP");
  });
});

describe("berth get endpoints", () => {
  it("prints ready addresses with their target ports; only-not-ready services print nothing", () => {
    const eps = [headlessService, webService].map((s) => computeEndpoints(s, pods));
    expect(table("Endpoints", eps)).toBe(
      lines(
        "NAME   ENDPOINTS                         AGE",
        "db                                       5m",
        "web    10.244.1.5:8080,10.244.2.7:8080   5m",
      ),
    );
  });

  it("shows three and counts the rest; <none> without subsets", () => {
    const ep: Endpoints = {
      apiVersion: "v1",
      kind: "Endpoints",
      metadata: { name: "big", namespace: "default" },
      subsets: [
        {
          addresses: ["10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4"].map((ip) => ({
            ip,
            targetRef: { kind: "Pod" as const, namespace: "default", name: ip },
          })),
          ports: [
            { name: "http", port: 8080, protocol: "TCP" },
            { name: "metrics", port: 9090, protocol: "TCP" },
          ],
        },
      ],
    };
    expect(formatEndpoints(ep)).toBe("10.0.0.1:8080,10.0.0.2:8080,10.0.0.3:8080 + 5 more...");
    expect(formatEndpoints(ep, new Set(["metrics"]))).toBe(
      "10.0.0.1:9090,10.0.0.2:9090,10.0.0.3:9090 + 1 more...",
    );
    expect(formatEndpoints({ ...ep, subsets: [] })).toBe("<none>");
    expect(formatEndpoints(undefined)).toBe("<none>");
  });
});

describe("berth get ingresses", () => {
  it("prints NAME CLASS HOSTS ADDRESS PORTS AGE", () => {
    const withAddress: Ingress = {
      ...ingress,
      status: { loadBalancer: { ingress: [{ ip: "192.168.1.11" }] } },
    };
    const plain: Ingress = {
      ...ingress,
      metadata: { ...ingress.metadata, name: "catch-all" },
      spec: { defaultBackend: { service: { name: "web", port: { number: 80 } } } },
    };
    expect(table("Ingress", [plain, withAddress])).toBe(
      lines(
        "NAME        CLASS    HOSTS             ADDRESS        PORTS     AGE",
        "catch-all   <none>   *                                80        5m",
        "web         berth    web.example.com   192.168.1.11   80, 443   5m",
      ),
    );
  });

  it("HOSTS shows three hosts and counts the rest", () => {
    const rules = ["a.example", "b.example", "", "c.example", "d.example"].map((host) =>
      host ? { host } : {},
    );
    expect(ingressHosts(rules)).toBe("a.example,b.example,c.example + 2 more...");
    expect(ingressHosts([{}])).toBe("*");
  });
});
