// A StatefulSet's claim volume outlives its pod: each pod writes a token on first start; after
// db-0's container is removed by hand (self-heal recreates it) and after the pod itself is deleted
// (the controller recreates db-0 with a new uid), the new container reads the same token from the
// volume `<claim>-<set>-<ordinal>`. db-1 (own volume, own token) is created only once db-0 is Ready
// (OrderedReady), removed by a scale-down through git and back with its data after a scale-up.
// Single node (claims pinning pods to nodes is not needed here).

import { execFileSync } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { claimVolumeName } from "../../../src/runtime/labels.js";
import { isReady, makeHarness } from "./harness.js";
import { dbStatefulSet } from "./statefulset-manifest.js";

const h = makeHarness("wlsts");

const statefulSet = (replicas: number): string => dbStatefulSet({ replicas });

/** A running app container of the pod other than `skip` (by container id or pod uid), and its token. */
async function tokenOfRunningPod(
  pod: string,
  skip: { id?: string; uid?: string } = {},
): Promise<{
  id: string;
  uid: string;
  token: string;
}> {
  return h.until(
    `${pod} running with its token`,
    async () => {
      const c = (await h.appContainers()).find(
        (x) =>
          x.Labels["io.berth.pod.name"] === pod &&
          x.Id !== skip.id &&
          x.Labels["io.berth.pod.uid"] !== skip.uid,
      );
      if (!c) return undefined;
      try {
        const token = execFileSync("docker", ["exec", c.Id, "cat", "/data/token"], {
          encoding: "utf8",
          stdio: ["ignore", "pipe", "ignore"],
        }).trim();
        return token !== "" && { id: c.Id, uid: c.Labels["io.berth.pod.uid"] ?? "", token };
      } catch {
        return undefined; // not written yet, or the container is just going
      }
    },
    60_000,
  );
}

afterAll(() => h.cleanup());

describe("StatefulSet volumeClaimTemplate", () => {
  it("keeps each ordinal's data across a removed container, a deleted pod and a scale-down", async () => {
    h.commit("stateful db", { "db.yaml": statefulSet(2) });
    // Whether db-0 was Ready in the store at the moment db-1 was created.
    let zeroReadyWhenOneCreated: boolean | undefined;
    const d = await h.start({
      beforeStart: (daemon) =>
        daemon.store.watch((e) => {
          if (e.type !== "ADDED" || e.object.kind !== "Pod" || e.object.metadata.name !== "db-1") return;
          const zero = daemon.store.get("Pod", h.namespace, "db-0");
          zeroReadyWhenOneCreated ??= zero !== undefined && isReady(zero);
        }),
    });
    const first = await tokenOfRunningPod("db-0");
    expect(first.token).toMatch(/^[0-9a-f-]{36}$/);
    const volume = claimVolumeName(h.namespace, "data-db-0");
    const mounts = (await h.docker().getContainer(first.id).inspect()).Mounts;
    expect(mounts.find((m) => m.Destination === "/data")?.Name).toBe(volume);
    const one = await tokenOfRunningPod("db-1");
    expect(zeroReadyWhenOneCreated).toBe(true);
    expect(one.token).not.toBe(first.token);

    // The container goes (by hand): berth puts a new one into the same pod, same volume.
    await h.docker().getContainer(first.id).remove({ force: true });
    const healed = await tokenOfRunningPod("db-0", { id: first.id });
    expect(healed.uid).toBe(first.uid);
    expect(healed.token).toBe(first.token);

    // The pod goes: the controller makes a new db-0 (new uid) that mounts the same claim.
    d.store.requestDelete({ kind: "Pod", namespace: h.namespace, name: "db-0" });
    const recreated = await tokenOfRunningPod("db-0", { uid: first.uid });
    expect(recreated.uid).not.toBe(first.uid);
    expect(recreated.token).toBe(first.token);
    expect(d.store.get("Pod", h.namespace, "db-0")?.metadata.uid).toBe(recreated.uid);
    const vols = await h.docker().listVolumes({ filters: { name: [volume] } });
    expect(vols.Volumes.filter((v) => v.Name === volume)).toHaveLength(1);
    // db-1 was not touched by any of this.
    expect((await tokenOfRunningPod("db-1")).id).toBe(one.id);

    // Scaled down through git, db-1 goes but its claim stays (whenScaled: Retain); scaled up again,
    // the new db-1 finds its old data.
    h.commit("one replica", { "db.yaml": statefulSet(1) });
    await h.until("db-1 and its containers to go", async () => {
      const left = (await h.appContainers(undefined, true)).filter(
        (c) => c.Labels["io.berth.pod.name"] === "db-1",
      );
      return left.length === 0 && d.store.get("Pod", h.namespace, "db-1") === undefined;
    });
    const claim1 = claimVolumeName(h.namespace, "data-db-1");
    expect(
      (await h.docker().listVolumes({ filters: { name: [claim1] } })).Volumes.map((v) => v.Name),
    ).toContain(claim1);
    h.commit("two replicas again", { "db.yaml": statefulSet(2) });
    const back = await tokenOfRunningPod("db-1", { uid: one.uid });
    expect(back.token).toBe(one.token);
  });
});
