// A Deployment rolled through git keeps its availability promise: with maxUnavailable 1 and
// maxSurge 1, at no moment are fewer than replicas − 1 pods ready or more than replicas + 1 pods
// alive. Checked on every store change (the controllers' own view; between changes nothing moves)
// and on a 200 ms timer, and against Docker at the end. (1) web:1 → web:2 ends with exactly
// `replicas` containers, all on web:2. (2) A rollback committed in the middle of a rollout keeps the
// same promise and goes back to the first ReplicaSet (as Kubernetes does: same template, same
// ReplicaSet, next revision). (3) The daemon stopped and started again in the middle of a rollout
// finishes it from its state file, with no extra pods; only while the restarted agent has not yet
// probed its adopted containers are they unready (probe results live in memory, as the kubelet's:
// docs/pod-lifecycle.md): the ready floor holds before the stop, and after the restart the time
// below it is bounded by that first probe round (well under the 1.5 s checked).

import { afterAll, describe, expect, it } from "vitest";
import type { Daemon } from "../../../src/daemon/daemon.js";
import type { Pod } from "../../../src/manifest/types.js";
import { isReady, makeHarness, type Harness } from "./harness.js";

const h = makeHarness("wlroll");
const hBack = makeHarness("wlback");
const hRestart = makeHarness("wlrest");

const deployment = (tag: string, replicas: number) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: web}}
  strategy: {type: RollingUpdate, rollingUpdate: {maxUnavailable: 1, maxSurge: 1}}
  template:
    metadata: {labels: {app: web}}
    spec:
      terminationGracePeriodSeconds: 2
      containers:
        - name: web
          image: berth.local/web:${tag}
          ports: [{containerPort: 80}]
          readinessProbe:
            httpGet: {path: /version, port: 80}
            periodSeconds: 1
            failureThreshold: 1
`;

const live = (h: Harness): Pod[] => h.pods().filter((p) => p.metadata.deletionTimestamp === undefined);
const imageOf = (p: Pod) => p.spec.containers[0]?.image;

/** Watches ready and alive pods until `stop`: the extremes seen, whether two images served at once,
 * and for how long (ms) fewer than `floor` pods were ready. */
function sampleAvailability(h: Harness, d: Daemon, floor = 0) {
  const seen = { minReady: Infinity, maxAlive: 0, checks: 0, mixed: false, belowFloorMs: 0 };
  let belowSince: number | undefined;
  const sample = () => {
    seen.checks++;
    const alive = live(h);
    const ready = alive.filter(isReady);
    seen.minReady = Math.min(seen.minReady, ready.length);
    seen.maxAlive = Math.max(seen.maxAlive, alive.length);
    if (new Set(ready.map(imageOf)).size > 1) seen.mixed = true;
    const now = Date.now();
    if (belowSince !== undefined) seen.belowFloorMs += now - belowSince;
    belowSince = ready.length < floor ? now : undefined;
  };
  const unwatch = d.store.watch((e) => {
    if (e.object.kind === "Pod") sample();
  });
  const timer = setInterval(sample, 200);
  return {
    seen,
    stop: () => {
      clearInterval(timer);
      unwatch();
    },
  };
}

/** The Deployment is done rolling to `image`: every pod ready on it, the status agreeing. */
function rolledOut(h: Harness, d: Daemon, image: string, replicas: number): boolean {
  const s = d.store.get("Deployment", h.namespace, "web")?.status;
  const pods = live(h);
  return (
    s?.updatedReplicas === replicas &&
    s.availableReplicas === replicas &&
    s.replicas === replicas &&
    pods.length === replicas &&
    pods.every((p) => isReady(p) && imageOf(p) === image)
  );
}

/** Docker agrees once the old pods' containers are gone: exactly `replicas` app containers. */
async function containersOn(h: Harness, replicas: number) {
  const containers = await h.until(
    "only the new containers to remain",
    async () => {
      const all = await h.appContainers(undefined, true);
      return all.length === replicas && all;
    },
    60_000,
  );
  expect(containers.every((c) => c.State === "running")).toBe(true);
  return containers.map((c) => c.Image).sort();
}

afterAll(async () => {
  await h.cleanup();
  await hBack.cleanup();
  await hRestart.cleanup();
});

describe("Deployment rolling update through git", () => {
  it("never drops below replicas − maxUnavailable ready pods and ends with 5 pods on web:2", async () => {
    const replicas = 5;
    h.commit("web v1", { "web.yaml": deployment("1", replicas) });
    const d = await h.start();
    await h.until("5 ready pods on web:1", () => rolledOut(h, d, "berth.local/web:1", replicas), 90_000);

    const sampler = sampleAvailability(h, d);
    try {
      h.commit("web v2", { "web.yaml": deployment("2", replicas) });
      await h.until("the rollout to finish", () => rolledOut(h, d, "berth.local/web:2", replicas), 120_000);
    } finally {
      sampler.stop();
    }
    const { seen } = sampler;
    expect(seen.checks).toBeGreaterThan(20);
    expect(seen.minReady).toBeGreaterThanOrEqual(replicas - 1);
    expect(seen.maxAlive).toBeLessThanOrEqual(replicas + 1);
    // It rolled (old and new pods served side by side) rather than recreating everything.
    expect(seen.mixed).toBe(true);
    expect(await containersOn(h, replicas)).toEqual(Array(replicas).fill("berth.local/web:2"));
  });

  it("keeps the promise through a rollback committed in the middle of a rollout", async () => {
    const replicas = 4;
    hBack.commit("web v1", { "web.yaml": deployment("1", replicas) });
    const d = await hBack.start();
    await hBack.until(
      "4 ready pods on web:1",
      () => rolledOut(hBack, d, "berth.local/web:1", replicas),
      90_000,
    );
    const [firstRs] = d.store.list("ReplicaSet", { namespace: hBack.namespace });

    const sampler = sampleAvailability(hBack, d);
    try {
      hBack.commit("web v2", { "web.yaml": deployment("2", replicas) });
      await hBack.until("a web:2 pod to be ready", () =>
        live(hBack).some((p) => isReady(p) && imageOf(p) === "berth.local/web:2"),
      );
      hBack.commit("back to web v1", { "web.yaml": deployment("1", replicas) });
      await hBack.until(
        "the rollback to finish",
        () => rolledOut(hBack, d, "berth.local/web:1", replicas),
        120_000,
      );
    } finally {
      sampler.stop();
    }
    expect(sampler.seen.minReady).toBeGreaterThanOrEqual(replicas - 1);
    expect(sampler.seen.maxAlive).toBeLessThanOrEqual(replicas + 1);

    // Back on the first ReplicaSet at revision 3; the web:2 one scaled to zero and kept for history.
    const sets = d.store.list("ReplicaSet", { namespace: hBack.namespace });
    expect(sets).toHaveLength(2);
    const current = sets.find((r) => r.metadata.uid === firstRs?.metadata.uid);
    expect(current?.spec.replicas).toBe(replicas);
    expect(current?.metadata.annotations?.["deployment.kubernetes.io/revision"]).toBe("3");
    expect(sets.find((r) => r !== current)?.spec.replicas).toBe(0);
    expect(await containersOn(hBack, replicas)).toEqual(Array(replicas).fill("berth.local/web:1"));
  });

  it("finishes a rollout interrupted by a daemon restart", async () => {
    const replicas = 4;
    hRestart.commit("web v1", { "web.yaml": deployment("1", replicas) });
    let d = await hRestart.start();
    await hRestart.until(
      "4 ready pods on web:1",
      () => rolledOut(hRestart, d, "berth.local/web:1", replicas),
      90_000,
    );

    const before = sampleAvailability(hRestart, d);
    hRestart.commit("web v2", { "web.yaml": deployment("2", replicas) });
    await hRestart.until("a web:2 pod to be ready", () =>
      live(hRestart).some((p) => isReady(p) && imageOf(p) === "berth.local/web:2"),
    );
    before.stop();
    await hRestart.stop();
    expect(before.seen.minReady).toBeGreaterThanOrEqual(replicas - 1);

    let after: ReturnType<typeof sampleAvailability> | undefined;
    d = await hRestart.start({
      beforeStart: (daemon) => (after = sampleAvailability(hRestart, daemon, replicas - 1)),
    });
    try {
      await hRestart.until(
        "the rollout to finish after the restart",
        () => rolledOut(hRestart, d, "berth.local/web:2", replicas),
        120_000,
      );
    } finally {
      after?.stop();
    }
    expect(after?.seen.belowFloorMs).toBeLessThan(1_500);
    expect(Math.max(before.seen.maxAlive, after?.seen.maxAlive ?? 0)).toBeLessThanOrEqual(replicas + 1);
    expect(d.store.list("ReplicaSet", { namespace: hRestart.namespace })).toHaveLength(2);
    expect(await containersOn(hRestart, replicas)).toEqual(Array(replicas).fill("berth.local/web:2"));
  });
});
