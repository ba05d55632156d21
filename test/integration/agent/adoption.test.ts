// What survives a berth restart and what berth puts back: a new agent over the same store adopts the
// running containers (nothing restarted or duplicated), removes berth containers of pods the store
// does not know (only once the daemon says the store is complete), and containers removed by hand
// come back.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { NodeConfig } from "../../../src/config/types.js";
import type { Pod } from "../../../src/manifest/types.js";
import type { NodeAgent } from "../../../src/runtime/agent/node-agent.js";
import { createSandbox, startSandbox } from "../../../src/runtime/docker/sandbox.js";
import { LABEL } from "../../../src/runtime/labels.js";
import { DENY_ALL_POLICY } from "../../../src/runtime/node.js";
import { condition, makeRig, sh, web, type Rig } from "./harness.js";

let rig: Rig;
let node: NodeConfig;
let first: NodeAgent;

interface Seen {
  id: string;
  name: string;
  startedAt: string;
}

async function containers(uid: string): Promise<Seen[]> {
  const d = rig.docker();
  const list = await d.listContainers({ all: true, filters: { label: [`${LABEL.podUid}=${uid}`] } });
  const out: Seen[] = [];
  for (const c of list) {
    try {
      const info = await d.getContainer(c.Id).inspect();
      out.push({ id: c.Id, name: info.Name, startedAt: info.State.StartedAt });
    } catch {
      // Removed between the list and the inspect.
    }
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

function uidOf(name: string): string {
  return rig.get(name)?.metadata.uid ?? "";
}

beforeAll(async () => {
  rig = makeRig();
  node = rig.node("n1");
  first = await rig.agent(node);
});
afterAll(async () => {
  await rig.cleanup();
});

describe("adoption and self-healing", () => {
  it("a new agent over the same store adopts what runs: nothing restarted, nothing duplicated", async () => {
    const mount = { volumeMounts: [{ name: "w", mountPath: "/w" }] };
    const pods: Pod[] = [
      rig.pod("keep", {
        nodeName: node.name,
        containers: [web("web", { readinessProbe: { httpGet: { path: "/", port: 80 }, periodSeconds: 1 } })],
      }),
      rig.pod("multi", {
        nodeName: node.name,
        volumes: [{ name: "w", emptyDir: {} }],
        initContainers: [sh("prep", "echo ok > /w/ok", mount)],
        containers: [web("web"), sh("side", "trap 'exit 0' TERM; while true; do sleep 0.2; done", mount)],
      }),
    ];
    for (const p of pods) rig.store.create(p);
    await rig.waitFor("both Ready", () =>
      ["keep", "multi"].every((n) => condition(rig.get(n), "Ready") === "True"),
    );
    const before = { keep: await containers(uidOf("keep")), multi: await containers(uidOf("multi")) };
    expect(before.multi.map((c) => c.name)).toEqual([
      `/berth_${rig.namespace}_multi_POD`,
      `/berth_${rig.namespace}_multi_prep_0`,
      `/berth_${rig.namespace}_multi_side_0`,
      `/berth_${rig.namespace}_multi_web_0`,
    ]);

    await first.stop();
    const second = await rig.agent(node);
    // Several relists and passes later, and Ready again after the readiness probe ran anew.
    await new Promise((r) => setTimeout(r, 3_000));
    await rig.waitFor("Ready again", () => condition(rig.get("keep"), "Ready") === "True");
    expect(await containers(uidOf("keep"))).toEqual(before.keep);
    expect(await containers(uidOf("multi"))).toEqual(before.multi);
    expect(rig.get("multi")?.status?.containerStatuses?.map((s) => s.restartCount)).toEqual([0, 0]);
    first = second;
  });

  it("removes berth containers of pods the store does not know, once the store is ready", async () => {
    const ghost = rig.pod("ghost", { nodeName: node.name, containers: [web()] });
    ghost.metadata.uid = `${rig.runId}-ghost`;
    await first.stop();
    const sb = await createSandbox(
      rig.docker(),
      { name: node.name, address: "127.0.0.1", policy: DENY_ALL_POLICY },
      ghost,
    );
    await startSandbox(rig.docker(), sb.id);

    let markReady = (): void => undefined;
    const ready = new Promise<void>((r) => (markReady = r));
    first = await rig.agent(node, {}, ready);
    await new Promise((r) => setTimeout(r, 2_500));
    // The daemon has not said the store is complete: the container might belong to something
    // about to be applied, so it stays.
    expect((await containers(ghost.metadata.uid)).length).toBe(1);
    markReady();
    await rig.waitFor(
      "the orphan removed",
      async () => (await containers(ghost.metadata.uid ?? "")).length === 0,
      15_000,
    );
    // The store's own pods were left alone.
    expect(condition(rig.get("keep"), "Ready")).toBe("True");
  });

  it("puts back an app container removed by hand (docker rm -f) within seconds", async () => {
    const before = rig.get("keep")?.status?.containerStatuses?.[0];
    const id = (before?.containerID ?? "").replace("docker://", "");
    const removedAt = Date.now();
    await rig.docker().getContainer(id).remove({ force: true });
    const after = await rig.waitFor("a new web container", () => {
      const s = rig.get("keep")?.status?.containerStatuses?.[0];
      return s?.state.running && s.containerID !== before?.containerID ? s : undefined;
    });
    expect(Date.now() - removedAt).toBeLessThan(10_000);
    // The lost container counts as a restart (as the kubelet reports a container that vanished).
    expect(after.restartCount).toBe((before?.restartCount ?? 0) + 1);
  });

  it("recreates a pod whose sandbox was removed by hand", async () => {
    const uid = uidOf("multi");
    const sandbox = (await containers(uid)).find((c) => c.name.endsWith("_POD"));
    await rig
      .docker()
      .getContainer(sandbox?.id ?? "")
      .remove({ force: true });
    await rig.waitFor("the pod running again in a new sandbox", async () => {
      const sb = (await containers(uid)).find((c) => c.name.endsWith("_POD"));
      const web1 = rig.get("multi")?.status?.containerStatuses?.find((c) => c.name === "web");
      return sb !== undefined && sb.id !== sandbox?.id && web1?.restartCount === 1 && web1.ready;
    });
    // The init container ran again in the new sandbox, as after a kubelet sandbox change.
    const names = (await containers(uid)).map((c) => c.name);
    expect(names).toContain(`/berth_${rig.namespace}_multi_prep_1`);
  });
});
