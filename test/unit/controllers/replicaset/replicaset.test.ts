import { afterEach, describe, expect, it } from "vitest";
import { deploymentController } from "../../../../src/controllers/deployment/index.js";
import { reconcileReplicaSet, replicaSetController } from "../../../../src/controllers/replicaset/index.js";
import { controllerRef } from "../../../../src/controllers/owner.js";
import type { KObject, Pod, ReplicaSet } from "../../../../src/manifest/types.js";
import { BerthError } from "../../../../src/util/errors.js";
import { Cluster, deployment, template } from "../../../support/controller-cluster.js";

let cluster: Cluster | undefined;
afterEach(() => cluster?.stop());

function start(withDeployments = false): Cluster {
  cluster = new Cluster(
    withDeployments ? [deploymentController, replicaSetController] : [replicaSetController],
  );
  return cluster;
}

function replicaSet(replicas: number, o: { minReadySeconds?: number } = {}): ReplicaSet {
  const t = template("berth.local/web:1", { app: "web", tier: "front" });
  t.metadata.annotations = { "prometheus.io/scrape": "true" };
  return {
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: { name: "web", namespace: "default", labels: {}, annotations: {} },
    spec: {
      replicas,
      minReadySeconds: o.minReadySeconds ?? 0,
      selector: { matchLabels: { app: "web" } },
      template: t,
    },
  };
}

function barePod(name: string, labels: Record<string, string>, extra: Partial<Pod["metadata"]> = {}): Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: "default", labels, annotations: {}, ...extra },
    spec: { containers: [{ name: "web", image: "berth.local/web:1" }] },
  };
}

function rs(c: Cluster): ReplicaSet {
  const r = c.store.get("ReplicaSet", "default", "web");
  if (!r) throw new Error("no rs");
  return r;
}

const ctx = (c: Cluster) => ({ view: c.store, now: c.clock.now(), randomSuffix: () => "zzzzz", nodes: [] });

describe("ReplicaSet controller", () => {
  it("creates replicas pods from the template, named <rs>-<5 chars>, owned by the ReplicaSet", async () => {
    const c = start();
    c.apply(replicaSet(3));
    await c.settle();
    const pods = c.pods();
    expect(pods.map((p) => p.metadata.name)).toEqual(["web-bbbbb", "web-bbbbc", "web-bbbbd"]);
    const [p] = pods;
    expect(p?.metadata).toMatchObject({
      generateName: "web-",
      namespace: "default",
      labels: { app: "web", tier: "front" },
      annotations: { "prometheus.io/scrape": "true" },
      ownerReferences: [controllerRef(rs(c))],
    });
    expect(p?.spec).toEqual(rs(c).spec.template.spec);
    expect(p?.status).toEqual({ phase: "Pending" });
    expect(rs(c).status).toEqual({
      replicas: 3,
      fullyLabeledReplicas: 3,
      readyReplicas: 0,
      availableReplicas: 0,
      observedGeneration: 1,
    });
    expect(c.events.filter((e) => e.reason === "SuccessfulCreate").map((e) => e.message)).toEqual([
      "Created pod: web-bbbbb",
      "Created pod: web-bbbbc",
      "Created pod: web-bbbbd",
    ]);
    await c.converge();
    expect(rs(c).status).toMatchObject({ replicas: 3, readyReplicas: 3, availableReplicas: 3 });
    expect(c.pendingActions()).toEqual([]);
  });

  it("draws a new suffix when a generated name is taken", async () => {
    const c = start();
    c.apply(barePod("web-zzzzz", { app: "other" }));
    c.apply(replicaSet(1));
    let n = 0;
    const suffixes = ["zzzzz", "zzzzz", "xxxxx"];
    const result = reconcileReplicaSet(rs(c), { ...ctx(c), randomSuffix: () => suffixes[n++] ?? "bbbbb" });
    const created = result.actions.flatMap((a) => (a.type === "create" ? [a.object.metadata.name] : []));
    expect(created).toEqual(["web-xxxxx"]);
  });

  it("scales down by deleting unscheduled, then not-ready, then the most recently ready pods", async () => {
    const c = start();
    c.apply(replicaSet(4));
    await c.settle();
    // bbbbb and bbbbc run and are ready (bbbbc later); bbbbd runs unready; bbbbf never gets scheduled.
    const [a, b, d] = c.pods();
    let i = 0;
    for (const p of [a, b, d]) {
      if (!p) continue;
      c.store.update({ ...p, spec: { ...p.spec, nodeName: "node-a" } });
      c.advance(1000);
      const ready = i++ < 2;
      c.store.updateStatus(
        { kind: "Pod", namespace: "default", name: p.metadata.name },
        {
          phase: "Running",
          conditions: [
            {
              type: "Ready",
              status: ready ? "True" : "False",
              lastTransitionTime: new Date(c.clock.now()).toISOString(),
            },
          ],
        },
      );
    }
    await c.settle();
    const order: string[] = [];
    const stop = c.observe(() => {
      for (const p of c.store.list("Pod"))
        if (p.metadata.deletionTimestamp && !order.includes(p.metadata.name)) order.push(p.metadata.name);
    });
    const gone = new Set(c.pods().map((p) => p.metadata.name));
    c.apply({ ...replicaSet(1) });
    await c.settle();
    stop();
    const left = c
      .pods()
      .filter((p) => !p.metadata.deletionTimestamp)
      .map((p) => p.metadata.name);
    expect(left).toEqual(["web-bbbbb"]);
    // The unscheduled pod is deleted outright, the others terminate gracefully in rank order.
    expect([...gone].filter((n) => !c.pods().some((p) => p.metadata.name === n))).toEqual(["web-bbbbf"]);
    expect(order).toEqual(["web-bbbbd", "web-bbbbc"]);
    expect(rs(c).status).toMatchObject({ replicas: 1, readyReplicas: 1 });
  });

  it("terminating pods do not count: replacements start while they stop", async () => {
    const c = start();
    c.apply(replicaSet(2));
    await c.converge();
    const [victim] = c.pods();
    if (!victim) throw new Error("no pod");
    c.store.requestDelete({ kind: "Pod", namespace: "default", name: victim.metadata.name });
    await c.settle();
    expect(c.pods().filter((p) => !p.metadata.deletionTimestamp)).toHaveLength(2);
    expect(rs(c).status?.replicas).toBe(2);
  });

  it("adopts matching orphans (counting them) and leaves other controllers' and terminating pods alone", async () => {
    const c = start();
    const other: KObject = c.apply({
      ...replicaSet(1),
      metadata: { name: "other", namespace: "default", labels: {}, annotations: {} },
      spec: { ...replicaSet(1).spec, selector: { matchLabels: { app: "web", owner: "other" } } },
    });
    c.apply(barePod("orphan", { app: "web", tier: "front" }));
    c.apply(barePod("foreign", { app: "web", owner: "other" }, { ownerReferences: [controllerRef(other)] }));
    c.apply(barePod("dying", { app: "web" }, { deletionTimestamp: "2026-01-01T00:00:30Z" }));
    c.apply(barePod("unrelated", { app: "api" }));
    c.apply(replicaSet(2));
    await c.settle();
    const byName = new Map(c.pods().map((p) => [p.metadata.name, p]));
    expect(byName.get("orphan")?.metadata.ownerReferences).toEqual([controllerRef(rs(c))]);
    expect(byName.get("foreign")?.metadata.ownerReferences).toEqual([controllerRef(other)]);
    expect(byName.get("dying")?.metadata.ownerReferences).toBeUndefined();
    expect(byName.get("unrelated")?.metadata.ownerReferences).toBeUndefined();
    // One orphan adopted, one pod created.
    expect(
      c
        .pods()
        .filter((p) => p.metadata.ownerReferences?.[0]?.name === "web")
        .map((p) => p.metadata.name),
    ).toEqual(["orphan", "web-bbbbb"]);
    expect(rs(c).status).toMatchObject({ replicas: 2, fullyLabeledReplicas: 2 });
    expect(c.pendingActions()).toEqual([]);
  });

  it("adopts an orphan that appears later, through the pod's own change event", async () => {
    const c = start();
    c.apply(replicaSet(1));
    await c.settle();
    c.advance(5000);
    let adopted = false;
    const stop = c.observe(() => {
      if (c.store.get("Pod", "default", "late")?.metadata.ownerReferences?.[0]?.name === "web")
        adopted = true;
    });
    c.apply(barePod("late", { app: "web", tier: "front" }));
    await c.settle();
    stop();
    expect(adopted).toBe(true);
    // Two pods for one replica then: the surplus goes, and the adopted pod is the newest.
    expect(c.pods().map((p) => p.metadata.name)).toEqual(["web-bbbbb"]);
  });

  it("releases a pod whose labels stop matching, and replaces it", async () => {
    const c = start();
    c.apply(replicaSet(2));
    await c.converge();
    const [p] = c.pods();
    if (!p) throw new Error("no pod");
    c.store.update({ ...p, metadata: { ...p.metadata, labels: { app: "debug" } } });
    await c.settle();
    expect(c.store.get("Pod", "default", p.metadata.name)?.metadata.ownerReferences).toBeUndefined();
    expect(c.pods().filter((x) => x.metadata.ownerReferences?.[0]?.name === "web")).toHaveLength(2);
  });

  it("fullyLabeledReplicas counts only pods with every template label", async () => {
    const c = start();
    c.apply(barePod("partial", { app: "web" }));
    c.apply(replicaSet(1));
    await c.settle();
    expect(rs(c).status).toMatchObject({ replicas: 1, fullyLabeledReplicas: 0 });
  });

  it("reports failed pod creation as ReplicaFailure/FailedCreate until creation works again", async () => {
    const c = start(true);
    const create = c.store.create.bind(c.store);
    let refuse = true;
    c.store.create = <T extends KObject>(obj: T): T => {
      if (refuse && obj.kind === "Pod") throw new BerthError("E_QUOTA", "exceeded quota: pods=0");
      return create(obj);
    };
    c.apply(deployment("web", { replicas: 2 }));
    await c.settle();
    c.advance(1000); // the manager's retry
    await c.settle();
    expect(c.pods()).toEqual([]);
    const [owned] = c.replicaSets();
    expect(owned?.status?.conditions).toEqual([
      {
        type: "ReplicaFailure",
        status: "True",
        reason: "FailedCreate",
        message: "exceeded quota: pods=0",
        lastTransitionTime: "2026-01-01T00:00:00Z",
      },
    ]);
    expect(c.events.filter((e) => e.type === "Warning").map((e) => `${e.reason}: ${e.message}`)).toContain(
      "FailedCreate: Error creating: exceeded quota: pods=0",
    );
    // The Deployment carries its ReplicaSet's failure.
    expect(c.deployment("web").status?.conditions?.find((x) => x.type === "ReplicaFailure")).toMatchObject({
      status: "True",
      reason: "FailedCreate",
      lastUpdateTime: "2026-01-01T00:00:00Z",
    });
    refuse = false;
    c.advance(1000);
    await c.converge();
    expect(c.replicaSets()[0]?.status?.conditions).toBeUndefined();
    expect(c.deployment("web").status?.conditions?.find((x) => x.type === "ReplicaFailure")).toBeUndefined();
    expect(c.pods()).toHaveLength(2);
  });

  it("minReadySeconds: ready pods become available strictly after it, and the controller looks again then", async () => {
    const c = start();
    c.apply(replicaSet(2, { minReadySeconds: 10 }));
    await c.converge();
    expect(rs(c).status).toMatchObject({ readyReplicas: 2, availableReplicas: 0 });
    expect(reconcileReplicaSet(rs(c), ctx(c)).requeueAfterMs).toBe(10_001);
    c.advance(10_001);
    await c.settle(); // the requeue timer, no other change
    expect(rs(c).status).toMatchObject({ readyReplicas: 2, availableReplicas: 2 });
    expect(reconcileReplicaSet(rs(c), ctx(c))).toEqual({ actions: [] });
  });

  it("a second reconcile of a settled ReplicaSet returns no actions", async () => {
    const c = start();
    c.apply(replicaSet(3));
    await c.converge();
    const first = reconcileReplicaSet(rs(c), ctx(c));
    expect(first).toEqual({ actions: [] });
  });
});
