import { afterEach, describe, expect, it } from "vitest";
import { deploymentController } from "../../../../src/controllers/deployment/index.js";
import { computeHash } from "../../../../src/controllers/deployment/hash.js";
import { replicaSetController } from "../../../../src/controllers/replicaset/index.js";
import { Cluster, deployment, template } from "../../../support/controller-cluster.js";

let cluster: Cluster | undefined;
afterEach(() => cluster?.stop());

const A = "berth.local/web:1";
const B = "berth.local/web:2";
const RS_A = `web-${computeHash(template(A, { app: "web" }))}`;
const RS_B = `web-${computeHash(template(B, { app: "web" }))}`;
const recreate = { type: "Recreate" as const };

describe("Recreate", () => {
  it("scales the old ReplicaSet to 0, waits for its pods to be gone, then starts every new pod", async () => {
    const c = (cluster = new Cluster([deploymentController, replicaSetController]));
    c.apply(deployment("web", { replicas: 3, strategy: recreate, image: A }));
    await c.converge();

    const overlaps: string[] = [];
    const stop = c.observe(() => {
      const pods = c.store.list("Pod");
      const oldAlive = pods.some((p) => p.metadata.name.startsWith(RS_A));
      const newPod = pods.find((p) => p.metadata.name.startsWith(RS_B));
      if (oldAlive && newPod) overlaps.push(newPod.metadata.name);
    });
    const before = c.scalingEvents().length;
    c.apply(deployment("web", { replicas: 3, strategy: recreate, image: B }));
    await c.settle();
    // Old pods are terminating (their containers still stopping): no new ReplicaSet yet.
    expect(c.scalingEvents().slice(before)).toEqual([`Scaled down replica set ${RS_A} from 3 to 0`]);
    expect(c.replicaSets().map((rs) => rs.metadata.name)).toEqual([RS_A]);
    expect(c.pods().every((p) => p.metadata.deletionTimestamp !== undefined)).toBe(true);
    expect(c.deployment("web").status).toMatchObject({
      replicas: 0,
      updatedReplicas: 0,
      availableReplicas: 0,
    });

    // Still terminating on the next pass: still nothing new.
    c.kubelet({ keepTerminating: true });
    await c.settle();
    expect(c.replicaSets().map((rs) => rs.metadata.name)).toEqual([RS_A]);

    await c.converge();
    stop();
    expect(overlaps).toEqual([]);
    expect(c.scalingEvents().slice(before)).toEqual([
      `Scaled down replica set ${RS_A} from 3 to 0`,
      `Scaled up replica set ${RS_B} from 0 to 3`,
    ]);
    expect(c.deployment("web").status).toMatchObject({
      replicas: 3,
      updatedReplicas: 3,
      availableReplicas: 3,
    });
    expect(c.pendingActions()).toEqual([]);
  });

  it("reuses the old ReplicaSet when the template is reverted, with the same ordering", async () => {
    const c = (cluster = new Cluster([deploymentController, replicaSetController]));
    c.apply(deployment("web", { replicas: 2, strategy: recreate, image: A }));
    await c.converge();
    c.apply(deployment("web", { replicas: 2, strategy: recreate, image: B }));
    await c.converge();
    const before = c.scalingEvents().length;
    c.apply(deployment("web", { replicas: 2, strategy: recreate, image: A }));
    await c.converge();
    expect(c.scalingEvents().slice(before)).toEqual([
      `Scaled down replica set ${RS_B} from 2 to 0`,
      `Scaled up replica set ${RS_A} from 0 to 2`,
    ]);
    expect(
      c
        .replicaSets()
        .map((rs) => [rs.metadata.name, rs.metadata.annotations?.["deployment.kubernetes.io/revision"]]),
    ).toEqual(
      [
        [RS_A, "3"],
        [RS_B, "2"],
      ].sort((x, y) => (x[0] ?? "").localeCompare(y[0] ?? "")),
    );
  });
});
