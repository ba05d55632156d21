// A StatefulSet pod goes back to the node that holds its claim volume, as a pod with a local
// PersistentVolume does. Two nodes (the main engine, zone a; n2, zone b); the template prefers zone
// a, so db-0 starts there and writes a token. Scaled to 0 through git, the template then prefers
// zone b; after a daemon restart (no pod is left to say where the claim is: only the volume on the
// engine does), a scale-up must still put db-0 on the main engine, with its token. Without the
// claim's node pin the preference would take it to n2 and an empty volume.

import { execFileSync } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { claimVolumeName } from "../../../src/runtime/labels.js";
import { makeHarness, MAIN_SOCKET, N2_ADDRESS, N2_SOCKET } from "./harness.js";
import { dbStatefulSet } from "./statefulset-manifest.js";

const h = makeHarness("wlstsn");
const main = { ...h.main, labels: { zone: "a" } };
const n2 = { ...h.node("n2", N2_SOCKET, N2_ADDRESS), labels: { zone: "b" } };
const nodes = [main, n2];

const statefulSet = (replicas: number, zone: string): string =>
  dbStatefulSet({
    replicas,
    podSpec: `      affinity:
        nodeAffinity:
          preferredDuringSchedulingIgnoredDuringExecution:
            - weight: 100
              preference: {matchExpressions: [{key: zone, operator: In, values: [${zone}]}]}
`,
  });

/** db-0's running app container on either engine, with the token it reads from its volume. */
async function runningDb0(): Promise<{ socket: string; token: string }> {
  return h.until("db-0 running with its token", async () => {
    for (const socket of [MAIN_SOCKET, N2_SOCKET]) {
      const c = (await h.appContainers(socket)).find((x) => x.Labels["io.berth.pod.name"] === "db-0");
      if (!c) continue;
      try {
        const token = execFileSync("docker", ["-H", `unix://${socket}`, "exec", c.Id, "cat", "/data/token"], {
          encoding: "utf8",
          stdio: ["ignore", "pipe", "ignore"],
        }).trim();
        if (token !== "") return { socket, token };
      } catch {
        // not written yet
      }
    }
    return undefined;
  });
}

afterAll(() => h.cleanup());

describe("StatefulSet claims and nodes", () => {
  it("brings a re-created pod back to the node holding its volume, also after a daemon restart", async () => {
    h.commit("db in zone a", { "db.yaml": statefulSet(1, "a") });
    const d = await h.start({ nodes });
    const first = await runningDb0();
    expect(first.socket).toBe(MAIN_SOCKET);
    expect(d.store.get("Pod", h.namespace, "db-0")?.spec.nodeName).toBe(main.name);

    h.commit("db scaled to 0, now preferring zone b", { "db.yaml": statefulSet(0, "b") });
    await h.until("db-0 and its container to go", async () => {
      const left = [
        ...(await h.appContainers(MAIN_SOCKET, true)),
        ...(await h.appContainers(N2_SOCKET, true)),
      ];
      return left.length === 0 && h.daemon.store.get("Pod", h.namespace, "db-0") === undefined;
    });
    const volume = claimVolumeName(h.namespace, "data-db-0");
    expect((await h.docker(MAIN_SOCKET).listVolumes({ filters: { name: [volume] } })).Volumes).toHaveLength(
      1,
    );

    await h.stop();
    h.commit("db back to 1 replica", { "db.yaml": statefulSet(1, "b") });
    const restarted = await h.start({ nodes });
    const back = await runningDb0();
    expect(back).toEqual(first);
    const pod = restarted.store.get("Pod", h.namespace, "db-0");
    expect(pod?.spec.nodeName).toBe(main.name);
    // The pin is a required node-affinity term on the node's name, ANDed into the template's.
    expect(
      JSON.stringify(pod?.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution),
    ).toContain(main.name);
    // Nothing was created on n2 meanwhile, not even an empty volume.
    expect((await h.docker(N2_SOCKET).listVolumes({ filters: { name: [volume] } })).Volumes).toHaveLength(0);
  });
});
