// Pruning through git on the running daemon: a manifest file removed in a commit deletes its
// objects, and with them the pods and containers they own, while the rest keeps running untouched.
// A revision with no manifests at all (an emptied path) is refused as E_PRUNE_EMPTY and reported;
// nothing is deleted, neither in the store nor in Docker.

import { afterAll, describe, expect, it } from "vitest";
import { makeHarness } from "./harness.js";

const h = makeHarness("wlprune");

const deployment = (name: string) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}}
spec:
  replicas: 1
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      terminationGracePeriodSeconds: 2
      containers:
        - {name: web, image: "berth.local/web:1", ports: [{containerPort: 80}]}
`;
const configMap = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {mode: fast}\n`;

afterAll(() => h.cleanup());

describe("prune on the running daemon", () => {
  it("removes the objects of a deleted file and refuses an empty revision", async () => {
    // README.md keeps manifests/ in git once every manifest is gone (it is not a manifest).
    h.commit("three objects", {
      "README.md": "manifests of the prune test\n",
      "keep.yaml": deployment("keep"),
      "gone.yaml": deployment("gone"),
      "settings.yaml": configMap,
    });
    const d = await h.start();
    const byPod = async (prefix: string) =>
      (await h.appContainers(undefined, true)).filter((c) =>
        c.Labels["io.berth.pod.name"]?.startsWith(`${prefix}-`),
      );
    const [keep] = await h.until("both deployments to run", async () => {
      const k = (await byPod("keep")).filter((c) => c.State === "running");
      const g = (await byPod("gone")).filter((c) => c.State === "running");
      return k.length === 1 && g.length === 1 && k;
    });

    const pruned = h.commit("remove gone", { "gone.yaml": null });
    await h.until("the revision to be synced", () => d.status()[0]?.sync.revision?.sha === pruned);
    expect(d.store.get("Deployment", h.namespace, "gone")).toBeUndefined();
    await h.until("gone's containers to be removed", async () => (await byPod("gone")).length === 0, 30_000);
    await h.until(
      "gone's ReplicaSet and pods to be collected",
      () =>
        !h.pods().some((p) => p.metadata.name.startsWith("gone-")) &&
        d.store
          .list("ReplicaSet", { namespace: h.namespace })
          .every((r) => !r.metadata.name.startsWith("gone-")),
      30_000,
    );
    expect((await byPod("keep")).map((c) => [c.Id, c.State])).toEqual([[keep?.Id, "running"]]);
    expect(d.status()[0]?.sync.status).toBe("Synced");

    const empty = h.commit("remove every manifest", { "keep.yaml": null, "settings.yaml": null });
    const status = await h.until(
      "the empty revision to be refused",
      () => {
        const s = d.status()[0];
        return s?.failedRevision?.revision.sha === empty && s;
      },
      30_000,
    );
    expect(status.failedRevision?.errors.join("\n")).toMatch(
      /holds no objects and would delete all 2 objects of the app; refused/,
    );
    expect(status.sync.revision?.sha).toBe(pruned);
    expect(d.events.some((e) => e.reason === "SyncFailed" && e.message.includes(empty.slice(0, 12)))).toBe(
      true,
    );
    // Nothing went: give the controllers and the agent a few relists to (wrongly) act.
    await new Promise((r) => setTimeout(r, 3_000));
    expect(d.store.get("Deployment", h.namespace, "keep")).toBeDefined();
    expect(d.store.get("ConfigMap", h.namespace, "settings")?.data).toEqual({ mode: "fast" });
    expect((await byPod("keep")).map((c) => [c.Id, c.State])).toEqual([[keep?.Id, "running"]]);
  });
});
