import { describe, expect, it } from "vitest";
import { planDiff } from "../../../src/diff/plan.js";
import type { KObject } from "../../../src/manifest/types.js";
import {
  configMap,
  container,
  cronJob,
  daemonSet,
  deployment,
  job,
  namespace,
  pod,
  recordedFromGit,
  replicaSet,
  secret,
  service,
  statefulSet,
} from "./fixtures.js";

function implications(desired: KObject[], recorded: KObject[], key?: string): string[] {
  const plan = planDiff(desired, recorded);
  const entry = key
    ? plan.entries.find((e) => e.key === key)
    : plan.entries.find((e) => e.action !== "unchanged");
  return entry?.implications.map((i) => i.message) ?? [];
}

describe("Deployment implications", () => {
  it("describes a rolling update with surge and unavailability resolved as Kubernetes does", () => {
    // 25% of 3: surge rounds up to 1, unavailable down to 0.
    expect(implications([deployment("web", { image: "w:2" })], [deployment("web")])).toEqual([
      "pod template changed → rolling update of 3 pods (maxSurge 1, maxUnavailable 0)",
    ]);
    const zero = { type: "RollingUpdate" as const, rollingUpdate: { maxSurge: "0%", maxUnavailable: "10%" } };
    expect(
      implications(
        [deployment("web", { image: "w:2", strategy: zero })],
        [deployment("web", { strategy: zero })],
      ),
    ).toEqual(["pod template changed → rolling update of 3 pods (maxSurge 0, maxUnavailable 1)"]);
    const abs = { type: "RollingUpdate" as const, rollingUpdate: { maxSurge: 2, maxUnavailable: "50%" } };
    expect(
      implications(
        [deployment("web", { image: "w:2", replicas: 5, strategy: abs })],
        [deployment("web", { replicas: 5, strategy: abs })],
      ),
    ).toEqual(["pod template changed → rolling update of 5 pods (maxSurge 2, maxUnavailable 2)"]);
  });

  it("describes Recreate", () => {
    const recreate = { type: "Recreate" as const };
    expect(
      implications(
        [deployment("web", { image: "w:2", strategy: recreate })],
        [deployment("web", { strategy: recreate })],
      ),
    ).toEqual(["Recreate: all 3 pods are stopped, then replaced"]);
  });

  it("counts pods added and removed by a replica change", () => {
    expect(implications([deployment("web", { replicas: 5 })], [deployment("web")])).toEqual([
      "replicas 3 → 5: 2 pods added",
    ]);
    expect(implications([deployment("web", { replicas: 2 })], [deployment("web")])).toEqual([
      "replicas 3 → 2: 1 pod removed",
    ]);
  });

  it("says an immutable selector forces a delete and recreate", () => {
    const d = deployment("web");
    d.spec.selector = { matchLabels: { app: "web", tier: "front" } };
    d.spec.template.metadata.labels = { app: "web", tier: "front" };
    expect(implications([d], [deployment("web")])).toEqual([
      "spec.selector is immutable → the object will be deleted and recreated",
    ]);
  });

  it("says a paused Deployment rolls out later", () => {
    const d = deployment("web", { image: "w:2" });
    d.spec.paused = true;
    const r = deployment("web");
    r.spec.paused = true;
    expect(implications([d], [r])).toEqual([
      "Deployment is paused → the new pod template rolls out when it is resumed",
    ]);
  });

  it("counts the pods a new Deployment starts", () => {
    expect(implications([deployment("web")], [])).toEqual(["3 pods are started"]);
  });
});

describe("other workloads", () => {
  it("StatefulSet: rolling update in reverse ordinal order from the partition", () => {
    const d = statefulSet("db", 3, {
      updateStrategy: { type: "RollingUpdate", rollingUpdate: { partition: 1 } },
    });
    d.spec.template.spec.containers[0] = container("db", "berth.local/busybox:2");
    const r = statefulSet("db", 3, {
      updateStrategy: { type: "RollingUpdate", rollingUpdate: { partition: 1 } },
    });
    expect(implications([d], [r])).toEqual([
      "pod template changed → rolling update of 2 pods in reverse ordinal order (partition 1)",
    ]);
  });

  it("StatefulSet: immutable fields, named pods on scaling, claims kept", () => {
    expect(implications([statefulSet("db", 3, { serviceName: "other" })], [statefulSet("db", 3)])).toEqual([
      "spec.serviceName is immutable → the object will be deleted and recreated",
    ]);
    expect(
      implications(
        [statefulSet("db", 3, { podManagementPolicy: "Parallel", serviceName: "x" })],
        [statefulSet("db", 3)],
      ),
    ).toEqual([
      "spec.serviceName and spec.podManagementPolicy are immutable → the object will be deleted and recreated",
    ]);
    const claims = {
      volumeClaimTemplates: [{ metadata: { name: "data" }, spec: { accessModes: ["ReadWriteOnce"] } }],
    };
    expect(implications([statefulSet("db", 1, claims)], [statefulSet("db", 3, claims)])).toEqual([
      "replicas 3 → 1: 2 pods removed (db-2, db-1); their volume claims are kept",
    ]);
    expect(implications([statefulSet("db", 4)], [statefulSet("db", 2)])).toEqual([
      "replicas 2 → 4: 2 pods added (db-2, db-3)",
    ]);
  });

  it("DaemonSet: rolling update on every node, or OnDelete", () => {
    const d = daemonSet("agent");
    d.spec.template.spec.containers[0] = container("agent", "berth.local/busybox:2");
    expect(implications([d], [daemonSet("agent")])).toEqual([
      "template changed → rolling update on every eligible node (maxUnavailable 1)",
    ]);
    const onDelete = { updateStrategy: { type: "OnDelete" as const } };
    const d2 = daemonSet("agent", onDelete);
    d2.spec.template.spec.containers[0] = container("agent", "berth.local/busybox:2");
    expect(implications([d2], [daemonSet("agent", onDelete)])).toEqual([
      "template changed → OnDelete: pods are updated only when deleted",
    ]);
  });

  it("Job: any spec change deletes and recreates it", () => {
    expect(implications([job("migrate", ["migrate", "--v2"])], [job("migrate", ["migrate"])])).toEqual([
      "Jobs are immutable → the Job will be deleted and recreated",
    ]);
  });

  it("ReplicaSet from git: a template change reaches new pods only", () => {
    const owner = deployment("x");
    const rs = (image: string) => {
      const r = replicaSet("plain", owner, 2, "u");
      delete r.metadata.ownerReferences;
      r.spec.template.spec.containers[0] = container("web", image);
      return r;
    };
    expect(implications([rs("a:2")], [rs("a:1")])).toEqual([
      "pod template changed → running pods keep the old template; only pods created from now on use it",
    ]);
  });

  it("CronJob: template changes reach the next Jobs; suspend and resume", () => {
    const d = cronJob("report", "0 * * * *");
    d.spec.jobTemplate.spec.backoffLimit = 2;
    expect(implications([d], [cronJob("report", "0 * * * *")])).toEqual([
      "job template changed → Jobs started from now on use it; running Jobs are not changed",
    ]);
    expect(implications([cronJob("report", "0 * * * *", true)], [cronJob("report", "0 * * * *")])).toEqual([
      "suspended → no new Jobs are started",
    ]);
  });

  it("Service: a changed clusterIP recreates it; a changed selector moves traffic", () => {
    expect(
      implications(
        [service("web", { clusterIP: "10.96.0.9" })],
        [service("web", { clusterIP: "10.96.0.7" })],
      ),
    ).toEqual(["spec.clusterIP is immutable → the object will be deleted and recreated"]);
    expect(implications([service("web", { selector: { app: "web2" } })], [service("web")])).toEqual([
      "selector app=web → app=web2: traffic goes to the pods it now selects",
    ]);
  });
});

describe("ConfigMap and Secret implications", () => {
  const user = () =>
    deployment("web", {
      containers: [
        container("web", "w:1", {
          env: [{ name: "MODE", valueFrom: { configMapKeyRef: { name: "cfg", key: "mode" } } }],
          volumeMounts: [{ name: "conf", mountPath: "/etc/web" }],
        }),
      ],
      spec: { volumes: [{ name: "conf", configMap: { name: "cfg" } }] },
    });

  it("names the workloads that read it and how", () => {
    expect(
      implications(
        [configMap("cfg", { mode: "b" }), user()],
        [configMap("cfg", { mode: "a" }), user()],
        "ConfigMap/default/cfg",
      ),
    ).toEqual([
      "used by Deployment default/web: as environment variables (pods keep old values until restarted) and as files (updated in place)",
    ]);
  });

  it("counts a single-key reference only when that key changed", () => {
    const before = configMap("cfg", { mode: "a", other: "1" });
    const after = configMap("cfg", { mode: "a", other: "2" });
    expect(implications([after, user()], [before, user()], "ConfigMap/default/cfg")).toEqual([
      "used by Deployment default/web: as files (updated in place)",
    ]);
  });

  it("warns that subPath mounts keep old files, and ignores other namespaces", () => {
    const d = user();
    const c = d.spec.template.spec.containers[0];
    if (c) c.volumeMounts = [{ name: "conf", mountPath: "/etc/web/app.conf", subPath: "app.conf" }];
    c?.env?.splice(0);
    const elsewhere = deployment("web", {
      namespace: "other",
      spec: { volumes: [{ name: "conf", configMap: { name: "cfg" } }] },
    });
    expect(
      implications(
        [configMap("cfg", { mode: "b" }), d, elsewhere],
        [configMap("cfg", { mode: "a" })],
        "ConfigMap/default/cfg",
      ),
    ).toEqual([
      "used by Deployment default/web: as files mounted with subPath (pods keep old files until restarted)",
    ]);
  });

  it("finds Secrets read through envFrom and volumes", () => {
    const web = deployment("web", {
      containers: [container("web", "w:1", { envFrom: [{ secretRef: { name: "db" } }] })],
    });
    expect(
      implications(
        [secret("db", { pw: "Yg==" }), web],
        [secret("db", { pw: "YQ==" }), web],
        "Secret/default/db",
      ),
    ).toEqual([
      "used by Deployment default/web: as environment variables (pods keep old values until restarted)",
    ]);
  });

  it("says an immutable ConfigMap must be recreated", () => {
    const r = configMap("cfg", { mode: "a" });
    r.immutable = true;
    const d = configMap("cfg", { mode: "b" });
    d.immutable = true;
    expect(implications([d], [r])).toEqual([
      "ConfigMap is immutable → the object will be deleted and recreated",
    ]);
  });
});

describe("deletion implications", () => {
  it("counts the ReplicaSets and pods recorded for a deleted Deployment", () => {
    const web = recordedFromGit(deployment("web"), "uid-web");
    const rsNew = replicaSet("web-new", web, 3, "uid-rs1");
    const rsOld = replicaSet("web-old", web, 0, "uid-rs2");
    const pods = [pod("web-new-1", rsNew), pod("web-new-2", rsNew), pod("web-new-3", rsNew)];
    expect(implications([], [web, rsNew, rsOld, ...pods])).toEqual([
      "Deployment default/web deleted → its ReplicaSets and 3 pods are deleted",
    ]);
  });

  it("finds generated objects by owner kind and name when the owner has no uid", () => {
    const web = deployment("web", { replicas: 5 });
    const rs = replicaSet("web-1", web, 2, "uid-rs");
    expect(implications([], [web, rs, pod("web-1-a", rs), pod("web-1-b", rs)])).toEqual([
      "Deployment default/web deleted → its ReplicaSets and 2 pods are deleted",
    ]);
  });

  it("falls back on the replica count when no generated objects are recorded", () => {
    expect(implications([], [deployment("web", { replicas: 2 })])).toEqual([
      "Deployment default/web deleted → its ReplicaSets and 2 pods are deleted",
    ]);
    expect(implications([], [statefulSet("db", 1)])).toEqual([
      "StatefulSet default/db deleted → its 1 pod is deleted",
    ]);
  });

  it("counts the objects of a deleted Namespace", () => {
    const objs: KObject[] = [namespace("team-a")];
    for (let i = 0; i < 5; i++) objs.push(configMap(`c${i}`, {}, "team-a"));
    const plan = planDiff(objs.slice(1), objs);
    expect(plan.entries.find((e) => e.kind === "Namespace")?.implications.map((i) => i.message)).toEqual([
      "Namespace team-a deleted → 5 objects in it are deleted",
    ]);
  });

  it("warns when a deleted ConfigMap is still referenced", () => {
    const web = deployment("web", {
      containers: [container("web", "w:1", { envFrom: [{ configMapRef: { name: "cfg" } }] })],
    });
    expect(implications([web], [web, configMap("cfg", {})], "ConfigMap/default/cfg")).toEqual([
      "still used by Deployment default/web → its new pods cannot start without it",
    ]);
  });
});
