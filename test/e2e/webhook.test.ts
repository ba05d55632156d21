// A GitHub push webhook with the real `berth run` process: the repository is served by `git daemon`
// on loopback (a git:// remote, so no local ref watch sees commits) and polled only hourly, so the
// only thing that can make berth see a new commit is the webhook. A bad signature is 401 and
// triggers nothing; a valid one triggers the sync and the new commit converges.

import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHmac, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  cleanNamespace,
  containersOf,
  Daemon,
  deployment,
  freePort,
  sleep,
  suffix,
  TempRepo,
  until,
} from "./harness.js";

const ns = `hook-${suffix()}`;
const APP = "hooked";
const SECRET = `s3cret-${suffix()}`;
let dir: string;
let repo: TempRepo;
let gitDaemon: ChildProcess | undefined;
let daemon: Daemon | undefined;
let repoUrl = "";
let first = "";
let second = "";

const theDaemon = (): Daemon => {
  if (!daemon) throw new Error("the daemon did not start");
  return daemon;
};

const sign = (body: string, secret: string) =>
  `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;

/** POSTs a GitHub push delivery for the served repository, signed with `secret` (none: unsigned). */
function push(secret: string | undefined): Promise<Response> {
  const body = JSON.stringify({
    ref: "refs/heads/main",
    after: second,
    repository: { full_name: "e2e/app", clone_url: `${repoUrl}.git` },
  });
  return theDaemon().request("POST", "/api/webhook/github", {
    body,
    headers: {
      "content-type": "application/json",
      "x-github-event": "push",
      "x-github-delivery": randomUUID(),
      ...(secret !== undefined ? { "x-hub-signature-256": sign(body, secret) } : {}),
    },
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "berth-webhook-"));
  repo = new TempRepo(join(dir, "srv", "app"));
  repo.write("web.yaml", deployment("web", "berth.local/web:1", 2));
  first = repo.commit("web v1");
  const port = await freePort();
  gitDaemon = spawn(
    "git",
    [
      "daemon",
      "--export-all",
      "--reuseaddr",
      "--listen=127.0.0.1",
      `--port=${port}`,
      `--base-path=${join(dir, "srv")}`,
      join(dir, "srv"),
    ],
    { stdio: "ignore" },
  );
  repoUrl = `git://127.0.0.1:${port}/app`;
  await until(
    "git daemon to serve the repository",
    () => (spawnSync("git", ["ls-remote", repoUrl], { timeout: 5000 }).status === 0 ? true : undefined),
    15_000,
  );
  daemon = await Daemon.start({
    dir,
    sources: [`{name: ${APP}, repo: "${repoUrl}", ref: main, path: m, namespace: ${ns}, pollInterval: 1h}`],
    extra: `webhooks: {github: {secret: ${SECRET}}}\n`,
  });
  await daemon.converged(APP, first);
});

afterAll(async () => {
  await daemon?.stop();
  gitDaemon?.kill("SIGTERM");
  cleanNamespace(ns, daemon?.node);
  rmSync(dir, { recursive: true, force: true });
});

describe("GitHub webhook", () => {
  it("refuses a bad or missing signature with 401 and syncs nothing", async () => {
    repo.write("web.yaml", deployment("web", "berth.local/web:2", 2));
    second = repo.commit("web v2");

    const forged = await push("not-the-secret");
    expect(forged.status).toBe(401);
    expect(((await forged.json()) as { error: { code: string } }).error.code).toBe("E_WEBHOOK_SIGNATURE");
    const unsigned = await push(undefined);
    expect(unsigned.status).toBe(401);

    // Neither the refused deliveries nor a poll or watch brings the commit in.
    await sleep(4000);
    const status = await theDaemon().app(APP);
    expect(status.revision?.sha).toBe(first);
    expect(status.lastSync?.revision?.sha).toBe(first);
    expect(containersOf(ns, "app").map((c) => c.image)).toEqual(["berth.local/web:1", "berth.local/web:1"]);
  });

  it("syncs the pushed commit on a delivery signed with the secret", async () => {
    const r = await push(SECRET);
    expect(r.status).toBe(202);
    expect(await r.json()).toMatchObject({ event: "push", triggered: [APP] });
    await theDaemon().converged(APP, second);
    await until("two web:2 containers", () => {
      const cs = containersOf(ns, "app");
      return cs.length === 2 && cs.every((c) => c.image === "berth.local/web:2" && c.state === "running")
        ? true
        : undefined;
    });
  });
});
