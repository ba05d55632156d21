// Self-heal off (sources[].selfHeal.enabled: false): a container removed by hand is left alone and
// the app is reported OutOfSync with the drift; `berth sync` puts it back. The real berth process,
// a real repository, the real engine.

import { execFileSync, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cleanNamespace } from "./harness.js";

const BERTH = join(import.meta.dirname, "../../bin/berth.js");
const ns = `noheal-${Math.random().toString(36).slice(2, 8)}`;
let dir: string;
let config: string;
let daemon: ChildProcess | undefined;

const freePort = (): Promise<number> =>
  new Promise((resolve) => {
    const srv = createServer().listen(0, "127.0.0.1", () => {
      const p = (srv.address() as { port: number }).port;
      srv.close(() => resolve(p));
    });
  });

const berth = (...args: string[]) =>
  spawnSync("node", [BERTH, ...args, "-c", config], {
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
  });

const appContainers = (): string[] =>
  execFileSync(
    "docker",
    ["ps", "-q", "--filter", `label=io.berth.pod.namespace=${ns}`, "--filter", "label=io.berth.role=app"],
    { encoding: "utf8" },
  )
    .split("\n")
    .filter((s) => s !== "");

async function until<T>(what: string, f: () => T | undefined, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = f();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "berth-noheal-"));
  const repo = join(dir, "repo");
  mkdirSync(join(repo, "m"), { recursive: true });
  writeFileSync(
    join(repo, "m", "pod.yaml"),
    `apiVersion: v1\nkind: Pod\nmetadata: {name: keep}\nspec:\n  containers:\n    - {name: c, image: "berth.local/busybox:1", command: ["sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait"]}\n`,
  );
  execFileSync("git", ["init", "-q", "-b", "main", repo]);
  execFileSync("git", ["-C", repo, "add", "-A"]);
  execFileSync("git", ["-C", repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "init"]);
  config = join(dir, "berth.yaml");
  writeFileSync(
    config,
    `sources:\n  - {name: noheal, repo: ${repo}, path: m, namespace: ${ns}, selfHeal: {enabled: false, interval: 2s}}\napi: {listen: "127.0.0.1:${await freePort()}"}\nstate: {path: ${join(dir, "state.json")}}\n`,
  );
  daemon = spawn("node", [BERTH, "run", "-c", config, "--log-level", "warn"], { stdio: "ignore" });
});

afterAll(async () => {
  if (daemon?.pid) {
    daemon.kill("SIGTERM");
    await new Promise((r) => daemon?.once("exit", r));
  }
  cleanNamespace(ns);
  rmSync(dir, { recursive: true, force: true });
});

describe("self-heal off", () => {
  it("reports a removed container as drift and heals it only on sync", async () => {
    const first = await until("the pod to run", () => appContainers()[0]);
    execFileSync("docker", ["rm", "-f", first], { stdio: "ignore" });
    const status = await until("drift to be reported", () => {
      const out = berth("status").stdout;
      return /OutOfSync .*drift \(self-heal is off\): container c removed outside berth/.test(out)
        ? out
        : undefined;
    });
    expect(status).toContain("noheal");
    // Left alone: several relist intervals later there is still no container.
    await new Promise((r) => setTimeout(r, 5000));
    expect(appContainers()).toEqual([]);

    expect(berth("sync", "noheal", "--wait").status).toBe(0);
    const healed = await until("the container to be back", () => appContainers()[0]);
    expect(healed).not.toBe(first);
    await until("Synced", () => (/noheal\s+Synced/.test(berth("status").stdout) ? true : undefined));
  });
});
