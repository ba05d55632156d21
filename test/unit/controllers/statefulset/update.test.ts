import { afterEach, describe, expect, it } from "vitest";
import {
  reconcileStatefulSet,
  statefulSetController,
} from "../../../../src/controllers/statefulset/index.js";
import type { StatefulSet } from "../../../../src/manifest/types.js";
import { Cluster, node } from "../../../support/batch-cluster.js";
import { contextOf, must, statefulSet, template } from "../../../support/workloads.js";

let cluster: Cluster | undefined;
afterEach(() => cluster?.stop());

const v1 = template({ app: "web" }, "berth.local/web:1");
const v2 = template({ app: "web" }, "berth.local/web:2");

function start(): Cluster {
  cluster = new Cluster([statefulSetController], { nodes: [node("node-a")] });
  return cluster;
}

const imageOf = (c: Cluster, name: string): string | undefined =>
  c.store.get("Pod", "default", name)?.spec.containers[0]?.image;
const images = (c: Cluster): (string | undefined)[] => c.pods("web-").map((p) => p.spec.containers[0]?.image);

function recreations(c: Cluster): string[] {
  const log: string[] = [];
  c.store.watch((e) => {
    if (e.type === "ADDED" && e.object.kind === "Pod") log.push(e.object.metadata.name);
  });
  return log;
}

describe("StatefulSet RollingUpdate", () => {
  it("updates from the highest ordinal down, one at a time", () => {
    const c = start();
    c.apply(statefulSet("web", { replicas: 3, template: v1 }));
    const order = recreations(c);
    c.apply(statefulSet("web", { replicas: 3, template: v2 }));
    expect(order).toEqual(["web-2", "web-1", "web-0"]);
    expect(images(c)).toEqual(["berth.local/web:2", "berth.local/web:2", "berth.local/web:2"]);
    const sts = must(c.store.get("StatefulSet", "default", "web"));
    expect(sts.status?.currentRevision).toBe(sts.status?.updateRevision);
    expect(sts.status).toMatchObject({ currentReplicas: 3, updatedReplicas: 3, observedGeneration: 2 });
  });

  it("keeps ordinals below the partition on the current revision, even when recreated", () => {
    const c = start();
    c.apply(statefulSet("web", { replicas: 4, template: v1 }));
    const oldRevision = c.store.get("StatefulSet", "default", "web")?.status?.currentRevision;
    const order = recreations(c);
    const partitioned = (partition: number): StatefulSet =>
      statefulSet("web", {
        replicas: 4,
        template: v2,
        updateStrategy: { type: "RollingUpdate", rollingUpdate: { partition } },
      });
    c.apply(partitioned(2));
    expect(order).toEqual(["web-3", "web-2"]);
    expect(images(c)).toEqual([
      "berth.local/web:1",
      "berth.local/web:1",
      "berth.local/web:2",
      "berth.local/web:2",
    ]);
    const sts = must(c.store.get("StatefulSet", "default", "web"));
    expect(sts.status).toMatchObject({
      currentRevision: oldRevision,
      currentReplicas: 2,
      updatedReplicas: 2,
    });
    expect(sts.status?.updateRevision).not.toBe(oldRevision);
    expect(reconcileStatefulSet(sts, contextOf(c)).actions).toEqual([]);

    // A pod below the partition that is deleted comes back at the current revision.
    c.store.requestDelete({ kind: "Pod", namespace: "default", name: "web-0" });
    c.settle();
    expect(imageOf(c, "web-0")).toBe("berth.local/web:1");
    expect(c.store.get("Pod", "default", "web-0")?.metadata.labels?.["controller-revision-hash"]).toBe(
      oldRevision,
    );

    c.apply(partitioned(0));
    expect(order).toEqual(["web-3", "web-2", "web-0", "web-1", "web-0"]);
    expect(images(c)).toEqual(Array(4).fill("berth.local/web:2"));
    const done = must(c.store.get("StatefulSet", "default", "web"));
    expect(done.status?.currentRevision).toBe(done.status?.updateRevision);
  });

  it("waits for the updated pod to be Ready before the next one", () => {
    const c = start();
    c.apply(statefulSet("web", { replicas: 3, template: v1 }));
    c.fate = (p) => (p.spec.containers[0]?.image === "berth.local/web:2" ? "running" : "ready");
    c.apply(statefulSet("web", { replicas: 3, template: v2 }));
    expect(images(c)).toEqual(["berth.local/web:1", "berth.local/web:1", "berth.local/web:2"]);
  });
});

describe("StatefulSet OnDelete", () => {
  it("replaces pods only when someone deletes them, with the new template", () => {
    const c = start();
    const onDelete = (t: typeof v1): StatefulSet =>
      statefulSet("web", { replicas: 3, template: t, updateStrategy: { type: "OnDelete" } });
    c.apply(onDelete(v1));
    c.apply(onDelete(v2));
    expect(images(c)).toEqual(Array(3).fill("berth.local/web:1"));
    c.store.requestDelete({ kind: "Pod", namespace: "default", name: "web-1" });
    c.settle();
    expect(images(c)).toEqual(["berth.local/web:1", "berth.local/web:2", "berth.local/web:1"]);
    expect(must(c.store.get("StatefulSet", "default", "web")).status).toMatchObject({
      updatedReplicas: 1,
      currentReplicas: 2,
    });
  });
});
