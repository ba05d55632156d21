import { afterEach, describe, expect, it } from "vitest";
import { deploymentController } from "../../../../src/controllers/deployment/index.js";
import { computeHash } from "../../../../src/controllers/deployment/hash.js";
import { replicaSetController } from "../../../../src/controllers/replicaset/index.js";
import type { ReplicaSet } from "../../../../src/manifest/types.js";
import {
  Cluster,
  deployment,
  template,
  type DeploymentOptions,
} from "../../../support/controller-cluster.js";

let cluster: Cluster | undefined;
afterEach(() => cluster?.stop());

function start(): Cluster {
  cluster = new Cluster([deploymentController, replicaSetController]);
  return cluster;
}

const image = (n: number): string => `berth.local/web:${n}`;
const rsOf = (n: number): string => `web-${computeHash(template(image(n), { app: "web" }))}`;
const REVISION = "deployment.kubernetes.io/revision";
const HISTORY = "deployment.kubernetes.io/revision-history";

function revisions(c: Cluster): Record<string, string | undefined> {
  return Object.fromEntries(
    c.replicaSets().map((rs) => [rs.metadata.name, rs.metadata.annotations?.[REVISION]]),
  );
}

function sizes(c: Cluster): Record<string, number | undefined> {
  return Object.fromEntries(c.replicaSets().map((rs) => [rs.metadata.name, rs.spec.replicas]));
}

async function deploy(c: Cluster, n: number, o: DeploymentOptions = {}): Promise<void> {
  c.apply(deployment("web", { replicas: 3, ...o, image: image(n) }));
  await c.converge();
  c.advance(10_000);
}

describe("new ReplicaSet, revisions and annotations", () => {
  it("names the ReplicaSet <deployment>-<hash> and labels selector, template and pods with the hash", async () => {
    const c = start();
    await deploy(c, 1, { annotations: { "kubernetes.io/change-cause": "first", "berth.io/app": "shop" } });
    const [rs] = c.replicaSets();
    const hash = computeHash(template(image(1), { app: "web" }));
    expect(rs?.metadata.name).toBe(`web-${hash}`);
    expect(rs?.metadata.labels).toEqual({ app: "web", "pod-template-hash": hash });
    expect(rs?.spec.selector).toEqual({ matchLabels: { app: "web", "pod-template-hash": hash } });
    expect(rs?.spec.template.metadata.labels).toEqual({ app: "web", "pod-template-hash": hash });
    expect(rs?.metadata.ownerReferences).toEqual([
      {
        apiVersion: "apps/v1",
        kind: "Deployment",
        name: "web",
        uid: c.deployment("web").metadata.uid,
        controller: true,
        blockOwnerDeletion: true,
      },
    ]);
    // The Deployment's annotations are copied, but not berth's own bookkeeping.
    expect(rs?.metadata.annotations).toEqual({
      "kubernetes.io/change-cause": "first",
      [REVISION]: "1",
      "deployment.kubernetes.io/desired-replicas": "3",
      "deployment.kubernetes.io/max-replicas": "4",
    });
    expect(c.deployment("web").metadata.annotations?.[REVISION]).toBe("1");
    for (const p of c.pods()) expect(p.metadata.labels?.["pod-template-hash"]).toBe(hash);
  });

  it("rollback by reverting the template reuses the old ReplicaSet with a new revision and its history", async () => {
    const c = start();
    await deploy(c, 1);
    await deploy(c, 2);
    expect(revisions(c)).toEqual({ [rsOf(1)]: "1", [rsOf(2)]: "2" });
    const before = c.scalingEvents().length;
    await deploy(c, 1); // git revert
    expect(c.replicaSets()).toHaveLength(2);
    expect(revisions(c)).toEqual({ [rsOf(1)]: "3", [rsOf(2)]: "2" });
    expect(c.store.get("ReplicaSet", "default", rsOf(1))?.metadata.annotations?.[HISTORY]).toBe("1");
    expect(c.deployment("web").metadata.annotations?.[REVISION]).toBe("3");
    expect(c.scalingEvents().slice(before)).toEqual([
      `Scaled up replica set ${rsOf(1)} from 0 to 1`,
      `Scaled down replica set ${rsOf(2)} from 3 to 2`,
      `Scaled up replica set ${rsOf(1)} from 1 to 2`,
      `Scaled down replica set ${rsOf(2)} from 2 to 1`,
      `Scaled up replica set ${rsOf(1)} from 2 to 3`,
      `Scaled down replica set ${rsOf(2)} from 1 to 0`,
    ]);
    // Back and forth once more: the history grows.
    await deploy(c, 2);
    await deploy(c, 1);
    expect(revisions(c)).toEqual({ [rsOf(1)]: "5", [rsOf(2)]: "4" });
    expect(c.store.get("ReplicaSet", "default", rsOf(1))?.metadata.annotations?.[HISTORY]).toBe("1,3");
    expect(c.store.get("ReplicaSet", "default", rsOf(2))?.metadata.annotations?.[HISTORY]).toBe("2");
    expect(c.pendingActions()).toEqual([]);
  });

  it("rolling back a stalled rollout removes the broken pods at once (the Kubernetes source's case 1)", async () => {
    const c = start();
    const o = { replicas: 10, maxSurge: 3, maxUnavailable: 2 };
    await deploy(c, 1, o);
    c.apply(deployment("web", { ...o, image: image(2) }));
    await c.converge({ becomesReady: (p) => p.spec.containers[0]?.image !== image(2) });
    expect(sizes(c)).toEqual({ [rsOf(1)]: 8, [rsOf(2)]: 5 });
    const before = c.scalingEvents().length;
    c.apply(deployment("web", { ...o, image: image(1) }));
    await c.converge({ becomesReady: (p) => p.spec.containers[0]?.image !== image(2) });
    expect(c.scalingEvents().slice(before)).toEqual([
      `Scaled down replica set ${rsOf(2)} from 5 to 0`,
      `Scaled up replica set ${rsOf(1)} from 8 to 10`,
    ]);
    expect(c.readyPods()).toBe(10);
  });

  it("revisionHistoryLimit keeps that many old ReplicaSets, deleting the oldest scaled to 0", async () => {
    const c = start();
    for (let n = 1; n <= 5; n++) await deploy(c, n, { revisionHistoryLimit: 2 });
    expect(revisions(c)).toEqual({ [rsOf(3)]: "3", [rsOf(4)]: "4", [rsOf(5)]: "5" });
    expect(c.pendingActions()).toEqual([]);
  });

  it("revisionHistoryLimit 0 keeps no old ReplicaSet; MaxInt32 (legacy extensions/v1beta1) keeps all", async () => {
    const c = start();
    for (let n = 1; n <= 3; n++) await deploy(c, n, { revisionHistoryLimit: 0 });
    expect(Object.keys(revisions(c))).toEqual([rsOf(3)]);
    c.stop();
    const legacy = start();
    for (let n = 1; n <= 3; n++) await deploy(legacy, n, { revisionHistoryLimit: 2147483647 });
    expect(legacy.replicaSets()).toHaveLength(3);
  });

  it("minReadySeconds is carried to the ReplicaSet", async () => {
    const c = start();
    await deploy(c, 1);
    c.apply(deployment("web", { replicas: 3, image: image(1), minReadySeconds: 5 }));
    await c.settle();
    expect(c.replicaSets().map((rs) => rs.spec.minReadySeconds)).toEqual([5]);
    expect(c.replicaSets()).toHaveLength(1);
  });

  it("a hash collision bumps collisionCount and names the ReplicaSet with the next hash", async () => {
    const c = start();
    const t = template(image(1), { app: "web" });
    const squatter: ReplicaSet = {
      apiVersion: "apps/v1",
      kind: "ReplicaSet",
      metadata: {
        name: `web-${computeHash(t)}`,
        namespace: "default",
        labels: { app: "other" },
        annotations: {},
      },
      spec: {
        replicas: 0,
        selector: { matchLabels: { app: "other" } },
        template: template("x:1", { app: "other" }),
      },
    };
    c.apply(squatter);
    await deploy(c, 1);
    expect(c.deployment("web").status?.collisionCount).toBe(1);
    const mine = c.replicaSets().filter((rs) => rs.metadata.ownerReferences?.[0]?.name === "web");
    expect(mine.map((rs) => rs.metadata.name)).toEqual([`web-${computeHash(t, 1)}`]);
    expect(mine[0]?.spec.replicas).toBe(3);
    expect(c.store.get("ReplicaSet", "default", squatter.metadata.name)?.spec.replicas).toBe(0);
  });

  it("adopts an orphan ReplicaSet its selector matches, and uses it when the template is the same", async () => {
    const c = start();
    const hash = computeHash(template(image(1), { app: "web" }));
    const t = template(image(1), { app: "web" });
    t.metadata.labels = { app: "web", "pod-template-hash": hash };
    c.apply({
      apiVersion: "apps/v1",
      kind: "ReplicaSet",
      metadata: { name: "hand-made", namespace: "default", labels: { app: "web" }, annotations: {} },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: "web", "pod-template-hash": hash } },
        template: t,
      },
    } satisfies ReplicaSet);
    await c.converge();
    expect(c.pods()).toHaveLength(2);
    await deploy(c, 1);
    expect(c.replicaSets().map((rs) => rs.metadata.name)).toEqual(["hand-made"]);
    const rs = c.replicaSets()[0];
    expect(rs?.metadata.ownerReferences?.[0]).toMatchObject({
      kind: "Deployment",
      name: "web",
      controller: true,
    });
    expect(rs?.spec.replicas).toBe(3);
    expect(c.pods()).toHaveLength(3);
  });
});

describe("scaling", () => {
  it("a replicas change with the same template scales the ReplicaSet, no new one", async () => {
    const c = start();
    await deploy(c, 1);
    const before = c.scalingEvents().length;
    await deploy(c, 1, { replicas: 5 });
    expect(c.scalingEvents().slice(before)).toEqual([`Scaled up replica set ${rsOf(1)} from 3 to 5`]);
    await deploy(c, 1, { replicas: 2 });
    expect(c.scalingEvents().slice(before)).toEqual([
      `Scaled up replica set ${rsOf(1)} from 3 to 5`,
      `Scaled down replica set ${rsOf(1)} from 5 to 2`,
    ]);
    expect(c.replicaSets()).toHaveLength(1);
    expect(c.replicaSets()[0]?.metadata.annotations?.["deployment.kubernetes.io/desired-replicas"]).toBe("2");
    expect(c.pods()).toHaveLength(2);
  });

  it("mid-rollout, new replicas are spread proportionally (the Kubernetes docs' 10 → 15 example)", async () => {
    const c = start();
    const o = { maxSurge: 3, maxUnavailable: 2 };
    await deploy(c, 1, { ...o, replicas: 10 });
    const stuck = {
      becomesReady: (p: { spec: { containers: { image: string }[] } }) =>
        p.spec.containers[0]?.image !== image(2),
    };
    c.apply(deployment("web", { ...o, replicas: 10, image: image(2) }));
    await c.converge(stuck);
    expect(sizes(c)).toEqual({ [rsOf(1)]: 8, [rsOf(2)]: 5 });
    c.apply(deployment("web", { ...o, replicas: 15, image: image(2) }));
    await c.converge(stuck);
    // 18 allowed (15 + 3), 13 there: 5 more, 3 to the larger old ReplicaSet, 2 to the new one.
    expect(sizes(c)).toEqual({ [rsOf(1)]: 11, [rsOf(2)]: 7 });
    for (const rs of c.replicaSets()) {
      expect(rs.metadata.annotations?.["deployment.kubernetes.io/desired-replicas"]).toBe("15");
      expect(rs.metadata.annotations?.["deployment.kubernetes.io/max-replicas"]).toBe("18");
    }
    // And back down to 5 (surge 3: 8 allowed, 10 to remove), the larger ReplicaSet losing most;
    // then the rolling update goes on as far as availability allows: 5 − 2 = 3 must stay ready.
    const before = c.scalingEvents().length;
    c.apply(deployment("web", { ...o, replicas: 5, image: image(2) }));
    await c.converge(stuck);
    expect(c.scalingEvents().slice(before)).toEqual([
      `Scaled down replica set ${rsOf(1)} from 11 to 5`,
      `Scaled down replica set ${rsOf(2)} from 7 to 3`,
      `Scaled down replica set ${rsOf(1)} from 5 to 3`,
      `Scaled up replica set ${rsOf(2)} from 3 to 5`,
    ]);
    expect(sizes(c)).toEqual({ [rsOf(1)]: 3, [rsOf(2)]: 5 });
    expect(c.readyPods()).toBe(3);
  });

  it("a paused Deployment scales but does not roll out; resuming rolls out", async () => {
    const c = start();
    await deploy(c, 1);
    c.apply(deployment("web", { replicas: 3, image: image(2), paused: true }));
    await c.converge();
    expect(c.replicaSets().map((rs) => rs.metadata.name)).toEqual([rsOf(1)]);
    const progressing = (): unknown =>
      c.deployment("web").status?.conditions?.find((x) => x.type === "Progressing");
    expect(progressing()).toMatchObject({
      status: "Unknown",
      reason: "DeploymentPaused",
      message: "Deployment is paused",
    });
    c.apply(deployment("web", { replicas: 4, image: image(2), paused: true }));
    await c.converge();
    expect(sizes(c)).toEqual({ [rsOf(1)]: 4 });
    expect(c.deployment("web").status).toMatchObject({
      replicas: 4,
      updatedReplicas: 0,
      availableReplicas: 4,
    });
    expect(c.pendingActions()).toEqual([]);

    c.apply(deployment("web", { replicas: 4, image: image(2), paused: false }));
    await c.converge();
    expect(sizes(c)).toEqual({ [rsOf(1)]: 0, [rsOf(2)]: 4 });
    expect(progressing()).toMatchObject({ status: "True", reason: "NewReplicaSetAvailable" });
  });

  it("scaling to zero and back", async () => {
    const c = start();
    await deploy(c, 1);
    await deploy(c, 1, { replicas: 0 });
    expect(c.pods()).toEqual([]);
    expect(c.deployment("web").status).toMatchObject({ replicas: 0, availableReplicas: 0 });
    await deploy(c, 1, { replicas: 2 });
    expect(c.pods()).toHaveLength(2);
    expect(c.replicaSets()).toHaveLength(1);
  });
});
