import { afterEach, describe, expect, it } from "vitest";
import { deploymentController, reconcileDeployment } from "../../../../src/controllers/deployment/index.js";
import { computeHash } from "../../../../src/controllers/deployment/hash.js";
import { deploymentRolloutStatus } from "../../../../src/controllers/deployment/rollout-status.js";
import { replicaSetController } from "../../../../src/controllers/replicaset/index.js";
import type { Condition, Pod } from "../../../../src/manifest/types.js";
import { Cluster, deployment, template } from "../../../support/controller-cluster.js";

let cluster: Cluster | undefined;
afterEach(() => cluster?.stop());

function start(): Cluster {
  cluster = new Cluster([deploymentController, replicaSetController]);
  return cluster;
}

const A = "berth.local/web:1";
const B = "berth.local/web:2";
const RS_B = `web-${computeHash(template(B, { app: "web" }))}`;
const neverReadyB = { becomesReady: (p: Pod) => p.spec.containers[0]?.image !== B };

function condition(c: Cluster, type: string): Condition | undefined {
  return c.deployment("web").status?.conditions?.find((x) => x.type === type);
}

describe("Progressing condition and the progress deadline", () => {
  it("a stalled rollout times out after progressDeadlineSeconds, on the requeue timer", async () => {
    const c = start();
    const o = { replicas: 10, maxSurge: 3, maxUnavailable: 2, progressDeadlineSeconds: 600 };
    c.apply(deployment("web", { ...o, image: A }));
    await c.converge();
    c.advance(60_000);
    const t0 = Date.parse("2026-01-01T00:01:00Z");
    c.apply(deployment("web", { ...o, image: B }));
    await c.converge(neverReadyB);
    expect(condition(c, "Progressing")).toMatchObject({
      status: "True",
      reason: "ReplicaSetUpdated",
      message: `ReplicaSet "${RS_B}" is progressing.`,
      lastUpdateTime: new Date(t0).toISOString().replace(".000", ""),
    });
    // The controller asked to look again when the deadline passes (plus Kubernetes' extra second).
    expect(
      reconcileDeployment(c.deployment("web"), {
        view: c.store,
        now: c.clock.now(),
        randomSuffix: () => "x",
        nodes: [],
      }).requeueAfterMs,
    ).toBe(601_000);

    c.advance(600_000); // exactly the deadline: not yet past it
    await c.settle();
    expect(condition(c, "Progressing")?.reason).toBe("ReplicaSetUpdated");
    expect(deploymentRolloutStatus(c.deployment("web")).error).toBeUndefined();

    c.advance(1_000);
    await c.settle();
    expect(condition(c, "Progressing")).toMatchObject({
      status: "False",
      reason: "ProgressDeadlineExceeded",
      message: `ReplicaSet "${RS_B}" has timed out progressing.`,
    });
    expect(deploymentRolloutStatus(c.deployment("web"))).toEqual({
      done: false,
      message: 'error: deployment "web" exceeded its progress deadline',
      error: 'deployment "web" exceeded its progress deadline',
    });
    // Timing out stops nothing: the 8 old pods still serve.
    expect(c.readyPods()).toBe(8);
    expect(c.pendingActions()).toEqual([]);
  });

  it("progress moves the deadline: each sign of progress refreshes lastUpdateTime", async () => {
    const c = start();
    c.apply(
      deployment("web", {
        replicas: 2,
        maxSurge: 1,
        maxUnavailable: 0,
        progressDeadlineSeconds: 60,
        image: A,
      }),
    );
    await c.converge();
    c.apply(
      deployment("web", {
        replicas: 2,
        maxSurge: 1,
        maxUnavailable: 0,
        progressDeadlineSeconds: 60,
        image: B,
      }),
    );
    await c.settle();
    // Each step takes 50 s: slower than nothing, but never 60 s without progress.
    for (let i = 0; i < 4; i++) {
      c.advance(50_000);
      await c.settle(); // the deadline check, before the next step shows progress
      expect(condition(c, "Progressing")?.status).toBe("True");
      c.kubelet();
      await c.settle();
    }
    expect(condition(c, "Progressing")?.reason).toBe("NewReplicaSetAvailable");
    expect(deploymentRolloutStatus(c.deployment("web")).message).toBe(
      'deployment "web" successfully rolled out',
    );
  });

  it("a legacy extensions/v1beta1 Deployment (no deadline, MaxInt32) has no Progressing condition and never times out", async () => {
    const c = start();
    const o = { replicas: 3, maxSurge: 1, maxUnavailable: 1, progressDeadlineSeconds: 2147483647 };
    c.apply(deployment("web", { ...o, image: A }));
    await c.converge();
    c.apply(deployment("web", { ...o, image: B }));
    await c.converge(neverReadyB);
    c.advance(365 * 24 * 3600 * 1000);
    await c.settle();
    expect(condition(c, "Progressing")).toBeUndefined();
    expect(condition(c, "Available")?.status).toBe("True");
    expect(deploymentRolloutStatus(c.deployment("web")).error).toBeUndefined();
  });

  it("creating the new ReplicaSet sets NewReplicaSetCreated; completion NewReplicaSetAvailable", async () => {
    const c = start();
    const d = c.apply(deployment("web", { replicas: 2, image: A }));
    // The first reconcile, before the manager runs: creates the ReplicaSet and says so.
    const first = reconcileDeployment(d, {
      view: c.store,
      now: c.clock.now(),
      randomSuffix: () => "x",
      nodes: [],
    });
    const status = first.actions.find((a) => a.type === "status");
    expect(first.actions.map((a) => a.type)).toEqual(["create", "update", "status", "event"]);
    expect(status?.type === "status" ? status.status : undefined).toMatchObject({
      conditions: [
        {
          type: "Progressing",
          status: "True",
          reason: "NewReplicaSetCreated",
          message: expect.stringMatching(/^Created new replica set "web-/) as string,
        },
        { type: "Available", status: "False", reason: "MinimumReplicasUnavailable" },
      ],
    });
    await c.settle();
    // Pods were created: progress.
    expect(condition(c, "Progressing")).toMatchObject({ status: "True", reason: "ReplicaSetUpdated" });
    expect(condition(c, "Available")).toMatchObject({
      status: "False",
      reason: "MinimumReplicasUnavailable",
      message: "Deployment does not have minimum availability.",
    });
    await c.converge();
    expect(condition(c, "Available")).toMatchObject({ status: "True", reason: "MinimumReplicasAvailable" });
    expect(condition(c, "Progressing")).toMatchObject({ status: "True", reason: "NewReplicaSetAvailable" });
  });

  it("pausing past the deadline does not time out once resumed", async () => {
    const c = start();
    const o = { replicas: 2, progressDeadlineSeconds: 60 };
    c.apply(deployment("web", { ...o, image: A }));
    await c.converge();
    c.apply(deployment("web", { ...o, image: B, paused: true }));
    await c.settle();
    expect(condition(c, "Progressing")).toMatchObject({ status: "Unknown", reason: "DeploymentPaused" });
    c.advance(3_600_000);
    await c.settle();
    expect(condition(c, "Progressing")?.reason).toBe("DeploymentPaused");
    c.apply(deployment("web", { ...o, image: B, paused: false }));
    await c.settle();
    expect(condition(c, "Progressing")?.reason).not.toBe("ProgressDeadlineExceeded");
    await c.converge();
    expect(condition(c, "Progressing")).toMatchObject({ status: "True", reason: "NewReplicaSetAvailable" });
  });
});

describe("minReadySeconds", () => {
  it("gates availability and therefore every scale-down step", async () => {
    const c = start();
    const o = { replicas: 2, maxSurge: 1, maxUnavailable: 0, minReadySeconds: 30 };
    c.apply(deployment("web", { ...o, image: A }));
    await c.converge();
    expect(c.deployment("web").status).toMatchObject({ readyReplicas: 2, availableReplicas: 0 });
    c.advance(30_000);
    await c.settle();
    expect(c.deployment("web").status).toMatchObject({ readyReplicas: 2, availableReplicas: 0 }); // strictly after
    c.advance(1);
    await c.settle();
    expect(c.deployment("web").status).toMatchObject({ readyReplicas: 2, availableReplicas: 2 });

    const before = c.scalingEvents().length;
    c.apply(deployment("web", { ...o, image: B }));
    await c.converge();
    // The new pod is ready but not yet available: no old pod may go.
    expect(c.scalingEvents().slice(before)).toEqual([`Scaled up replica set ${RS_B} from 0 to 1`]);
    c.advance(30_001);
    await c.converge();
    expect(c.scalingEvents().slice(before)).toHaveLength(3);
    c.advance(30_001);
    await c.converge();
    expect(c.scalingEvents().slice(before)).toHaveLength(4);
    expect(c.deployment("web").status).toMatchObject({
      replicas: 2,
      updatedReplicas: 2,
      availableReplicas: 2,
    });
  });
});
