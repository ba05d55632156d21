import { describe, expect, it } from "vitest";
import type { Pod, Service } from "../../../src/manifest/types.js";
import {
  computeEndpoints,
  hasEndpoints,
  isPodReady,
  resolveTargetPort,
} from "../../../src/network/endpoints.js";

function pod(
  name: string,
  ip: string | undefined,
  opts: {
    ready?: boolean;
    ns?: string;
    labels?: Record<string, string>;
    ports?: { name: string; port: number; protocol?: "TCP" | "UDP" }[];
    phase?: "Running" | "Succeeded" | "Failed";
    deleting?: boolean;
    hostname?: string;
    subdomain?: string;
  } = {},
): Pod {
  const p: Pod = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name,
      namespace: opts.ns ?? "default",
      uid: `uid-${name}`,
      labels: opts.labels ?? { app: "web" },
    },
    spec: {
      nodeName: "n1",
      containers: [
        {
          name: "c",
          image: "x",
          ports: (opts.ports ?? [{ name: "http", port: 8080 }]).map((x) => ({
            name: x.name,
            containerPort: x.port,
            protocol: x.protocol ?? "TCP",
          })),
        },
      ],
    },
    status: {
      phase: opts.phase ?? "Running",
      conditions: [{ type: "Ready", status: opts.ready === false ? "False" : "True" }],
    },
  };
  if (ip !== undefined && p.status) p.status.podIP = ip;
  if (opts.deleting) p.metadata.deletionTimestamp = "2026-11-26T10:00:00Z";
  if (opts.hostname) p.spec.hostname = opts.hostname;
  if (opts.subdomain) p.spec.subdomain = opts.subdomain;
  return p;
}

function service(spec: Partial<Service["spec"]> = {}): Service {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: {
      name: "web",
      namespace: "default",
      labels: { team: "a" },
      creationTimestamp: "2026-11-26T09:00:00Z",
    },
    spec: {
      type: "ClusterIP",
      selector: { app: "web" },
      ports: [{ name: "http", port: 80, targetPort: "http", protocol: "TCP" }],
      ...spec,
    },
  };
}

describe("computeEndpoints", () => {
  it("selects ready pods of the namespace, resolves a named target port and sorts addresses by IP", () => {
    const ep = computeEndpoints(service(), [
      pod("b", "10.0.0.9"),
      pod("a", "10.0.0.10"),
      pod("other-ns", "10.0.0.3", { ns: "team-a" }),
      pod("other-app", "10.0.0.4", { labels: { app: "db" } }),
    ]);
    expect(ep).toEqual({
      apiVersion: "v1",
      kind: "Endpoints",
      metadata: {
        name: "web",
        namespace: "default",
        labels: { team: "a" },
        creationTimestamp: "2026-11-26T09:00:00Z",
      },
      subsets: [
        {
          addresses: [
            {
              ip: "10.0.0.10",
              nodeName: "n1",
              targetRef: { kind: "Pod", namespace: "default", name: "a", uid: "uid-a" },
            },
            {
              ip: "10.0.0.9",
              nodeName: "n1",
              targetRef: { kind: "Pod", namespace: "default", name: "b", uid: "uid-b" },
            },
          ],
          ports: [{ name: "http", port: 8080, protocol: "TCP" }],
        },
      ],
    });
  });

  it("puts pods that are not ready in notReadyAddresses", () => {
    const ep = computeEndpoints(service(), [pod("a", "10.0.0.1"), pod("b", "10.0.0.2", { ready: false })]);
    expect(ep.subsets?.[0]?.addresses?.map((a) => a.ip)).toEqual(["10.0.0.1"]);
    expect(ep.subsets?.[0]?.notReadyAddresses?.map((a) => a.ip)).toEqual(["10.0.0.2"]);
  });

  it("leaves out pods without an IP, finished pods and pods being deleted", () => {
    const ep = computeEndpoints(service(), [
      pod("no-ip", undefined),
      pod("done", "10.0.0.2", { phase: "Succeeded" }),
      pod("failed", "10.0.0.3", { phase: "Failed" }),
      pod("deleting", "10.0.0.4", { deleting: true }),
    ]);
    expect(ep.subsets).toBeUndefined();
  });

  it("publishNotReadyAddresses makes every pod ready, terminating ones included", () => {
    const ep = computeEndpoints(service({ publishNotReadyAddresses: true }), [
      pod("a", "10.0.0.1", { ready: false }),
      pod("b", "10.0.0.2", { deleting: true }),
    ]);
    expect(ep.subsets?.[0]?.addresses?.map((a) => a.ip)).toEqual(["10.0.0.1", "10.0.0.2"]);
    expect(ep.subsets?.[0]?.notReadyAddresses).toBeUndefined();
  });

  it("groups pods by their resolved ports: a pod without the named port is left out of that port", () => {
    const svc = service({
      ports: [
        { name: "http", port: 80, targetPort: "http", protocol: "TCP" },
        { name: "metrics", port: 9090, targetPort: 9090, protocol: "TCP" },
      ],
    });
    const ep = computeEndpoints(svc, [
      pod("a", "10.0.0.1"),
      pod("b", "10.0.0.2", { ports: [{ name: "web", port: 8081 }] }),
      pod("c", "10.0.0.3", { ports: [{ name: "http", port: 8000 }] }),
    ]);
    expect(
      ep.subsets?.map((s) => [
        s.addresses?.map((a) => a.ip),
        s.ports?.map((p) => `${p.name ?? ""}:${p.port}`),
      ]),
    ).toEqual([
      [["10.0.0.3"], ["http:8000", "metrics:9090"]],
      [["10.0.0.1"], ["http:8080", "metrics:9090"]],
      [["10.0.0.2"], ["metrics:9090"]],
    ]);
  });

  it("a headless service without ports publishes bare addresses, with hostnames of pods in its subdomain", () => {
    const ep = computeEndpoints(service({ clusterIP: "None", ports: [] }), [
      pod("db-0", "10.0.0.5", { hostname: "db-0", subdomain: "web" }),
      pod("db-1", "10.0.0.6", { hostname: "db-1", subdomain: "other" }),
    ]);
    expect(ep.metadata.labels).toEqual({ team: "a", "service.kubernetes.io/headless": "" });
    expect(ep.subsets).toEqual([
      {
        addresses: [
          {
            ip: "10.0.0.5",
            hostname: "db-0",
            nodeName: "n1",
            targetRef: { kind: "Pod", namespace: "default", name: "db-0", uid: "uid-db-0" },
          },
          {
            ip: "10.0.0.6",
            nodeName: "n1",
            targetRef: { kind: "Pod", namespace: "default", name: "db-1", uid: "uid-db-1" },
          },
        ],
      },
    ]);
    // A service with a cluster IP and no ports has nothing to send anywhere.
    expect(computeEndpoints(service({ ports: [] }), [pod("a", "10.0.0.1")]).subsets).toBeUndefined();
  });

  it("services without a selector, and ExternalName services, get no endpoints", () => {
    const { selector: _, ...noSelector } = service().spec;
    const manual = { ...service(), spec: noSelector };
    expect(hasEndpoints(manual)).toBe(false);
    expect(computeEndpoints(manual, [pod("a", "10.0.0.1")]).subsets).toBeUndefined();
    const external = service({ type: "ExternalName", externalName: "example.com" });
    expect(hasEndpoints(external)).toBe(false);
    expect(computeEndpoints(external, [pod("a", "10.0.0.1")]).subsets).toBeUndefined();
    expect(hasEndpoints(service())).toBe(true);
  });
});

describe("resolveTargetPort", () => {
  const p = pod("a", "10.0.0.1", {
    ports: [
      { name: "dns", port: 5353, protocol: "UDP" },
      { name: "http", port: 8080 },
    ],
  });
  it("numbers as they are, unset as the service port, names by name and protocol", () => {
    expect(resolveTargetPort({ port: 80, targetPort: 9000 }, p)).toBe(9000);
    expect(resolveTargetPort({ port: 80 }, p)).toBe(80);
    expect(resolveTargetPort({ port: 80, targetPort: "http" }, p)).toBe(8080);
    expect(resolveTargetPort({ port: 53, targetPort: "dns", protocol: "UDP" }, p)).toBe(5353);
    expect(resolveTargetPort({ port: 53, targetPort: "dns", protocol: "TCP" }, p)).toBeUndefined();
    expect(resolveTargetPort({ port: 80, targetPort: "missing" }, p)).toBeUndefined();
  });

  it("isPodReady reads the Ready condition", () => {
    expect(isPodReady(p)).toBe(true);
    expect(isPodReady(pod("b", "1", { ready: false }))).toBe(false);
  });
});
