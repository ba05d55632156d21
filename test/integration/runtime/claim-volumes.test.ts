// Claim volumes on the real engine as the StatefulSet controller sees them: found by listing the
// engine (so a restarted daemon knows where each pod's data is), and deleted only once no
// container uses them.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { removePod } from "../../../src/runtime/docker/containers.js";
import { ClaimVolumes } from "../../../src/runtime/agent/claim-volumes.js";
import { SILENT_LOG } from "../../../src/runtime/agent/log.js";
import { ObjectStore } from "../../../src/state/store.js";
import { FakeClock } from "../../../src/util/clock.js";
import { IDLE, makeRig, must, runPod, type Rig } from "./harness.js";

let rig: Rig;
beforeAll(async () => {
  rig = await makeRig();
});
afterAll(async () => {
  await rig.cleanup();
});

async function volumeExists(name: string): Promise<boolean> {
  const list = await rig.docker.listVolumes({ filters: { name: [name] } });
  return list.Volumes.some((v) => v.Name === name);
}

describe("claim volumes", () => {
  it("lists claims on the engine by node, and removes one only after its pod is gone", async () => {
    const pod = rig.pod("db-0", {
      volumes: [{ name: "data", persistentVolumeClaim: { claimName: "data-db-0" } }],
      containers: [
        {
          name: "db",
          image: "berth.local/busybox:1",
          command: IDLE,
          volumeMounts: [{ name: "data", mountPath: "/data" }],
        },
      ],
    });
    await runPod(rig, pod);
    const volume = `berth-pvc-${rig.namespace}-data-db-0`;
    expect(await volumeExists(volume)).toBe(true);

    // An empty store: what a freshly started daemon knows before any pod is bound.
    const claims = new ClaimVolumes({
      store: new ObjectStore(new FakeClock()),
      nodes: () => [{ name: rig.nodeName, docker: rig.docker }],
      log: SILENT_LOG,
      refreshMs: 60_000,
    });
    await claims.refresh();
    expect(claims.locations()).toEqual([
      { namespace: rig.namespace, claimName: "data-db-0", node: rig.nodeName },
    ]);

    // In use: the deletion waits, and the claim is no longer offered to controllers meanwhile.
    claims.delete({ type: "deleteVolume", namespace: rig.namespace, claimName: "data-db-0", reason: "test" });
    await claims.refresh();
    expect(await volumeExists(volume)).toBe(true);
    expect(claims.locations()).toEqual([]);

    expect(await removePod(rig.docker, must(pod.metadata.uid, "uid"))).toEqual([]);
    await claims.refresh();
    expect(await volumeExists(volume)).toBe(false);
    await claims.refresh();
    expect(claims.locations()).toEqual([]);
  });
});
