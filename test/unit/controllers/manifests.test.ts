// The same manifests through the real loader stages (conversion, defaults) and the controllers:
// the deck's Deployment and ReplicaSet, and a legacy extensions/v1beta1 Deployment.
import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { deploymentController } from "../../../src/controllers/deployment/index.js";
import { deploymentRolloutStatus } from "../../../src/controllers/deployment/rollout-status.js";
import { replicaSetController } from "../../../src/controllers/replicaset/index.js";
import type { Deployment, KObject } from "../../../src/manifest/types.js";
import { Cluster } from "../../support/controller-cluster.js";
import { canonical } from "../manifest/pipeline.js";

let cluster: Cluster | undefined;
afterEach(() => cluster?.stop());

function load(text: string): KObject {
  const { object, issues } = canonical(text);
  expect(issues.filter((i) => i.severity === "error")).toEqual([]);
  object.metadata.namespace ??= "default";
  return object;
}

const deckDeployment = readFileSync("sample-repo/manifests/v3/deployment.yml", "utf8");

describe("sample-repo manifests", () => {
  it("v3/deployment.yml (maxSurge 1, maxUnavailable 0) rolls from web:1 to web:2 one pod at a time", async () => {
    const c = (cluster = new Cluster([deploymentController, replicaSetController]));
    c.apply(load(deckDeployment));
    await c.converge();
    expect(c.pods()).toHaveLength(3);
    const before = c.scalingEvents().length;
    let minReady = Infinity;
    const stop = c.observe(() => (minReady = Math.min(minReady, c.readyPods())));
    c.apply(load(deckDeployment.replace("berth.local/web:1", "berth.local/web:2")));
    await c.converge();
    stop();
    const events = c.scalingEvents().slice(before);
    expect(events.map((e) => e.replace(/demo-app-[a-z0-9]+/, "RS"))).toEqual([
      "Scaled up replica set RS from 0 to 1",
      "Scaled down replica set RS from 3 to 2",
      "Scaled up replica set RS from 1 to 2",
      "Scaled down replica set RS from 2 to 1",
      "Scaled up replica set RS from 2 to 3",
      "Scaled down replica set RS from 1 to 0",
    ]);
    expect(minReady).toBe(3);
    expect(deploymentRolloutStatus(c.deployment("demo-app")).message).toBe(
      'deployment "demo-app" successfully rolled out',
    );
    expect(c.pendingActions()).toEqual([]);
  });

  it("v2's extensions/v1beta1 ReplicaSet runs its replicas", async () => {
    const c = (cluster = new Cluster([replicaSetController]));
    const file = readFileSync("sample-repo/manifests/v2/replicaset.yml", "utf8");
    c.apply(load(file));
    await c.converge();
    expect(c.pods().map((p) => p.metadata.labels)).toEqual([
      { app: "nginx-static-app-rs" },
      { app: "nginx-static-app-rs" },
    ]);
  });

  it("a legacy extensions/v1beta1 Deployment surges 1, keeps all history and never times out", async () => {
    const c = (cluster = new Cluster([deploymentController, replicaSetController]));
    const legacy = (image: string): string => `
apiVersion: extensions/v1beta1
kind: Deployment
metadata:
  name: old
spec:
  replicas: 2
  template:
    metadata:
      labels: { app: old }
    spec:
      containers:
        - name: web
          image: ${image}
`;
    const d = load(legacy("berth.local/web:1")) as Deployment;
    expect(d.spec.strategy).toEqual({
      type: "RollingUpdate",
      rollingUpdate: { maxSurge: 1, maxUnavailable: 1 },
    });
    c.apply(d);
    await c.converge();
    for (const n of [2, 3, 4]) {
      c.apply(load(legacy(`berth.local/web:${n}`)));
      await c.converge({
        becomesReady: (p) => n !== 4 || p.spec.containers[0]?.image !== "berth.local/web:4",
      });
    }
    expect(c.replicaSets()).toHaveLength(4);
    c.advance(7 * 24 * 3600 * 1000);
    await c.settle();
    const status = c.deployment("old").status;
    expect(status?.conditions?.map((x) => x.type)).toEqual(["Available"]);
    expect(deploymentRolloutStatus(c.deployment("old")).error).toBeUndefined();
  });
});
