import { describe, expect, it } from "vitest";
import { applyDefaults, defaultPullPolicy } from "../../../../src/manifest/defaults/index.js";
import type { Container, Pod, PodSpec } from "../../../../src/manifest/types.js";

const pod = (spec: Partial<PodSpec> & { containers: Container[] }): Pod => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name: "p" },
  spec,
});
const one = (c: Partial<Container>): Pod => pod({ containers: [{ name: "c", image: "img:1", ...c }] });
const container = (p: Pod): Container => {
  const c = applyDefaults(p).spec.containers[0];
  if (!c) throw new Error("no container");
  return c;
};

describe("imagePullPolicy", () => {
  it.each([
    ["nginx", "Always"],
    ["nginx:latest", "Always"],
    ["nginx:1.25", "IfNotPresent"],
    ["library/nginx:stable", "IfNotPresent"],
    ["registry.local:5000/nginx", "Always"],
    ["registry.local:5000/nginx:1", "IfNotPresent"],
    ["registry.local:5000/team/nginx:latest", "Always"],
    ["nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "IfNotPresent"],
    ["nginx:latest@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "Always"],
    ["nginx:1@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "IfNotPresent"],
  ])("%s → %s", (image, policy) => {
    expect(defaultPullPolicy(image)).toBe(policy);
    expect(container(one({ image })).imagePullPolicy).toBe(policy);
  });

  it("keeps an explicit policy", () => {
    expect(container(one({ image: "nginx", imagePullPolicy: "Never" })).imagePullPolicy).toBe("Never");
  });
});

describe("pod spec defaults", () => {
  it("gives container ports TCP and, with the host's network, a host port equal to the container port", () => {
    const p = pod({
      hostNetwork: true,
      containers: [
        {
          name: "c",
          image: "i:1",
          ports: [{ containerPort: 8080 }, { containerPort: 53, protocol: "UDP", hostPort: 53 }],
        },
      ],
    });
    expect(applyDefaults(p).spec.containers[0]?.ports).toEqual([
      { containerPort: 8080, protocol: "TCP", hostPort: 8080 },
      { containerPort: 53, protocol: "UDP", hostPort: 53 },
    ]);
    const plain = applyDefaults(one({ ports: [{ containerPort: 80 }] }));
    expect(plain.spec.containers[0]?.ports).toEqual([{ containerPort: 80, protocol: "TCP" }]);
  });

  it("defaults probes of init and app containers, and an empty httpGet path to /", () => {
    const p = pod({
      initContainers: [
        { name: "i", image: "i:1", startupProbe: { exec: { command: ["true"] }, periodSeconds: 2 } },
      ],
      containers: [
        { name: "c", image: "i:1", livenessProbe: { httpGet: { port: 80, path: "" }, failureThreshold: 5 } },
      ],
    });
    const out = applyDefaults(p).spec;
    expect(out.initContainers?.[0]?.startupProbe).toEqual({
      exec: { command: ["true"] },
      initialDelaySeconds: 0,
      timeoutSeconds: 1,
      periodSeconds: 2,
      successThreshold: 1,
      failureThreshold: 3,
    });
    expect(out.containers[0]?.livenessProbe).toEqual({
      httpGet: { port: 80, path: "/", scheme: "HTTP" },
      initialDelaySeconds: 0,
      timeoutSeconds: 1,
      periodSeconds: 10,
      successThreshold: 1,
      failureThreshold: 5,
    });
  });

  it("defaults volumes: sourceless means emptyDir, modes 0644, hostPath type", () => {
    const p = pod({
      containers: [{ name: "c", image: "i:1" }],
      volumes: [
        { name: "a" },
        { name: "b", emptyDir: { medium: "Memory", sizeLimit: "1024Mi" } },
        { name: "c", secret: { secretName: "s" } },
        { name: "d", configMap: { name: "m", defaultMode: 256 } },
        { name: "e", hostPath: { path: "/tmp" } },
        { name: "f", projected: { sources: [] } } as never,
        { name: "g", downwardAPI: { items: [] } } as never,
      ],
    });
    expect(applyDefaults(p).spec.volumes).toEqual([
      { name: "a", emptyDir: { medium: "" } },
      { name: "b", emptyDir: { medium: "Memory", sizeLimit: "1Gi" } },
      { name: "c", secret: { secretName: "s", defaultMode: 420 } },
      { name: "d", configMap: { name: "m", defaultMode: 256 } },
      { name: "e", hostPath: { path: "/tmp", type: "" } },
      { name: "f", projected: { sources: [], defaultMode: 420 } },
      { name: "g", downwardAPI: { items: [], defaultMode: 420 } },
    ]);
  });

  it("canonicalises resources and defaults requests to limits, per resource", () => {
    const c = container(
      one({
        resources: {
          limits: { cpu: "1000m", memory: "1024Mi" },
          requests: { cpu: 0.5 as unknown as string, "ephemeral-storage": "1e9" },
        },
      }),
    );
    expect(c.resources).toEqual({
      limits: { cpu: "1", memory: "1Gi" },
      requests: { cpu: "500m", memory: "1Gi", "ephemeral-storage": "1G" },
    });
  });

  it("leaves an unparsable quantity as written for the checks to report", () => {
    expect(container(one({ resources: { requests: { cpu: "lots" } } })).resources).toEqual({
      requests: { cpu: "lots" },
    });
    // ...and does not copy an unparsable limit into requests, so it is reported once.
    expect(container(one({ resources: { limits: { cpu: "lots", memory: "1Gi" } } })).resources).toEqual({
      limits: { cpu: "lots", memory: "1Gi" },
      requests: { memory: "1Gi" },
    });
  });

  it("drops empty limits and requests maps, as Kubernetes omits them", () => {
    expect(container(one({ resources: { limits: {}, requests: {} } })).resources).toEqual({});
  });

  it("defaults fieldRef apiVersion and resourceFieldRef divisor", () => {
    const c = container(
      one({
        env: [
          { name: "A", valueFrom: { resourceFieldRef: { resource: "limits.cpu" } } },
          { name: "B", valueFrom: { resourceFieldRef: { resource: "limits.memory", divisor: "1024Ki" } } },
        ],
      }),
    );
    expect(c.env?.map((e) => e.valueFrom?.resourceFieldRef?.divisor)).toEqual(["0", "1Mi"]);
  });
});
