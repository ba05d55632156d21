// A Deployment rolled from web:1 to web:2 by a git commit keeps its availability promise: with
// maxUnavailable 1 and maxSurge 1, at no moment are fewer than replicas − 1 pods ready or more than
// replicas + 1 pods alive, and the rollout ends with exactly `replicas` containers, all on web:2.
// Checked on every store change (the controllers' own view) and against Docker at the end.

import { afterAll, describe, expect, it } from "vitest";
import { isReady, makeHarness } from "./harness.js";

const h = makeHarness("wlroll");
const REPLICAS = 5;

const deployment = (tag: string) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: ${REPLICAS}
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

afterAll(() => h.cleanup());

describe("Deployment rolling update through git", () => {
  it("never drops below replicas − maxUnavailable ready pods and ends with 5 pods on web:2", async () => {
    h.commit("web v1", { "web.yaml": deployment("1") });
    const d = await h.start();
    const live = () => h.pods().filter((p) => p.metadata.deletionTimestamp === undefined);
    await h.until("5 ready pods on web:1", () => live().filter(isReady).length === REPLICAS, 90_000);

    let minReady = Infinity;
    let maxAlive = 0;
    let checks = 0;
    let mixed = false;
    const sample = () => {
      checks++;
      const alive = live();
      const ready = alive.filter(isReady);
      minReady = Math.min(minReady, ready.length);
      maxAlive = Math.max(maxAlive, alive.length);
      const images = new Set(ready.map((p) => p.spec.containers[0]?.image));
      if (images.size > 1) mixed = true;
    };
    const unwatch = d.store.watch((e) => {
      if (e.object.kind === "Pod") sample();
    });
    // Between store changes nothing can change, but sample on a timer too as the brief's floor.
    const timer = setInterval(sample, 200);
    try {
      h.commit("web v2", { "web.yaml": deployment("2") });
      await h.until(
        "the rollout to finish",
        () => {
          const dep = d.store.get("Deployment", h.namespace, "web");
          const pods = live();
          return (
            dep?.status?.updatedReplicas === REPLICAS &&
            dep.status.availableReplicas === REPLICAS &&
            dep.status.replicas === REPLICAS &&
            pods.length === REPLICAS &&
            pods.every((p) => isReady(p) && p.spec.containers[0]?.image === "berth.local/web:2")
          );
        },
        120_000,
      );
    } finally {
      clearInterval(timer);
      unwatch();
    }
    expect(checks).toBeGreaterThan(20);
    expect(minReady).toBeGreaterThanOrEqual(REPLICAS - 1);
    expect(maxAlive).toBeLessThanOrEqual(REPLICAS + 1);
    // It rolled (old and new pods served side by side) rather than recreating everything.
    expect(mixed).toBe(true);

    // Docker agrees once the old pods' containers are gone: exactly 5 app containers, all web:2.
    const containers = await h.until(
      "only the new containers to remain",
      async () => {
        const all = await h.appContainers(undefined, true);
        return all.length === REPLICAS && all;
      },
      60_000,
    );
    expect(containers.map((c) => c.Image).sort()).toEqual(Array(REPLICAS).fill("berth.local/web:2"));
    expect(containers.every((c) => c.State === "running")).toBe(true);
  });
});
