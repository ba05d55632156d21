// A DaemonSet follows nodes joining. (1) berth.yaml lists the main engine and a second node whose
// engine does not answer yet (its socket is a path nobody listens on): the DaemonSet runs on the
// main node only; once the second node's engine answers (the test starts a byte-for-byte proxy to the
// n2 test engine at that path — n2 itself is shared and must not be stopped), the node turns Ready
// and a daemon pod appears on it and runs on the n2 engine. (2) A node added to berth.yaml: the
// daemon restarted with the n3 engine listed adopts the main node's pod as it is and starts one on n3.

import { createConnection, createServer, type Server, type Socket } from "node:net";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { makeHarness, N2_ADDRESS, N2_SOCKET, N3_ADDRESS, N3_SOCKET } from "./harness.js";

const h = makeHarness("wlds");
const h3 = makeHarness("wlds");
const proxyPath = join(h.dir, "n2.sock");
const n2 = h.node("n2", proxyPath, N2_ADDRESS, N2_SOCKET);
let proxy: Server | undefined;
const open = new Set<Socket>();

/** Forwards every connection on `path` to the n2 engine's socket. */
function startProxy(path: string): Promise<Server> {
  const server = createServer((client) => {
    const engine = createConnection(N2_SOCKET);
    for (const s of [client, engine]) {
      open.add(s);
      s.on("close", () => open.delete(s));
      s.on("error", () => {
        client.destroy();
        engine.destroy();
      });
    }
    client.pipe(engine);
    engine.pipe(client);
  });
  return new Promise((resolve) => server.listen(path, () => resolve(server)));
}

const daemonSet = `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      terminationGracePeriodSeconds: 2
      containers:
        - name: agent
          image: berth.local/busybox:1
          command: ["sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait"]
`;

afterAll(async () => {
  await h.cleanup();
  await h3.cleanup();
  for (const s of open) s.destroy();
  await new Promise((r) => (proxy ? proxy.close(r) : r(undefined)));
});

describe("DaemonSet and a node that comes up", () => {
  it("places a daemon pod on the new node once it is Ready", async () => {
    h.commit("node agent", { "agent.yaml": daemonSet });
    const d = await h.start({ nodes: [h.main, n2] });
    const podOn = (node: string) => h.pods().find((p) => p.spec.nodeName === node);
    const running = (socket?: string) =>
      h.appContainers(socket).then((cs) => cs.filter((c) => c.State === "running"));

    await h.until("the daemon pod on the main node to run", async () => (await running()).length === 1);
    const mainPod = podOn(h.main.name);
    expect(mainPod).toBeDefined();
    // The second node is known but not Ready, so it gets nothing (not-ready:NoSchedule).
    await new Promise((r) => setTimeout(r, 2_000));
    const n2State = d.nodes().find((n) => n.name === n2.name);
    expect(n2State?.conditions.find((c) => c.type === "Ready")?.status).not.toBe("True");
    expect(h.pods()).toHaveLength(1);
    expect(d.store.get("DaemonSet", h.namespace, "agent")?.status?.desiredNumberScheduled).toBe(1);

    proxy = await startProxy(proxyPath);
    await h.until(
      "the second node to be Ready",
      () =>
        d
          .nodes()
          .find((n) => n.name === n2.name)
          ?.conditions.some((c) => c.type === "Ready" && c.status === "True"),
      20_000,
    );
    const n2Container = await h.until(
      "a daemon pod running on the n2 engine",
      async () => (await running(N2_SOCKET))[0],
      60_000,
    );
    expect(n2Container.Labels["io.berth.node"]).toBe(n2.name);
    expect(podOn(n2.name)?.metadata.name).toBe(n2Container.Labels["io.berth.pod.name"]);
    await h.until("the DaemonSet status to count both nodes", () => {
      const s = d.store.get("DaemonSet", h.namespace, "agent")?.status;
      return s?.desiredNumberScheduled === 2 && s.numberReady === 2;
    });
    // The main node's pod was left as it was.
    expect(podOn(h.main.name)?.metadata.uid).toBe(mainPod?.metadata.uid);
    expect(await running()).toHaveLength(1);
    expect(h.pods()).toHaveLength(2);
  });

  it("starts a daemon pod on a node added to the config, adopting the existing one", async () => {
    h3.commit("node agent", { "agent.yaml": daemonSet });
    await h3.start();
    const running = (socket?: string) =>
      h3.appContainers(socket).then((cs) => cs.filter((c) => c.State === "running"));
    const [before] = await h3.until("the daemon pod on the main node to run", async () => {
      const r = await running();
      return r.length === 1 && r;
    });
    await h3.stop();

    const n3 = h3.node("n3", N3_SOCKET, N3_ADDRESS);
    const d = await h3.start({ nodes: [h3.main, n3] });
    const onN3 = await h3.until(
      "a daemon pod running on the n3 engine",
      async () => (await running(N3_SOCKET))[0],
      60_000,
    );
    expect(onN3.Labels["io.berth.node"]).toBe(n3.name);
    await h3.until("the DaemonSet status to count both nodes", () => {
      const s = d.store.get("DaemonSet", h3.namespace, "agent")?.status;
      return s?.desiredNumberScheduled === 2 && s.numberReady === 2;
    });
    // The main node's pod and container went on as they were (adopted, not replaced).
    const after = await running();
    expect(after.map((c) => c.Id)).toEqual([before?.Id]);
    expect(h3.pods().map((p) => p.metadata.uid)).toContain(before?.Labels["io.berth.pod.uid"]);
    expect(h3.pods()).toHaveLength(2);
  });
});
