import { afterEach, describe, expect, it } from "vitest";
import { deploymentController } from "../../../../src/controllers/deployment/index.js";
import {
  deploymentRolloutHistory,
  deploymentRolloutStatus,
  formatRolloutHistory,
  replicaSetForRevision,
} from "../../../../src/controllers/deployment/rollout-status.js";
import { replicaSetController } from "../../../../src/controllers/replicaset/index.js";
import type { Deployment, DeploymentStatus } from "../../../../src/manifest/types.js";
import { Cluster, deployment } from "../../../support/controller-cluster.js";

function withStatus(status: DeploymentStatus, generation = 2, replicas = 3): Deployment {
  const d = deployment("web", { replicas });
  d.metadata.generation = generation;
  d.status = status;
  return d;
}

describe("rollout status (kubectl's messages)", () => {
  it.each<[string, DeploymentStatus, string, boolean]>([
    [
      "spec not observed",
      { observedGeneration: 1 },
      "Waiting for deployment spec update to be observed...",
      false,
    ],
    [
      "new replicas not all updated",
      { observedGeneration: 2, replicas: 4, updatedReplicas: 1, availableReplicas: 3 },
      'Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...',
      false,
    ],
    [
      "old replicas terminating",
      { observedGeneration: 2, replicas: 4, updatedReplicas: 3, availableReplicas: 3 },
      'Waiting for deployment "web" rollout to finish: 1 old replicas are pending termination...',
      false,
    ],
    [
      "updated replicas not yet available",
      { observedGeneration: 2, replicas: 3, updatedReplicas: 3, availableReplicas: 2 },
      'Waiting for deployment "web" rollout to finish: 2 of 3 updated replicas are available...',
      false,
    ],
    [
      "done",
      { observedGeneration: 2, replicas: 3, updatedReplicas: 3, availableReplicas: 3 },
      'deployment "web" successfully rolled out',
      true,
    ],
  ])("%s", (_label, status, message, done) => {
    expect(deploymentRolloutStatus(withStatus(status))).toEqual({ done, message });
  });

  it("a progress deadline exceeded is an error", () => {
    const d = withStatus({
      observedGeneration: 2,
      replicas: 4,
      updatedReplicas: 2,
      conditions: [{ type: "Progressing", status: "False", reason: "ProgressDeadlineExceeded" }],
    });
    expect(deploymentRolloutStatus(d)).toEqual({
      done: false,
      message: 'error: deployment "web" exceeded its progress deadline',
      error: 'deployment "web" exceeded its progress deadline',
    });
  });

  it("checks the running revision when asked for one", () => {
    const d = withStatus({ observedGeneration: 2, replicas: 3, updatedReplicas: 3, availableReplicas: 3 });
    d.metadata.annotations = { "deployment.kubernetes.io/revision": "4" };
    expect(deploymentRolloutStatus(d, { revision: 4 }).done).toBe(true);
    expect(deploymentRolloutStatus(d, { revision: 3 }).error).toBe(
      "desired revision (3) is different from the running revision (4)",
    );
  });
});

describe("rollout history", () => {
  let cluster: Cluster | undefined;
  afterEach(() => cluster?.stop());

  it("lists revisions with their change-cause from the ReplicaSets, a rollback showing under its new number", async () => {
    const c = (cluster = new Cluster([deploymentController, replicaSetController]));
    const step = async (image: string, cause?: string): Promise<void> => {
      c.apply(
        deployment("web", { image, annotations: cause ? { "kubernetes.io/change-cause": cause } : {} }),
      );
      await c.converge();
      c.advance(1000);
    };
    await step("berth.local/web:1");
    await step("berth.local/web:2", "image web:2");
    await step("berth.local/web:3", "image web:3");
    await step("berth.local/web:2", "revert to web:2");
    const d = c.deployment("web");
    const rows = deploymentRolloutHistory(d, c.replicaSets());
    expect(rows.map((r) => [r.revision, r.changeCause])).toEqual([
      [1, "<none>"],
      [3, "image web:3"],
      [4, "revert to web:2"],
    ]);
    expect(formatRolloutHistory("web", rows)).toBe(
      "deployment.apps/web \n" +
        "REVISION  CHANGE-CAUSE\n" +
        "1         <none>\n" +
        "3         image web:3\n" +
        "4         revert to web:2\n",
    );
    expect(replicaSetForRevision(d, c.replicaSets(), 4)?.spec.template.spec.containers[0]?.image).toBe(
      "berth.local/web:2",
    );
    expect(replicaSetForRevision(d, c.replicaSets(), 2)).toBeUndefined();
    expect(deploymentRolloutStatus(d, { revision: 4 })).toEqual({
      done: true,
      message: 'deployment "web" successfully rolled out',
    });
  });

  it("ignores ReplicaSets the Deployment does not control", () => {
    const d = deployment("web");
    d.metadata.uid = "u1";
    const foreign = {
      apiVersion: "apps/v1",
      kind: "ReplicaSet" as const,
      metadata: {
        name: "x",
        namespace: "default",
        annotations: { "deployment.kubernetes.io/revision": "7" },
      },
      spec: { selector: {}, template: d.spec.template },
    };
    expect(deploymentRolloutHistory(d, [foreign])).toEqual([]);
  });
});
