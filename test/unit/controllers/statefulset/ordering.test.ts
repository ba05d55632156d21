import { afterEach, describe, expect, it } from "vitest";
import {
  reconcileStatefulSet,
  statefulSetController,
} from "../../../../src/controllers/statefulset/index.js";
import { isRunningAndReady } from "../../../../src/controllers/workload-util/pod-state.js";
import type { StatefulSet } from "../../../../src/manifest/types.js";
import { Cluster, node } from "../../../support/batch-cluster.js";
import { contextOf, must, statefulSet } from "../../../support/workloads.js";

let cluster: Cluster | undefined;
afterEach(() => cluster?.stop());

function start(opts: { holdTerminating?: boolean } = {}): Cluster {
  cluster = new Cluster([statefulSetController], { nodes: [node("node-a")], ...opts });
  return cluster;
}

const names = (c: Cluster): string[] => c.pods("web-").map((p) => p.metadata.name);

/** Records pod creations and deletion requests in order, with whether every other pod was healthy. */
function journal(c: Cluster) {
  const log: string[] = [];
  let violations = 0;
  c.store.watch((e) => {
    if (e.object.kind !== "Pod") return;
    const pod = e.object;
    const others = c.store.list("Pod").filter((p) => p.metadata.name !== pod.metadata.name);
    const healthy = others.every((p) => isRunningAndReady(p) && p.metadata.deletionTimestamp === undefined);
    if (e.type === "ADDED") log.push(`+${pod.metadata.name}`);
    else if (e.type === "MODIFIED" && pod.metadata.deletionTimestamp && !e.old?.metadata.deletionTimestamp)
      log.push(`-${pod.metadata.name}`);
    else return;
    if (!healthy) violations++;
  });
  return { log, violations: () => violations };
}

describe("StatefulSet OrderedReady", () => {
  it("creates 0..N-1 one at a time, each Running and Ready before the next", () => {
    const c = start();
    const j = journal(c);
    c.apply(statefulSet("web"));
    expect(j.log).toEqual(["+web-0", "+web-1", "+web-2"]);
    expect(j.violations()).toBe(0);
    const sts = must(c.store.get("StatefulSet", "default", "web"));
    expect(sts.status).toMatchObject({
      replicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
      currentReplicas: 3,
      updatedReplicas: 3,
    });
    expect(sts.status?.currentRevision).toBe(sts.status?.updateRevision);
    expect(reconcileStatefulSet(sts, contextOf(c)).actions).toEqual([]);
  });

  it("does not create the next pod while one is not Ready", () => {
    const c = start();
    c.fate = (p) => (p.metadata.name === "web-1" ? "running" : "ready");
    c.apply(statefulSet("web"));
    expect(names(c)).toEqual(["web-0", "web-1"]);
    c.fate = () => "ready";
    c.mgr.enqueueAll();
    c.settle();
    expect(names(c)).toEqual(["web-0", "web-1", "web-2"]);
  });

  it("scales down in reverse order, one at a time, only while all others are healthy", () => {
    const c = start({ holdTerminating: true });
    c.apply(statefulSet("web", { replicas: 4 }));
    const j = journal(c);
    c.apply(statefulSet("web", { replicas: 2 }));
    expect(j.log).toEqual(["-web-3"]);
    c.finishTermination("web-3");
    c.settle();
    expect(j.log).toEqual(["-web-3", "-web-2"]);
    c.finishTermination("web-2");
    c.settle();
    expect(names(c)).toEqual(["web-0", "web-1"]);
    expect(j.violations()).toBe(0);
  });

  it("waits with scale-down while a remaining pod is unhealthy", () => {
    const c = start();
    c.apply(statefulSet("web"));
    c.fate = (p) => (p.metadata.name === "web-0" ? "running" : "ready");
    c.mgr.enqueueAll();
    c.settle();
    c.apply(statefulSet("web", { replicas: 1 }));
    expect(names(c)).toEqual(["web-0", "web-1", "web-2"]);
    c.fate = () => "ready";
    c.mgr.enqueueAll();
    c.settle();
    expect(names(c)).toEqual(["web-0"]);
  });

  it("waits minReadySeconds after Ready before the next ordinal", () => {
    const c = start();
    c.apply(statefulSet("web", { minReadySeconds: 10 }));
    expect(names(c)).toEqual(["web-0"]);
    c.advance(10_000);
    expect(names(c)).toEqual(["web-0"]);
    c.advance(1);
    expect(names(c)).toEqual(["web-0", "web-1"]);
    c.advance(10_001);
    expect(names(c)).toEqual(["web-0", "web-1", "web-2"]);
    expect(must(c.store.get("StatefulSet", "default", "web")).status).toMatchObject({
      readyReplicas: 3,
      availableReplicas: 2,
    });
  });

  it("replaces a failed pod under the same name", () => {
    const c = start();
    c.apply(statefulSet("web"));
    const uid = c.store.get("Pod", "default", "web-1")?.metadata.uid;
    c.setPhase("web-1", "failed");
    c.settle();
    const again = must(c.store.get("Pod", "default", "web-1"));
    expect(again.metadata.uid).not.toBe(uid);
    expect(again.status?.phase).toBe("Running");
  });
});

describe("StatefulSet Parallel", () => {
  it("creates all pods at once without waiting for readiness", () => {
    const c = start();
    c.fate = () => "running";
    const j = journal(c);
    c.apply(statefulSet("web", { podManagementPolicy: "Parallel" }));
    expect(j.log).toEqual(["+web-0", "+web-1", "+web-2"]);
    expect(must(c.store.get("StatefulSet", "default", "web")).status).toMatchObject({
      replicas: 3,
      readyReplicas: 0,
    });
  });

  it("deletes all condemned pods at once", () => {
    const c = start({ holdTerminating: true });
    c.apply(statefulSet("web", { podManagementPolicy: "Parallel", replicas: 4 }));
    const j = journal(c);
    c.apply(statefulSet("web", { podManagementPolicy: "Parallel", replicas: 1 }));
    expect(j.log).toEqual(["-web-3", "-web-2", "-web-1"]);
  });
});

describe("StatefulSet pod identity", () => {
  it("names pods <sts>-<ordinal> with hostname, subdomain, labels and claims", () => {
    const c = start();
    const sts: StatefulSet = statefulSet("web", {
      replicas: 2,
      serviceName: "web-headless",
      volumeClaimTemplates: [
        {
          metadata: { name: "data" },
          spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } },
        },
      ],
    });
    c.apply(sts);
    const pod = must(c.store.get("Pod", "default", "web-1"));
    expect(pod.spec.hostname).toBe("web-1");
    expect(pod.spec.subdomain).toBe("web-headless");
    expect(pod.metadata.labels).toMatchObject({
      app: "web",
      "statefulset.kubernetes.io/pod-name": "web-1",
      "apps.kubernetes.io/pod-index": "1",
    });
    expect(pod.metadata.labels?.["controller-revision-hash"]).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]+$/);
    expect(pod.spec.volumes).toEqual([{ name: "data", persistentVolumeClaim: { claimName: "data-web-1" } }]);
    expect(c.claims.map((x) => x.claimName).sort()).toEqual(["data-web-0", "data-web-1"]);
  });
});
