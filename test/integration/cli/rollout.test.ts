// `berth rollout status|history` against a state file holding a real rollout: the Deployment and
// ReplicaSet controllers roll an image change on a fake kubelet, the store is saved as the daemon
// saves it, and the real commands read it.

import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { runCli } from "../../../src/cli/program.js";
import { deploymentController } from "../../../src/controllers/deployment/index.js";
import { replicaSetController } from "../../../src/controllers/replicaset/index.js";
import { StateFile } from "../../../src/state/file.js";
import { emptyStateContent, snapshotStore } from "../../../src/state/snapshot.js";
import { Cluster, deployment } from "../../support/controller-cluster.js";
import { tempDir } from "../../support/state-fixtures.js";

let dir: { dir: string; cleanup: () => void };

async function saveCluster(c: Cluster, name: string): Promise<string> {
  const path = join(dir.dir, name);
  const file = await StateFile.open(path);
  file.scheduleSave(snapshotStore(c.store, emptyStateContent()));
  await file.close();
  return path;
}

async function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const out = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  try {
    return { code: await runCli(args), stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

let finished: string;
let midway: string;

beforeAll(async () => {
  dir = tempDir("berth-rollout-");
  const c = new Cluster([deploymentController, replicaSetController]);
  c.apply(deployment("web", { replicas: 3, image: "berth.local/web:1", maxSurge: 1, maxUnavailable: 0 }));
  await c.settle();
  while (c.kubelet()) await c.settle();
  c.apply(
    deployment("web", {
      replicas: 3,
      image: "berth.local/web:2",
      maxSurge: 1,
      maxUnavailable: 0,
      annotations: { "kubernetes.io/change-cause": "image web:2" },
    }),
  );
  await c.settle();
  // One kubelet pass: the first new pod is ready, old pods remain.
  c.kubelet();
  await c.settle();
  midway = await saveCluster(c, "midway.json");
  while (c.kubelet()) await c.settle();
  finished = await saveCluster(c, "finished.json");
  c.stop();
});

afterAll(() => dir.cleanup());

describe("berth rollout", () => {
  it("history lists both revisions with their change causes", async () => {
    const r = await run("rollout", "history", "deployment/web", "--state", finished);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      "deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         image web:2\n",
    );
  });

  it("status reports a finished rollout and exits 0", async () => {
    const r = await run("rollout", "status", "deploy/web", "--state", finished);
    expect(r).toMatchObject({ code: 0, stdout: 'deployment "web" successfully rolled out\n' });
  });

  it("status without watching shows kubectl's progress line mid-rollout", async () => {
    const r = await run("rollout", "status", "deployment/web", "--watch=false", "--state", midway);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Waiting for deployment "web" rollout to finish: .+\.\.\.\n$/);
  });

  it("status gives up after --timeout while the rollout is stuck", async () => {
    const r = await run("rollout", "status", "deployment/web", "--timeout", "1s", "--state", midway);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("error: timed out waiting for the condition");
  });

  it("names a missing deployment as kubectl does", async () => {
    const r = await run("rollout", "history", "deployment/nope", "--state", finished);
    expect(r).toMatchObject({
      code: 1,
      stderr: 'Error from server (NotFound): deployments.apps "nope" not found\n',
    });
  });
});
