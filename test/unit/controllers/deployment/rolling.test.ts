import { afterEach, describe, expect, it } from "vitest";
import { deploymentController } from "../../../../src/controllers/deployment/index.js";
import { computeHash } from "../../../../src/controllers/deployment/hash.js";
import { replicaSetController } from "../../../../src/controllers/replicaset/index.js";
import type { Pod } from "../../../../src/manifest/types.js";
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

const rsName = (image: string): string => `web-${computeHash(template(image, { app: "web" }))}`;
const A = "berth.local/web:1";
const B = "berth.local/web:2";
const RS_A = rsName(A);
const RS_B = rsName(B);

/** Deploys image A, converges, then switches to image B and converges; returns the scaling events of the update. */
async function rollout(
  c: Cluster,
  o: DeploymentOptions,
  becomesReady?: (p: Pod) => boolean,
): Promise<string[]> {
  c.apply(deployment("web", { ...o, image: A }));
  await c.converge();
  const before = c.scalingEvents().length;
  c.apply(deployment("web", { ...o, image: B }));
  await c.converge(becomesReady ? { becomesReady } : {});
  return c.scalingEvents().slice(before);
}

function sizes(c: Cluster): Record<string, number | undefined> {
  return Object.fromEntries(c.replicaSets().map((rs) => [rs.metadata.name, rs.spec.replicas]));
}

describe("RollingUpdate", () => {
  it("3 replicas at the default 25%/25% (surge 1, unavailable 0): the Kubernetes docs' event sequence", async () => {
    const c = start();
    const events = await rollout(c, { replicas: 3 });
    expect(events).toEqual([
      `Scaled up replica set ${RS_B} from 0 to 1`,
      `Scaled down replica set ${RS_A} from 3 to 2`,
      `Scaled up replica set ${RS_B} from 1 to 2`,
      `Scaled down replica set ${RS_A} from 2 to 1`,
      `Scaled up replica set ${RS_B} from 2 to 3`,
      `Scaled down replica set ${RS_A} from 1 to 0`,
    ]);
    expect(sizes(c)).toEqual({ [RS_A]: 0, [RS_B]: 3 });
    expect(c.pods().every((p) => p.spec.containers[0]?.image === B)).toBe(true);
    expect(c.pendingActions()).toEqual([]);
    expect(c.errors).toEqual([]);
  });

  it("10 replicas, maxSurge 3, maxUnavailable 2: the exact scale steps", async () => {
    const c = start();
    const events = await rollout(c, { replicas: 10, maxSurge: 3, maxUnavailable: 2 });
    expect(events).toEqual([
      // Surge 3 at once, and 2 old ones may go before anything new is ready.
      `Scaled up replica set ${RS_B} from 0 to 3`,
      `Scaled down replica set ${RS_A} from 10 to 8`,
      // 11 pods exist: 2 more new ones fit under 13.
      `Scaled up replica set ${RS_B} from 3 to 5`,
      // The 5 new pods became ready: 13 available, 8 needed.
      `Scaled down replica set ${RS_A} from 8 to 3`,
      `Scaled up replica set ${RS_B} from 5 to 10`,
      `Scaled down replica set ${RS_A} from 3 to 0`,
    ]);
    expect(c.pendingActions()).toEqual([]);
  });

  it("maxSurge 1, maxUnavailable 0 with 3 replicas never runs fewer than 3 ready pods", async () => {
    const c = start();
    c.apply(deployment("web", { replicas: 3, maxSurge: 1, maxUnavailable: 0, image: A }));
    await c.converge();
    let minReady = Infinity;
    let maxPods = 0;
    const stop = c.observe(() => {
      minReady = Math.min(minReady, c.readyPods());
      maxPods = Math.max(maxPods, c.store.list("Pod").filter((p) => !p.metadata.deletionTimestamp).length);
    });
    c.apply(deployment("web", { replicas: 3, maxSurge: 1, maxUnavailable: 0, image: B }));
    await c.converge();
    stop();
    expect(minReady).toBe(3);
    expect(maxPods).toBe(4);
    expect(sizes(c)).toEqual({ [RS_A]: 0, [RS_B]: 3 });
  });

  it.each([
    // [replicas, maxSurge, maxUnavailable, resolved surge, resolved unavailable]
    [10, "25%", "25%", 3, 2],
    [3, "25%", "25%", 1, 0],
    [4, "50%", "50%", 2, 2],
    [3, 0, "20%", 0, 1], // both round to 0: one pod may be unavailable
    [5, 2, 1, 2, 1],
  ] as const)(
    "replicas %i, maxSurge %s, maxUnavailable %s: pods stay within replicas + %i and ready ≥ replicas − %i",
    async (replicas, maxSurge, maxUnavailable, surge, unavailable) => {
      const c = start();
      const o = { replicas, maxSurge, maxUnavailable };
      c.apply(deployment("web", { ...o, image: A }));
      await c.converge();
      let minReady = Infinity;
      let maxPods = 0;
      const stop = c.observe(() => {
        minReady = Math.min(minReady, c.readyPods());
        maxPods = Math.max(maxPods, c.store.list("Pod").filter((p) => !p.metadata.deletionTimestamp).length);
      });
      c.apply(deployment("web", { ...o, image: B }));
      await c.converge();
      stop();
      expect(minReady).toBe(replicas - unavailable);
      expect(maxPods).toBe(replicas + surge);
      expect(sizes(c)).toEqual({ [RS_A]: 0, [RS_B]: replicas });
      expect(c.deployment("web").status?.updatedReplicas).toBe(replicas);
    },
  );

  it("new pods that never become ready stall the rollout without costing more than maxUnavailable", async () => {
    const c = start();
    const events = await rollout(
      c,
      { replicas: 10, maxSurge: 3, maxUnavailable: 2 },
      (p) => p.spec.containers[0]?.image !== B,
    );
    expect(events).toEqual([
      `Scaled up replica set ${RS_B} from 0 to 3`,
      `Scaled down replica set ${RS_A} from 10 to 8`,
      `Scaled up replica set ${RS_B} from 3 to 5`,
    ]);
    expect(sizes(c)).toEqual({ [RS_A]: 8, [RS_B]: 5 });
    expect(c.readyPods()).toBe(8);
    const status = c.deployment("web").status;
    expect(status).toMatchObject({
      replicas: 13,
      updatedReplicas: 5,
      readyReplicas: 8,
      availableReplicas: 8,
      unavailableReplicas: 5,
    });
    expect(status?.conditions?.find((x) => x.type === "Available")).toMatchObject({
      status: "True",
      reason: "MinimumReplicasAvailable",
    });
    expect(c.pendingActions()).toEqual([]);
  });

  it("an old ReplicaSet's unready replicas are removed first: they cost no availability", async () => {
    const c = start();
    // 4 replicas of A, one of which never becomes ready.
    let first = true;
    const firstNeverReady = (): boolean => {
      const ok = !first;
      first = false;
      return ok;
    };
    c.apply(deployment("web", { replicas: 4, maxSurge: 1, maxUnavailable: 0, image: A }));
    await c.converge({ becomesReady: firstNeverReady });
    const unready = c
      .pods()
      .find((p) => !p.status?.conditions?.some((x) => x.type === "Ready" && x.status === "True"));
    expect(unready).toBeDefined();
    expect(c.readyPods()).toBe(3);

    const terminated: string[] = [];
    const stop = c.observe(() => {
      for (const p of c.store.list("Pod")) {
        if (p.metadata.deletionTimestamp && !terminated.includes(p.metadata.name))
          terminated.push(p.metadata.name);
      }
    });
    const before = c.scalingEvents().length;
    c.apply(deployment("web", { replicas: 4, maxSurge: 1, maxUnavailable: 0, image: B }));
    await c.settle();
    // 5 pods, 4 must stay available, the new one is not yet: 5 − 4 − 1 = 0, nothing may go.
    expect(c.scalingEvents().slice(before)).toEqual([`Scaled up replica set ${RS_B} from 0 to 1`]);
    await c.converge();
    stop();
    expect(c.scalingEvents().slice(before, before + 3)).toEqual([
      `Scaled up replica set ${RS_B} from 0 to 1`,
      `Scaled down replica set ${RS_A} from 4 to 3`,
      `Scaled up replica set ${RS_B} from 1 to 2`,
    ]);
    expect(terminated[0]).toBe(unready?.metadata.name);
    expect(sizes(c)).toEqual({ [RS_A]: 0, [RS_B]: 4 });
  });
});
