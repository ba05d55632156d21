import { describe, expect, it } from "vitest";
import { convertLegacy, isLegacyApiVersion, UNLIMITED } from "../../../../src/manifest/convert/index.js";
import { applyDefaults } from "../../../../src/manifest/defaults/index.js";
import type { CronJob, DaemonSet, Deployment, KObject, StatefulSet } from "../../../../src/manifest/types.js";
import { DECK_STATEFUL_SET } from "../fixtures/deck.js";
import { canonical, yamlDoc } from "../pipeline.js";

type Doc = Record<string, unknown>;

function deepFreeze<T>(v: T): T {
  if (typeof v === "object" && v !== null) {
    for (const x of Object.values(v)) deepFreeze(x);
    Object.freeze(v);
  }
  return v;
}

const template = (labels: Record<string, string> = { app: "web" }) => ({
  metadata: { labels },
  spec: { containers: [{ name: "web", image: "berth.local/web:1" }] },
});

function workload(apiVersion: string, kind: string, spec: Doc = {}, metadata: Doc = { name: "web" }): Doc {
  return { apiVersion, kind, metadata, spec: { template: template(), ...spec } };
}

describe("convertLegacy: extensions/v1beta1", () => {
  it("writes out the Deployment defaults of extensions/v1beta1 so defaulting keeps them", () => {
    const { object } = convertLegacy(workload("extensions/v1beta1", "Deployment"));
    const d = applyDefaults(object as unknown as Deployment);
    expect(d.apiVersion).toBe("apps/v1");
    expect(d.spec.selector).toEqual({ matchLabels: { app: "web" } });
    expect(d.metadata.labels).toEqual({ app: "web" });
    expect(d.spec.strategy).toEqual({
      type: "RollingUpdate",
      rollingUpdate: { maxSurge: 1, maxUnavailable: 1 },
    });
    expect(d.spec.revisionHistoryLimit).toBe(UNLIMITED);
    expect(d.spec.progressDeadlineSeconds).toBe(UNLIMITED);
  });

  it("keeps what the manifest spells out", () => {
    const doc = workload(
      "extensions/v1beta1",
      "Deployment",
      {
        selector: { matchLabels: { app: "web" } },
        strategy: { rollingUpdate: { maxSurge: "50%" } },
        revisionHistoryLimit: 3,
        progressDeadlineSeconds: 120,
      },
      { name: "web", labels: { team: "a" } },
    );
    const d = convertLegacy(doc).object as unknown as Deployment;
    expect(d.metadata.labels).toEqual({ team: "a" });
    expect(d.spec.strategy?.rollingUpdate).toEqual({ maxSurge: "50%", maxUnavailable: 1 });
    expect(d.spec.revisionHistoryLimit).toBe(3);
    expect(d.spec.progressDeadlineSeconds).toBe(120);
  });

  it("leaves a Recreate Deployment without rolling-update parameters", () => {
    const d = convertLegacy(workload("extensions/v1beta1", "Deployment", { strategy: { type: "Recreate" } }))
      .object as unknown as Deployment;
    expect(d.spec.strategy).toEqual({ type: "Recreate" });
  });

  it("drops rollbackTo with a W_IGNORED warning at its path", () => {
    const { object, issues } = convertLegacy(
      workload("extensions/v1beta1", "Deployment", { rollbackTo: { revision: 2 } }),
    );
    expect((object.spec as Doc).rollbackTo).toBeUndefined();
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ["W_DEPRECATED", ["apiVersion"]],
      ["W_IGNORED", ["spec", "rollbackTo"]],
    ]);
  });

  it("drops a DaemonSet's templateGeneration", () => {
    const { object, issues } = convertLegacy(
      workload("extensions/v1beta1", "DaemonSet", { templateGeneration: 3 }),
    );
    expect((object.spec as Doc).templateGeneration).toBeUndefined();
    expect(issues[1]).toMatchObject({ code: "W_IGNORED", path: ["spec", "templateGeneration"] });
  });

  it("keeps a DaemonSet's RollingUpdate strategy", () => {
    const ds = convertLegacy(
      workload("extensions/v1beta1", "DaemonSet", { updateStrategy: { type: "RollingUpdate" } }),
    ).object as unknown as DaemonSet;
    expect(applyDefaults(ds).spec.updateStrategy).toEqual({
      type: "RollingUpdate",
      rollingUpdate: { maxUnavailable: 1, maxSurge: 0 },
    });
  });

  it("defaults a ReplicaSet's selector from its template but never replaces one", () => {
    const rs = convertLegacy(workload("extensions/v1beta1", "ReplicaSet")).object;
    expect(rs.apiVersion).toBe("apps/v1");
    expect((rs.spec as Doc).selector).toEqual({ matchLabels: { app: "web" } });
    const own = { matchExpressions: [{ key: "app", operator: "Exists" }] };
    const kept = convertLegacy(workload("extensions/v1beta1", "ReplicaSet", { selector: own })).object;
    expect((kept.spec as Doc).selector).toEqual(own);
  });
});

describe("convertLegacy: apps/v1beta1 and apps/v1beta2", () => {
  it("keeps 2 old ReplicaSets for an apps/v1beta1 Deployment, with apps/v1's other defaults", () => {
    const { object, issues } = convertLegacy(
      workload("apps/v1beta1", "Deployment", { rollbackTo: { revision: 1 } }),
    );
    const d = applyDefaults(object as unknown as Deployment);
    expect(d.spec.revisionHistoryLimit).toBe(2);
    expect(d.spec.progressDeadlineSeconds).toBe(600);
    expect(d.spec.strategy?.rollingUpdate).toEqual({ maxSurge: "25%", maxUnavailable: "25%" });
    expect(d.spec.selector).toEqual({ matchLabels: { app: "web" } });
    expect(issues.map((i) => i.code)).toEqual(["W_DEPRECATED", "W_IGNORED"]);
  });

  it("keeps a spelled-out StatefulSet RollingUpdate in apps/v1beta1", () => {
    const sts = convertLegacy(
      workload("apps/v1beta1", "StatefulSet", {
        serviceName: "web",
        updateStrategy: { type: "RollingUpdate" },
      }),
    ).object as unknown as StatefulSet;
    expect(applyDefaults(sts).spec.updateStrategy).toEqual({
      type: "RollingUpdate",
      rollingUpdate: { partition: 0 },
    });
  });

  it.each(["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet"])(
    "renames apps/v1beta2 %s to apps/v1 and changes nothing else",
    (kind) => {
      const doc = workload("apps/v1beta2", kind, { selector: { matchLabels: { app: "web" } } });
      const { object, issues } = convertLegacy(doc);
      expect(object).toEqual({ ...doc, apiVersion: "apps/v1" });
      expect(issues).toHaveLength(1);
      expect(issues[0]?.message).toBe(
        `apps/v1beta2 ${kind} is deprecated (removed in Kubernetes 1.16); converted to apps/v1`,
      );
    },
  );

  it("does not invent an apps/v1beta2 selector (that version required one)", () => {
    const { object, issues } = canonical(workload("apps/v1beta2", "Deployment"));
    expect((object as Deployment).spec.selector).toBeUndefined();
    expect(issues.map((i) => i.code)).toEqual(["W_DEPRECATED", "E_SELECTOR"]);
  });

  it("reports a kind that its legacy version never served", () => {
    const doc = workload("apps/v1beta1", "DaemonSet");
    const { object, issues } = convertLegacy(doc);
    expect(object).toBe(doc);
    expect(issues).toEqual([
      expect.objectContaining({
        severity: "error",
        code: "E_VALUE",
        path: ["apiVersion"],
        message: 'no matches for kind "DaemonSet" in version "apps/v1beta1"',
        hint: "change apiVersion to apps/v1",
      }),
    ]);
  });
});

describe("convertLegacy: batch", () => {
  const cron = (apiVersion: string, kind = "CronJob", spec: Doc = {}): Doc => ({
    apiVersion,
    kind,
    metadata: { name: "tick" },
    spec: {
      schedule: "@hourly",
      jobTemplate: {
        spec: {
          template: { spec: { restartPolicy: "Never", containers: [{ name: "t", image: "busybox:1" }] } },
        },
      },
      ...spec,
    },
  });

  it("renames batch/v1beta1 CronJob and keeps the current history defaults", () => {
    const { object, issues } = convertLegacy(cron("batch/v1beta1"));
    expect(object.apiVersion).toBe("batch/v1");
    expect(issues[0]?.message).toBe(
      "batch/v1beta1 CronJob is deprecated (removed in Kubernetes 1.25); converted to batch/v1",
    );
    const cj = applyDefaults(object as unknown as CronJob);
    expect(cj.spec.successfulJobsHistoryLimit).toBe(3);
    expect(cj.spec.failedJobsHistoryLimit).toBe(1);
  });

  it("keeps spelled-out history limits of a batch/v2alpha1 CronJob", () => {
    const { object } = convertLegacy(cron("batch/v2alpha1", "CronJob", { successfulJobsHistoryLimit: 5 }));
    const spec = object.spec as Doc;
    expect(object.kind).toBe("CronJob");
    expect(spec.successfulJobsHistoryLimit).toBe(5);
    expect(spec.failedJobsHistoryLimit).toBe(UNLIMITED);
  });
});

describe("convertLegacy: everything else", () => {
  it("returns current documents unchanged and without issues", () => {
    const doc = deepFreeze(workload("apps/v1", "Deployment"));
    const { object, issues } = convertLegacy(doc);
    expect(object).toBe(doc);
    expect(issues).toEqual([]);
  });

  it("never mutates a legacy input", () => {
    const doc = deepFreeze(yamlDoc(DECK_STATEFUL_SET));
    const before = structuredClone(doc);
    convertLegacy(doc);
    expect(doc).toEqual(before);
  });

  it("passes kinds berth does not run through, for the loader to skip", () => {
    const doc = {
      apiVersion: "extensions/v1beta1",
      kind: "NetworkPolicy",
      metadata: { name: "x" },
      spec: {},
    };
    expect(convertLegacy(doc)).toEqual({ object: doc, issues: [] });
  });

  it("tells which apiVersion/kind pairs are legacy", () => {
    expect(isLegacyApiVersion("batch/v2alpha1", "ScheduledJob")).toBe(true);
    expect(isLegacyApiVersion("apps/v1beta1", "DaemonSet")).toBe(false);
    expect(isLegacyApiVersion("apps/v1", "Deployment")).toBe(false);
  });

  it("gives a converted legacy manifest the same canonical object as its apps/v1 spelling", () => {
    const legacy = canonical(workload("apps/v1beta1", "Deployment")).object;
    const current = canonical(
      workload(
        "apps/v1",
        "Deployment",
        { selector: { matchLabels: { app: "web" } }, revisionHistoryLimit: 2 },
        { name: "web", labels: { app: "web" } },
      ),
    ).object;
    expect(legacy).toEqual(current);
    const typed: KObject = legacy;
    expect(typed.kind).toBe("Deployment");
  });
});
