// A headless Service over StatefulSet-style pods (hostname + subdomain) on two engines: every pod
// is reachable by `<pod>.<svc>` and its qualified names from both engines and from another
// namespace, the Service name resolves to every endpoint pod, and a pod that is not ready loses
// its names on the other engine.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  eventually,
  fetchMany,
  forwardNamesDocker0,
  IDLE,
  makeCluster,
  must,
  testHostsUp,
  WEB,
  type Cluster,
  type RunningPod,
} from "./harness.js";

let c: Cluster;
let ns: string;
let client1: RunningPod;
let client2: RunningPod;

beforeAll(async () => {
  await testHostsUp();
  c = await makeCluster(["n1", "n2"]);
  ns = c.namespace();
  c.service(ns, "db", {
    clusterIP: "None",
    selector: { app: "db" },
    ports: [{ name: "http", port: 80, protocol: "TCP" }],
  });
  const labels = { app: "db" };
  await c.runPod("n1", ns, "db-0", { containers: [WEB], hostname: "db-0", subdomain: "db" }, { labels });
  await c.runPod(
    "n2",
    ns,
    "db-1",
    { containers: [WEB], hostname: "db-1", subdomain: "db" },
    { labels, annotate: false },
  );
  client1 = await c.runPod("n1", ns, "client-1", { containers: [IDLE] });
  client2 = await c.runPod("n2", ns, "client-2", { containers: [IDLE] });
  await c.controller.settled();
});

afterAll(async () => {
  await c.cleanup();
  expect(await forwardNamesDocker0()).toBe(true);
});

const host = async (client: RunningPod, name: string) =>
  (await fetchMany(c, client, `http://${name}/cgi-bin/host`, 1))[0] ?? "";

describe("a headless Service across engines", () => {
  it("has no cluster IP and no Service proxy", () => {
    expect(must(c.store.get("Service", ns, "db"), "db").spec.clusterIP).toBe("None");
  });

  it("reaches each pod by <pod>.<svc> and its qualified names from both engines", async () => {
    for (const client of [client1, client2]) {
      for (const pod of ["db-0", "db-1"]) {
        for (const name of [`${pod}.db`, `${pod}.db.${ns}`, `${pod}.db.${ns}.svc.cluster.local`]) {
          expect(
            await eventually(
              () => host(client, name),
              (b) => b === pod,
            ),
          ).toBe(pod);
        }
      }
    }
  });

  it("resolves the Service name to one address per endpoint pod", async () => {
    for (const client of [client1, client2]) {
      const out = await c.sh(client, "nslookup db 2>&1");
      const addresses = [...out.matchAll(/Address: (\d+\.\d+\.\d+\.\d+)/g)].map((m) => m[1]);
      expect(new Set(addresses).size).toBe(2);
    }
  });

  it("is reached from another namespace by the qualified names", async () => {
    const other = c.namespace("y");
    const client = await c.runPod("n2", other, "client-y", { containers: [IDLE] });
    await c.controller.settled();
    for (const pod of ["db-0", "db-1"]) {
      expect(
        await eventually(
          () => host(client, `${pod}.db.${ns}`),
          (b) => b === pod,
        ),
      ).toBe(pod);
    }
  });

  it("takes a pod's names off other engines while it is not ready", async () => {
    c.setReady(must(c.store.get("Pod", ns, "db-1"), "db-1"), false);
    await c.controller.settled();
    const gone = await c.sh(client1, "timeout 3 wget -qO- http://db-1.db/cgi-bin/host 2>&1; echo rc=$?");
    expect(gone).not.toContain("db-1\n");
    expect(gone).not.toContain("rc=0");
    c.setReady(must(c.store.get("Pod", ns, "db-1"), "db-1"), true);
    await c.controller.settled();
    expect(
      await eventually(
        () => host(client1, "db-1.db"),
        (b) => b === "db-1",
      ),
    ).toBe("db-1");
  });
});
