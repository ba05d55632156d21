import { describe, expect, it } from "vitest";
import { applyDefaults, defaultPullPolicy } from "../../../../src/manifest/defaults/index.js";
import type {
  Container,
  CronJob,
  DaemonSet,
  Deployment,
  Job,
  Pod,
  PodSpec,
  Secret,
  Service,
  StatefulSet,
} from "../../../../src/manifest/types.js";

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
      ],
    });
    expect(applyDefaults(p).spec.volumes).toEqual([
      { name: "a", emptyDir: { medium: "" } },
      { name: "b", emptyDir: { medium: "Memory", sizeLimit: "1Gi" } },
      { name: "c", secret: { secretName: "s", defaultMode: 420 } },
      { name: "d", configMap: { name: "m", defaultMode: 256 } },
      { name: "e", hostPath: { path: "/tmp", type: "" } },
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

describe("workload defaults", () => {
  const template = {
    metadata: { labels: { app: "w" } },
    spec: { containers: [{ name: "c", image: "i:1" }] },
  };

  it("gives a Recreate Deployment no rollingUpdate", () => {
    const d: Deployment = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "d" },
      spec: { selector: { matchLabels: { app: "w" } }, strategy: { type: "Recreate" }, template },
    };
    expect(applyDefaults(d).spec.strategy).toEqual({ type: "Recreate" });
  });

  it("fills a partial rollingUpdate", () => {
    const d: Deployment = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "d" },
      spec: { selector: {}, strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 0 } }, template },
    };
    expect(applyDefaults(d).spec.strategy?.rollingUpdate).toEqual({ maxSurge: 0, maxUnavailable: "25%" });
  });

  it("gives OnDelete DaemonSets and StatefulSets no rollingUpdate", () => {
    const ds: DaemonSet = {
      apiVersion: "apps/v1",
      kind: "DaemonSet",
      metadata: { name: "d" },
      spec: { selector: {}, updateStrategy: { type: "OnDelete" }, template },
    };
    expect(applyDefaults(ds).spec.updateStrategy).toEqual({ type: "OnDelete" });
    const sts: StatefulSet = {
      apiVersion: "apps/v1",
      kind: "StatefulSet",
      metadata: { name: "s" },
      spec: { selector: {}, serviceName: "s", updateStrategy: { type: "OnDelete" }, template },
    };
    expect(applyDefaults(sts).spec.updateStrategy).toEqual({ type: "OnDelete" });
  });

  it("gives template metadata labels and annotations maps", () => {
    const rs = applyDefaults({
      apiVersion: "apps/v1",
      kind: "ReplicaSet",
      metadata: { name: "r" },
      spec: { selector: {}, template: { spec: template.spec } as unknown as typeof template },
    });
    expect(rs.spec.template.metadata).toEqual({ labels: {}, annotations: {} });
  });
});

describe("Job and CronJob defaults", () => {
  const job = (spec: Partial<Job["spec"]>, labels?: Record<string, string>): Job => ({
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { name: "j", ...(labels ? { labels } : {}) },
    spec: {
      template: {
        metadata: { labels: { app: "j" } },
        spec: { restartPolicy: "Never", containers: [{ name: "c", image: "i:1" }] },
      },
      ...spec,
    },
  });

  it.each([
    [{}, { completions: 1, parallelism: 1 }],
    [{ parallelism: 3 }, { completions: undefined, parallelism: 3 }],
    [{ completions: 5 }, { completions: 5, parallelism: 1 }],
    [
      { completions: 5, parallelism: 2 },
      { completions: 5, parallelism: 2 },
    ],
  ])("completions and parallelism from %j", (given, expected) => {
    const out = applyDefaults(job(given)).spec;
    expect({ completions: out.completions, parallelism: out.parallelism }).toEqual(expected);
    expect("completions" in out).toBe(expected.completions !== undefined);
  });

  it("gives a Job without labels its template's labels, and keeps labels it has", () => {
    expect(applyDefaults(job({})).metadata.labels).toEqual({ app: "j" });
    expect(applyDefaults(job({}, { team: "a" })).metadata.labels).toEqual({ team: "a" });
  });

  it("gives a CronJob's job template the Job defaults", () => {
    const cj: CronJob = {
      apiVersion: "batch/v1",
      kind: "CronJob",
      metadata: { name: "c" },
      spec: {
        schedule: "@daily",
        concurrencyPolicy: "Forbid",
        jobTemplate: { spec: job({ parallelism: 2 }).spec },
      },
    };
    const out = applyDefaults(cj).spec;
    expect(out.concurrencyPolicy).toBe("Forbid");
    expect(out.jobTemplate.spec).toMatchObject({
      parallelism: 2,
      backoffLimit: 6,
      completionMode: "NonIndexed",
      suspend: false,
    });
    expect(out.jobTemplate.spec.completions).toBeUndefined();
    expect(out.jobTemplate.spec.template.spec.terminationGracePeriodSeconds).toBe(30);
  });
});

describe("Service and Secret defaults", () => {
  const svc = (spec: Service["spec"]): Service => ({
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: "s" },
    spec,
  });

  it("defaults targetPort to port but keeps a named one", () => {
    const out = applyDefaults(
      svc({ ports: [{ port: 80 }, { port: 81, targetPort: 0 }, { port: 443, targetPort: "https" }] }),
    );
    expect(out.spec.ports?.map((p) => p.targetPort)).toEqual([80, 81, "https"]);
  });

  it("sets externalTrafficPolicy only for NodePort and LoadBalancer", () => {
    expect(applyDefaults(svc({ type: "NodePort", ports: [{ port: 80 }] })).spec.externalTrafficPolicy).toBe(
      "Cluster",
    );
    expect(applyDefaults(svc({ type: "LoadBalancer" })).spec.externalTrafficPolicy).toBe("Cluster");
    expect(applyDefaults(svc({ ports: [{ port: 80 }] })).spec.externalTrafficPolicy).toBeUndefined();
  });

  it("merges stringData into data as base64, stringData winning, and removes it", () => {
    const s: Secret = {
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: "s" },
      data: { user: Buffer.from("old").toString("base64"), keep: "a2VlcA==" },
      stringData: { user: "héllo", extra: "x" },
    };
    const out = applyDefaults(s);
    expect(out.stringData).toBeUndefined();
    expect(out.data).toEqual({
      user: Buffer.from("héllo", "utf8").toString("base64"),
      keep: "a2VlcA==",
      extra: "eA==",
    });
    expect(out.type).toBe("Opaque");
    const noData: Secret = {
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: "s" },
      stringData: { user: "u", extra: "x" },
    };
    const onlyString = applyDefaults(noData);
    expect(Object.keys(onlyString.data ?? {}).sort()).toEqual(["extra", "user"]);
  });

  it("gives a Secret written with stringData the same object as one written with data", () => {
    const base = { apiVersion: "v1", kind: "Secret", metadata: { name: "s" } } as const;
    expect(applyDefaults({ ...base, stringData: { password: "hunter2" } })).toEqual(
      applyDefaults({ ...base, data: { password: "aHVudGVyMg==" }, type: "Opaque" }),
    );
  });
});
