import { afterEach, describe, expect, it } from "vitest";
import {
  reconcileStatefulSet,
  statefulSetController,
} from "../../../../src/controllers/statefulset/index.js";
import type { StatefulSet } from "../../../../src/manifest/types.js";
import { Cluster, node } from "../../../support/batch-cluster.js";
import { contextOf, must, statefulSet } from "../../../support/workloads.js";

let cluster: Cluster | undefined;
afterEach(() => cluster?.stop());

function withClaims(
  replicas: number,
  policy?: StatefulSet["spec"]["persistentVolumeClaimRetentionPolicy"],
): StatefulSet {
  return statefulSet("db", {
    replicas,
    volumeClaimTemplates: [
      {
        metadata: { name: "data" },
        spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } },
      },
      {
        metadata: { name: "logs" },
        spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } },
      },
    ],
    ...(policy ? { persistentVolumeClaimRetentionPolicy: policy } : {}),
  });
}

const claimNames = (c: Cluster): string[] => c.claims.map((x) => x.claimName).sort();

describe("StatefulSet claims", () => {
  it("pins a recreated pod to the node that holds its claims", () => {
    // node-a is cordoned at first, so the fake scheduler puts the pods on node-b.
    const c = new Cluster([statefulSetController], {
      nodes: [node("node-a", { unschedulable: true }), node("node-b")],
    });
    cluster = c;
    c.apply(withClaims(2));
    expect(c.pods("db-").map((p) => p.spec.nodeName)).toEqual(["node-b", "node-b"]);
    expect(c.claims.find((x) => x.claimName === "data-db-0")?.node).toBe("node-b");
    // Now node-a would be the scheduler's first choice; the recreated db-0 must still go to node-b.
    c.nodes = [node("node-a"), node("node-b")];
    c.store.requestDelete({ kind: "Pod", namespace: "default", name: "db-0" });
    c.settle();
    const pod = must(c.store.get("Pod", "default", "db-0"));
    expect(pod.spec.nodeName).toBe("node-b");
    expect(pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution).toEqual({
      nodeSelectorTerms: [{ matchFields: [{ key: "metadata.name", operator: "In", values: ["node-b"] }] }],
    });
    expect(pod.spec.volumes?.map((v) => v.persistentVolumeClaim?.claimName)).toEqual([
      "data-db-0",
      "logs-db-0",
    ]);
  });

  it("joins the pin to each of the template's own required terms", () => {
    const c = new Cluster([statefulSetController], { nodes: [node("node-a")] });
    cluster = c;
    const sts = withClaims(1);
    sts.spec.template.spec.affinity = {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchExpressions: [{ key: "kubernetes.io/hostname", operator: "Exists" }] }],
        },
      },
    };
    c.apply(sts);
    c.store.requestDelete({ kind: "Pod", namespace: "default", name: "db-0" });
    c.settle();
    expect(
      c.store.get("Pod", "default", "db-0")?.spec.affinity?.nodeAffinity
        ?.requiredDuringSchedulingIgnoredDuringExecution,
    ).toEqual({
      nodeSelectorTerms: [
        {
          matchExpressions: [{ key: "kubernetes.io/hostname", operator: "Exists" }],
          matchFields: [{ key: "metadata.name", operator: "In", values: ["node-a"] }],
        },
      ],
    });
  });

  it("keeps claims on scale-down and reuses them on scale-up (Retain)", () => {
    const c = new Cluster([statefulSetController], { nodes: [node("node-a")] });
    cluster = c;
    c.apply(withClaims(3));
    c.apply(withClaims(1));
    expect(c.pods("db-").map((p) => p.metadata.name)).toEqual(["db-0"]);
    expect(claimNames(c)).toEqual([
      "data-db-0",
      "data-db-1",
      "data-db-2",
      "logs-db-0",
      "logs-db-1",
      "logs-db-2",
    ]);
    expect(c.deletedVolumes).toEqual([]);
    c.apply(withClaims(2));
    expect(c.store.get("Pod", "default", "db-1")?.spec.volumes?.[0]?.persistentVolumeClaim?.claimName).toBe(
      "data-db-1",
    );
    c.store.delete({ kind: "StatefulSet", namespace: "default", name: "db" });
    c.settle();
    expect(c.deletedVolumes).toEqual([]);
    expect(claimNames(c)).toHaveLength(6);
  });

  it("deletes the claims of removed ordinals once their pods are gone (whenScaled: Delete)", () => {
    const c = new Cluster([statefulSetController], { nodes: [node("node-a")] });
    cluster = c;
    c.apply(withClaims(3, { whenScaled: "Delete", whenDeleted: "Retain" }));
    c.apply(withClaims(1, { whenScaled: "Delete", whenDeleted: "Retain" }));
    expect(claimNames(c)).toEqual(["data-db-0", "logs-db-0"]);
    expect(c.deletedVolumes.map((v) => v.claimName)).toEqual([
      "data-db-2",
      "logs-db-2",
      "data-db-1",
      "logs-db-1",
    ]);
    const sts = must(c.store.get("StatefulSet", "default", "db"));
    expect(reconcileStatefulSet(sts, contextOf(c)).actions).toEqual([]);
  });

  it("deletes every claim after the set is deleted (whenDeleted: Delete)", () => {
    const c = new Cluster([statefulSetController], { nodes: [node("node-a")] });
    cluster = c;
    c.apply(withClaims(2, { whenScaled: "Retain", whenDeleted: "Delete" }));
    c.claims = [...c.claims, { namespace: "default", claimName: "data-other-0", node: "node-a" }];
    c.store.delete({ kind: "StatefulSet", namespace: "default", name: "db" });
    c.settle();
    expect(c.pods("db-")).toEqual([]);
    expect(claimNames(c)).toEqual(["data-other-0"]);
    expect(c.deletedVolumes.every((v) => v.reason.includes("whenDeleted"))).toBe(true);
  });
});
