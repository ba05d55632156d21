// A pod's containers share the sandbox's network; its ports are published on the node address;
// pods find each other by alias on the namespace network; a fresh client adopts by labels.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect } from "../../../src/runtime/docker/connect.js";
import { exec } from "../../../src/runtime/docker/exec.js";
import { listManagedContainers } from "../../../src/runtime/docker/list.js";
import { IDLE, LOCAL_ENDPOINT, makeRig, must, runPod, type Rig } from "./harness.js";

let rig: Rig;
beforeAll(async () => {
  rig = await makeRig();
});
afterAll(async () => {
  await rig.cleanup();
});

describe("pod network", () => {
  it("lets a pod's containers talk over localhost and publishes its ports on the node address", async () => {
    const pod = rig.pod("duo", {
      containers: [
        { name: "web", image: "berth.local/web:1", ports: [{ containerPort: 80, protocol: "TCP" }] },
        { name: "client", image: "berth.local/busybox:1", command: IDLE },
      ],
    });
    const run = await runPod(rig, pod);
    expect(run.podIP).toMatch(/^\d+\.\d+\.\d+\.\d+$/);

    const client = must(run.apps.get("client"), "client");
    let out = "";
    for (let i = 0; i < 20 && !out.includes("web v1"); i++) {
      out = (
        await exec(rig.docker, client, ["timeout", "2", "wget", "-qO-", "http://localhost/version"], 5000)
      ).output;
      if (!out.includes("web v1")) await new Promise((r) => setTimeout(r, 100));
    }
    expect(out).toBe("web v1\n");

    // Same network namespace, same hostname: the pod's.
    const host = await exec(rig.docker, client, ["hostname"], 5000);
    expect(host.output.trim()).toBe("duo");

    const pods = await listManagedContainers(rig.docker, rig.nodeName);
    const sandbox = must(pods.get(must(pod.metadata.uid, "uid"))?.sandbox, "sandbox");
    expect(sandbox.ip).toBe(run.podIP);
    const port = must(
      sandbox.ports.find((p) => p.containerPort === 80),
      "port 80",
    );
    expect(port).toMatchObject({ protocol: "TCP", hostIP: "127.0.0.1" });
    const res = await fetch(`http://127.0.0.1:${port.hostPort}/version`);
    expect(await res.text()).toBe("web v1\n");
  });

  it("resolves pods by name and hostname.subdomain on the namespace network", async () => {
    const db = rig.pod("db-0", {
      hostname: "db-0",
      subdomain: "db",
      containers: [{ name: "web", image: "berth.local/web:2" }],
    });
    await runPod(rig, db);
    const probe = rig.pod("probe", {
      containers: [{ name: "c", image: "berth.local/busybox:1", command: IDLE }],
    });
    const run = await runPod(rig, probe);
    const c = must(run.apps.get("c"), "c");
    for (const name of ["db-0", "db-0.db"]) {
      const r = await exec(rig.docker, c, ["timeout", "3", "wget", "-qO-", `http://${name}/version`], 5000);
      expect(r.output, name).toBe("web v2\n");
    }
  });

  it("finds every container by its labels from a fresh client (adoption basis)", async () => {
    const pod = rig.pod("adopt", {
      containers: [
        { name: "a", image: "berth.local/busybox:1", command: IDLE },
        { name: "b", image: "berth.local/web:1", ports: [{ containerPort: 80 }] },
      ],
    });
    const run = await runPod(rig, pod);

    const { docker: fresh } = await connect(LOCAL_ENDPOINT);
    const pods = await listManagedContainers(fresh, rig.nodeName);
    const found = must(pods.get(must(pod.metadata.uid, "uid")), "pod");
    expect(found).toMatchObject({ name: "adopt", namespace: rig.namespace });
    expect(found.sandbox).toMatchObject({
      id: run.sandboxId,
      role: "sandbox",
      name: "POD",
      state: "running",
    });
    expect(found.containers.map((c) => [c.name, c.role, c.attempt, c.state, c.id])).toEqual([
      ["a", "app", 0, "running", run.apps.get("a")],
      ["b", "app", 0, "running", run.apps.get("b")],
    ]);
    for (const c of found.containers) expect(c.specHash).toMatch(/^[0-9a-f]{16}$/);
    expect(must(found.containers[1], "b").image).toBe("berth.local/web:1");
    expect(must(found.containers[1], "b").imageId).toMatch(/^docker:\/\/sha256:[0-9a-f]{64}$/);

    // What people type: docker ps --filter label=io.berth.pod.namespace=<ns>
    const byNs = await fresh.listContainers({
      filters: { label: [`io.berth.pod.namespace=${rig.namespace}`] },
    });
    expect(byNs.map((c) => c.Names[0])).toEqual(
      expect.arrayContaining([`/berth_${rig.namespace}_adopt_POD`, `/berth_${rig.namespace}_adopt_a_0`]),
    );

    // Another node's label filter sees none of it.
    expect((await listManagedContainers(fresh, `${rig.nodeName}-other`)).size).toBe(0);
  });
});
