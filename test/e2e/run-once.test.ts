// `berth run --once` as users run it: the real process syncs a real repository onto the real
// engine, waits for convergence, and exits 0 only when every pod runs (or completed) as its spec
// says; a pod that cannot start makes it exit 1 at the timeout, with a report naming it.

import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cleanNamespace } from "./harness.js";

const BERTH = join(import.meta.dirname, "../../bin/berth.js");
const ns = `once-${Math.random().toString(36).slice(2, 8)}`;
let dir: string;
let port = 0;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, "127.0.0.1", () => {
      const p = (srv.address() as { port: number }).port;
      srv.close(() => resolve(p));
    });
  });
}

function repoWith(name: string, files: Record<string, string>): string {
  const repo = join(dir, name);
  mkdirSync(join(repo, "m"), { recursive: true });
  for (const [f, c] of Object.entries(files)) writeFileSync(join(repo, "m", f), c);
  execFileSync("git", ["init", "-q", "-b", "main", repo]);
  execFileSync("git", ["-C", repo, "add", "-A"]);
  execFileSync("git", ["-C", repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "init"]);
  return repo;
}

function runOnce(repo: string, timeout: string) {
  const state = join(dir, `${Math.random().toString(36).slice(2)}.json`);
  const config = join(dir, "berth.yaml");
  writeFileSync(config, `api: {listen: "127.0.0.1:${port}"}\nstate: {path: ${state}}\n`);
  return spawnSync(
    "node",
    [
      BERTH,
      "run",
      "--once",
      "--timeout",
      timeout,
      "--repo",
      repo,
      "--path",
      "m",
      "-n",
      ns,
      "-c",
      config,
      "--log-level",
      "error",
    ],
    { encoding: "utf8", timeout: 120_000 },
  );
}

const pod = (name: string, image: string) => `apiVersion: v1
kind: Pod
metadata: {name: ${name}}
spec:
  containers:
    - name: c
      image: ${image}
      command: ["sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait"]
`;
const job = `apiVersion: batch/v1
kind: Job
metadata: {name: done}
spec:
  template:
    spec:
      restartPolicy: Never
      containers: [{name: c, image: "berth.local/busybox:1", command: ["true"]}]
`;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "berth-once-"));
  port = await freePort();
});

afterAll(() => {
  cleanNamespace(ns);
  rmSync(dir, { recursive: true, force: true });
});

describe("berth run --once", () => {
  it("exits 0 once a running pod and a completed Job converge", () => {
    const r = runOnce(
      repoWith("good", { "pod.yaml": pod("runs", "berth.local/busybox:1"), "job.yaml": job }),
      "2m",
    );
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/app good: Synced, Healthy at [0-9a-f]{12} \(init\)/);
    expect(r.status).toBe(0);
    cleanNamespace(ns);
  });

  it("exits 1 at the timeout when a pod cannot start, naming it", () => {
    const r = runOnce(repoWith("bad", { "pod.yaml": pod("broken", "berth.local/does-not-exist:1") }), "15s");
    expect(r.stderr).toBe("");
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("not converged after 15s");
    expect(r.stdout).toMatch(
      new RegExp(`Pod ${ns}/broken: Degraded: container c: (ErrImagePull|ImagePullBackOff)`),
    );
  });
});
