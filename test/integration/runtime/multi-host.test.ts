// Test host n2 (scripts/test-hosts.sh): a pod created through its socket, reachable on n2's
// address from the host namespace — the path services and the ingress take across engines.

import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dockerInfo } from "../../../src/runtime/docker/info.js";
import { listManagedContainers } from "../../../src/runtime/docker/list.js";
import { makeRig, must, runPod, type Rig } from "./harness.js";

const run = promisify(execFile);
const N2 = { url: "unix:///run/berth-test/n2.sock" };
const N2_ADDRESS = "10.231.0.2";

let rig: Rig;
beforeAll(async () => {
  // Idempotent: a no-op when CI's setup (scripts/setup.sh --test-hosts) already started the hosts.
  await run("bash", ["scripts/test-hosts.sh", "up"], { timeout: 120_000 });
  rig = await makeRig({ endpoint: N2, address: N2_ADDRESS });
});
afterAll(async () => {
  await rig.cleanup();
  const fwd = await run("iptables", ["-S", "FORWARD"]);
  expect(fwd.stdout).toContain("docker0");
});

describe("test host n2", () => {
  it("is a separate engine with its own data root", async () => {
    const info = await dockerInfo(rig.docker);
    expect(info.dockerRootDir).toBe("/var/lib/berth-test/n2");
  });

  it("runs a pod created through its socket, published on n2's address", async () => {
    const pod = rig.pod("remote", {
      containers: [{ name: "web", image: "berth.local/web:2", ports: [{ containerPort: 80 }] }],
    });
    const running = await runPod(rig, pod);
    expect(running.podIP).not.toBe("");
    const pods = await listManagedContainers(rig.docker, rig.nodeName);
    const sandbox = must(pods.get(must(pod.metadata.uid, "uid"))?.sandbox, "sandbox");
    const port = must(sandbox.ports[0], "published port");
    expect(port.hostIP).toBe(N2_ADDRESS);
    let body = "";
    for (let i = 0; i < 20 && body !== "web v2\n"; i++) {
      try {
        body = await (
          await fetch(`http://${N2_ADDRESS}:${port.hostPort}/version`, { signal: AbortSignal.timeout(2000) })
        ).text();
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    expect(body).toBe("web v2\n");
  });
});
