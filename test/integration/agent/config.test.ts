// ConfigMaps and Secrets from the store: env values are fixed when a container is created; files in
// configMap and secret volumes follow changes in place, without a restart (Kubernetes semantics).
// And a node agent that does not follow engine events still heals by relisting.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConfigMap, Secret } from "../../../src/manifest/types.js";
import type { NodeAgent } from "../../../src/runtime/agent/node-agent.js";
import { exec } from "../../../src/runtime/docker/exec.js";
import { hashSecretValue } from "../../../src/state/secrets.js";
import { condition, makeRig, sh, web, type Rig } from "./harness.js";

let rig: Rig;
let agent: NodeAgent;

beforeAll(async () => {
  rig = makeRig();
  agent = await rig.agent(rig.node("n1"));
});
afterAll(async () => {
  await rig.cleanup();
});

function configMap(value: string): ConfigMap {
  return {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: "settings", namespace: rig.namespace, labels: {}, annotations: {} },
    data: { greeting: value },
  };
}

function secret(value: string): Secret {
  return {
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name: "token", namespace: rig.namespace, labels: {}, annotations: {} },
    type: "Opaque",
    data: { token: Buffer.from(value).toString("base64") },
  };
}

async function run(containerId: string, script: string): Promise<string> {
  return (await exec(rig.docker(), containerId, ["sh", "-c", script], 5_000)).output;
}

describe("ConfigMaps and Secrets", () => {
  it("projects volume files and env; a change updates the files in place and leaves env alone", async () => {
    rig.store.create(configMap("hello"));
    rig.store.create(secret("s3cret"));
    rig.store.create(
      rig.pod("cfg", {
        nodeName: agent.name,
        volumes: [
          { name: "settings", configMap: { name: "settings" } },
          { name: "token", secret: { secretName: "token" } },
        ],
        containers: [
          sh("app", "trap 'exit 0' TERM; while true; do sleep 0.2; done", {
            env: [
              { name: "GREETING", valueFrom: { configMapKeyRef: { name: "settings", key: "greeting" } } },
            ],
            volumeMounts: [
              { name: "settings", mountPath: "/etc/settings" },
              { name: "token", mountPath: "/etc/token" },
            ],
          }),
        ],
      }),
    );
    const status = await rig.waitFor(
      "running",
      () =>
        rig.get("cfg")?.status?.containerStatuses?.[0]?.state.running &&
        rig.get("cfg")?.status?.containerStatuses?.[0],
    );
    const id = (status.containerID ?? "").replace("docker://", "");
    expect(
      await run(id, "cat /etc/settings/greeting; echo; cat /etc/token/token; echo; echo $GREETING"),
    ).toBe("hello\ns3cret\nhello\n");

    const cm = rig.store.get("ConfigMap", rig.namespace, "settings");
    rig.store.update({
      ...configMap("bonjour"),
      metadata: { ...configMap("x").metadata, ...(cm ? { uid: cm.metadata.uid } : {}) },
    });
    const s = rig.store.get("Secret", rig.namespace, "token");
    rig.store.update({
      ...secret("n3w"),
      metadata: { ...secret("x").metadata, ...(s ? { uid: s.metadata.uid } : {}) },
    });
    await rig.waitFor(
      "new files",
      async () => (await run(id, "cat /etc/settings/greeting /etc/token/token")) === "bonjourn3w",
    );
    expect(await run(id, "echo $GREETING")).toBe("hello\n");
    const after = rig.get("cfg")?.status?.containerStatuses?.[0];
    expect(after?.containerID).toBe(status.containerID);
    expect(after?.restartCount).toBe(0);
  });

  it("waits in ContainerCreating while a mounted ConfigMap is missing, then starts", async () => {
    rig.store.create(
      rig.pod("later", {
        nodeName: agent.name,
        volumes: [{ name: "c", configMap: { name: "later" } }],
        containers: [web("web", { volumeMounts: [{ name: "c", mountPath: "/etc/c" }] })],
      }),
    );
    await rig.waitFor("FailedMount", () => rig.eventsFor("later").some((e) => e.reason === "FailedMount"));
    const waiting = rig.get("later")?.status?.containerStatuses?.[0]?.state.waiting;
    expect(waiting?.reason).toBe("ContainerCreating");
    rig.store.create({ ...configMap("x"), metadata: { ...configMap("x").metadata, name: "later" } });
    await rig.waitFor("running", () => condition(rig.get("later"), "Ready") === "True");
  });
});

describe("Secrets restored from the state file", () => {
  it("hold hashes, not values: nothing starts from them until their source is synced again", async () => {
    const restored = secret("x");
    restored.metadata = { ...restored.metadata, name: "restored" };
    restored.data = { token: hashSecretValue(Buffer.from("real").toString("base64"), "salt") };
    rig.store.create(restored);
    rig.store.create(
      rig.pod("needs-secret", {
        nodeName: agent.name,
        containers: [
          sh("app", "trap 'exit 0' TERM; echo $TOKEN; while true; do sleep 0.2; done", {
            env: [{ name: "TOKEN", valueFrom: { secretKeyRef: { name: "restored", key: "token" } } }],
          }),
        ],
      }),
    );
    const waiting = await rig.waitFor("waiting for the secret", () => {
      const w = rig.get("needs-secret")?.status?.containerStatuses?.[0]?.state.waiting;
      return w?.reason === "CreateContainerConfigError" ? w : undefined;
    });
    expect(waiting.message).toBe(
      'secret "restored" not loaded yet: berth restarted and the Secret\'s source has not been synced again',
    );
    const current = rig.store.get("Secret", rig.namespace, "restored");
    rig.store.update({
      ...secret("real"),
      metadata: { ...restored.metadata, ...(current ? { uid: current.metadata.uid } : {}) },
    });
    await rig.waitFor(
      "running",
      () => rig.get("needs-secret")?.status?.containerStatuses?.[0]?.state.running,
    );
  });
});

describe("without engine events", () => {
  it("a container removed by hand comes back within the relist interval", async () => {
    const quiet = await rig.agent(rig.node("quiet"), { watchEngineEvents: false, relistIntervalMs: 1_000 });
    rig.store.create(rig.pod("relisted", { nodeName: quiet.name, containers: [web()] }));
    const before = await rig.waitFor(
      "running",
      () =>
        rig.get("relisted")?.status?.containerStatuses?.[0]?.state.running &&
        rig.get("relisted")?.status?.containerStatuses?.[0],
    );
    const removedAt = Date.now();
    await rig
      .docker()
      .getContainer((before.containerID ?? "").replace("docker://", ""))
      .remove({ force: true });
    await rig.waitFor("a new container", () => {
      const s = rig.get("relisted")?.status?.containerStatuses?.[0];
      return s?.state.running && s.containerID !== before.containerID;
    });
    // One relist interval, plus the time a start takes on a busy machine.
    expect(Date.now() - removedAt).toBeLessThan(5_000);
  });
});
