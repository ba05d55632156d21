import { describe, expect, it } from "vitest";
import { applyDefaults } from "../../../../src/manifest/defaults/index.js";
import type {
  CronJob,
  DaemonSet,
  Deployment,
  Job,
  Secret,
  Service,
  StatefulSet,
} from "../../../../src/manifest/types.js";

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

  it("defaults an absent strategy type to RollingUpdate, as Kubernetes does", () => {
    const d = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "d" },
      spec: { selector: {}, strategy: { rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } }, template },
    } as unknown as Deployment;
    expect(applyDefaults(d).spec.strategy).toEqual({
      type: "RollingUpdate",
      rollingUpdate: { maxSurge: 1, maxUnavailable: 0 },
    });
    const ds = {
      apiVersion: "apps/v1",
      kind: "DaemonSet",
      metadata: { name: "d" },
      spec: { selector: {}, updateStrategy: { rollingUpdate: { maxUnavailable: 2 } }, template },
    } as unknown as DaemonSet;
    expect(applyDefaults(ds).spec.updateStrategy).toEqual({
      type: "RollingUpdate",
      rollingUpdate: { maxUnavailable: 2, maxSurge: 0 },
    });
    const sts = {
      apiVersion: "apps/v1",
      kind: "StatefulSet",
      metadata: { name: "s" },
      spec: { selector: {}, serviceName: "s", updateStrategy: {}, template },
    } as unknown as StatefulSet;
    expect(applyDefaults(sts).spec.updateStrategy).toEqual({
      type: "RollingUpdate",
      rollingUpdate: { partition: 0 },
    });
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

  it("gives a volume claim template without a spec one, with volumeMode Filesystem", () => {
    const sts = {
      apiVersion: "apps/v1",
      kind: "StatefulSet",
      metadata: { name: "s" },
      spec: {
        selector: {},
        serviceName: "s",
        template,
        volumeClaimTemplates: [{ metadata: { name: "data" } }],
      },
    } as unknown as StatefulSet;
    expect(applyDefaults(sts).spec.volumeClaimTemplates?.[0]?.spec).toEqual({ volumeMode: "Filesystem" });
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

  it("defaults a Job whose template has no metadata", () => {
    const bare = {
      apiVersion: "batch/v1",
      kind: "Job",
      metadata: { name: "j" },
      spec: { template: { spec: { restartPolicy: "Never", containers: [{ name: "c", image: "i:1" }] } } },
    } as unknown as Job;
    const out = applyDefaults(bare);
    expect(out.spec.template.metadata).toEqual({ labels: {}, annotations: {} });
    expect(out.metadata.labels).toEqual({});
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
