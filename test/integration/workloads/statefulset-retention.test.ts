// persistentVolumeClaimRetentionPolicy on the running daemon: with whenScaled: Delete a scale-down
// through git removes the claim volume of the ordinal that went (once its pod is gone), and with
// whenDeleted: Delete removing the StatefulSet from git removes the remaining claim volumes too.
// The Docker volumes themselves are checked.

import { afterAll, describe, expect, it } from "vitest";
import { claimVolumeName } from "../../../src/runtime/labels.js";
import { makeHarness } from "./harness.js";
import { dbStatefulSet } from "./statefulset-manifest.js";

const h = makeHarness("wlret");

const statefulSet = (replicas: number): string =>
  dbStatefulSet({
    replicas,
    gracePeriod: 1,
    command: "date > /data/first; trap 'exit 0' TERM; sleep 3600 & wait",
    spec: "  persistentVolumeClaimRetentionPolicy: {whenScaled: Delete, whenDeleted: Delete}\n",
  });
// A second object, so removing the StatefulSet deletes half of the app (within maxDeleteShare).
const configMap = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {a: "1"}\n`;

afterAll(() => h.cleanup());

describe("StatefulSet claim retention", () => {
  it("deletes the claim volumes of scaled-away ordinals and of a deleted set", async () => {
    h.commit("two ordinals", { "db.yaml": statefulSet(2), "settings.yaml": configMap });
    const d = await h.start();
    const volumes = async () =>
      (await h.docker().listVolumes({ filters: { label: [`io.berth.node=${h.main.name}`] } })).Volumes.map(
        (v) => v.Name,
      )
        .filter((n) => n.startsWith("berth-pvc-"))
        .sort();
    const claim = (ordinal: number) => claimVolumeName(h.namespace, `data-db-${ordinal}`);
    const running = async () => (await h.appContainers()).map((c) => c.Labels["io.berth.pod.name"]).sort();

    await h.until("db-0 and db-1 to run", async () => (await running()).join() === "db-0,db-1", 60_000);
    expect(await volumes()).toEqual([claim(0), claim(1)]);

    h.commit("one ordinal", { "db.yaml": statefulSet(1) });
    await h.until(
      "db-1's claim volume to be removed",
      async () => (await volumes()).join() === claim(0),
      30_000,
    );
    expect(await running()).toEqual(["db-0"]);
    expect(d.store.get("Pod", h.namespace, "db-1")).toBeUndefined();

    h.commit("no database", { "db.yaml": null });
    await h.until("every claim volume to be removed", async () => (await volumes()).length === 0, 30_000);
    expect(await h.appContainers(undefined, true)).toEqual([]);
    expect(d.store.get("StatefulSet", h.namespace, "db")).toBeUndefined();
  });
});
