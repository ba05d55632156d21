// `berth status` and `berth sync` through runCli against a real API server on loopback (fake daemon
// behind it), and the state-file fallback when nothing answers.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { BerthClient } from "../../../src/cli/client.js";
import { runCli } from "../../../src/cli/program.js";
import { emptyStateContent, prepareForSave, serializeState } from "../../../src/state/snapshot.js";
import { app } from "../../support/fake-daemon-view.js";
import { startServer, TOKEN, type Harness } from "../api/harness.js";
import { freePort } from "../sync/servers.js";

function capture(): { out: () => string; err: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(process.stdout, "write").mockImplementation((chunk) => (out.push(String(chunk)), true));
  vi.spyOn(process.stderr, "write").mockImplementation((chunk) => (err.push(String(chunk)), true));
  return { out: () => out.join(""), err: () => err.join("") };
}

let h: Harness;
let dir: string;
beforeEach(async () => {
  h = await startServer();
  dir = mkdtempSync(join(tmpdir(), "berth-cli-api-"));
  vi.stubEnv("BERTH_SERVER", "");
  vi.stubEnv("BERTH_TOKEN", "");
  vi.stubEnv("BERTH_STATE", "");
  vi.stubEnv("BERTH_CONFIG", undefined);
});
afterEach(async () => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  await h.close();
  rmSync(dir, { recursive: true, force: true });
});

function writeConfig(yaml: string): string {
  const file = join(dir, "berth.yaml");
  writeFileSync(file, yaml);
  return file;
}

const failedBlog = app("blog", {
  sync: { status: "OutOfSync" },
  health: { status: "Healthy" },
  revision: { sha: "2222222bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", subject: "Fix web" },
  lastGoodRevision: { sha: "2222222bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", subject: "Fix web" },
  lastSync: {
    startedAt: new Date().toISOString(),
    finishedAt: new Date().toISOString(),
    result: "failed",
    revision: { sha: "3333333ccccccccccccccccccccccccccccccccc", subject: "Break web" },
    errors: ["Deployment blog/web: image is required"],
  },
  errors: ["Deployment blog/web: image is required"],
});

describe("berth status", () => {
  it("prints the apps from the daemon, with --server and --token", async () => {
    h.view.apps = [app("shop"), failedBlog];
    const io = capture();
    expect(await runCli(["status", "--server", h.url, "--token", TOKEN])).toBe(0);
    const lines = io.out().split("\n");
    expect(lines[0]).toMatch(/^APP\s+SYNC STATUS\s+HEALTH\s+REVISION\s+LAST SYNC\s+MESSAGE$/);
    expect(lines[1]).toMatch(/^shop\s+Synced\s+Healthy\s+1111111\s+Succeeded \S+ ago\s+Add web$/);
    expect(lines[2]).toMatch(
      /^blog\s+OutOfSync\s+Healthy\s+2222222\s+Failed \d+s ago\s+Deployment blog\/web: image is required$/,
    );
    expect(io.out()).toContain('  revision 3333333 "Break web" was not applied\n');
    expect(io.out()).toContain('  last good revision: 2222222 "Fix web" (stays applied)\n');
    expect(io.err()).toBe("");
  });

  it("finds the daemon and its token through berth.yaml, and through the environment", async () => {
    const port = new URL(h.url).port;
    const file = writeConfig(`api: {listen: "127.0.0.1:${port}", token: {env: MY_TOKEN}}\n`);
    vi.stubEnv("MY_TOKEN", TOKEN);
    const io = capture();
    expect(await runCli(["status", "-c", file, "-o", "json"])).toBe(0);
    expect(JSON.parse(io.out())).toMatchObject({ apps: [{ name: "shop", health: { status: "Healthy" } }] });

    vi.stubEnv("BERTH_SERVER", h.url);
    vi.stubEnv("BERTH_TOKEN", TOKEN);
    const io2 = capture();
    expect(await runCli(["status"])).toBe(0);
    expect(io2.out()).toMatch(/^shop\s+Synced/m);
  });

  it("fails with a hint when the token is missing or wrong, and never prints it", async () => {
    const io = capture();
    expect(await runCli(["status", "--server", h.url])).toBe(2);
    expect(io.err()).toMatch(/refused the request: this endpoint needs a token.*--token, BERTH_TOKEN/);
    const io2 = capture();
    expect(await runCli(["status", "--server", h.url, "--token", "wrong-one"])).toBe(2);
    expect(io2.err()).toMatch(/the token is not valid/);
    expect(io2.err()).not.toContain("wrong-one");
  });

  it("says why berth.yaml's token could not be read when the daemon refuses", async () => {
    const port = new URL(h.url).port;
    const file = writeConfig(`api: {listen: "127.0.0.1:${port}", tokenEnv: UNSET_BERTH_TOKEN}\n`);
    vi.stubEnv("UNSET_BERTH_TOKEN", undefined);
    const io = capture();
    expect(await runCli(["status", "-c", file])).toBe(2);
    expect(io.err()).toContain(
      "(berth.yaml's api token cannot be read here (environment variable UNSET_BERTH_TOKEN is not set); or give --token or BERTH_TOKEN)",
    );
  });

  it("falls back to the state file when the configured daemon does not answer, and says so", async () => {
    const port = await freePort();
    mkdirSync(join(dir, "state"));
    const statePath = join(dir, "state", "state.json");
    const content = emptyStateContent();
    content.apps = [
      {
        name: "shop",
        source: { repoURL: "https://git.example.com/org/shop.git", ref: "main", path: "." },
        syncedRevision: {
          sha: "4444444ddddddddddddddddddddddddddddddddd",
          author: "dev <dev@example.com>",
          date: "2026-01-01T00:00:00Z",
          subject: "Initial",
        },
        lastSyncAttempt: {
          startedAt: "2026-01-01T00:00:00Z",
          finishedAt: "2026-01-01T00:00:02Z",
          result: "succeeded",
          errors: [],
        },
      },
    ];
    writeFileSync(
      statePath,
      serializeState(
        prepareForSave(content, { secretSalt: "ab".repeat(32), savedAt: Date.parse("2026-01-01T00:00:03Z") }),
      ),
    );
    const file = writeConfig(`api: {listen: "127.0.0.1:${port}"}\nstate: {path: state/state.json}\n`);
    const io = capture();
    expect(await runCli(["status", "-c", file])).toBe(0);
    expect(io.err()).toBe(
      `no berth daemon answers at http://127.0.0.1:${port} (ECONNREFUSED); showing the state file ${statePath} as saved at 2026-01-01T00:00:03Z (sync and health unknown)\n`,
    );
    expect(io.out()).toMatch(/^shop\s+Unknown\s+Unknown\s+4444444\s+Succeeded \S+ ago\s+Initial$/m);
  });

  it("does not fall back when --server names a daemon that does not answer", async () => {
    const port = await freePort();
    const io = capture();
    expect(await runCli(["status", "--server", `127.0.0.1:${port}`])).toBe(2);
    expect(io.err()).toMatch(
      /no berth daemon answers at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\).*\[E_API_UNREACHABLE\]/,
    );
  });
});

describe("berth sync", () => {
  const cli = (...args: string[]) => runCli(["sync", ...args, "--server", h.url, "--token", TOKEN]);

  it("requests a pass and returns", async () => {
    h.view.apps = [app("shop"), app("blog")];
    const io = capture();
    expect(await cli()).toBe(0);
    expect(io.out()).toBe("sync requested: shop, blog\n");
    expect(await cli("blog")).toBe(0);
    expect(h.view.triggers).toEqual([
      { app: undefined, wait: false },
      { app: "blog", wait: false },
    ]);
  });

  it("with --wait prints the outcome and exits 0 on success", async () => {
    h.view.autoResult = (name) => ({
      app: name,
      result: "succeeded",
      changed: true,
      revision: { sha: "5555555eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee", subject: "Ship" },
      errors: [],
    });
    const io = capture();
    expect(await cli("shop", "--wait")).toBe(0);
    expect(io.out()).toBe('shop: synced to 5555555 "Ship"\n');
    expect(h.view.triggers).toEqual([{ app: "shop", wait: true }]);
  });

  it("with --wait exits 1 when the pass failed", async () => {
    h.view.autoResult = (name) => ({
      app: name,
      result: "failed",
      changed: false,
      attemptedRevision: { sha: "6666666fffffffffffffffffffffffffffffffff", subject: "Oops" },
      errors: ["Deployment shop/web: image is required"],
    });
    const io = capture();
    expect(await cli("shop", "--wait")).toBe(1);
    expect(io.out()).toBe(
      'shop: sync failed: revision 6666666 "Oops" was not applied\n  - Deployment shop/web: image is required\n',
    );
  });

  it("with --wait gives up after --timeout with exit 2", async () => {
    h.view.autoResult = undefined;
    const io = capture();
    expect(await cli("shop", "--wait", "--timeout", "300ms")).toBe(2);
    expect(io.err()).toContain("no outcome within 300ms; the pass goes on in the daemon");
    h.view.finish("shop");
  });

  it("exits 2 for an unknown app, with the daemon's message", async () => {
    const io = capture();
    expect(await cli("nope")).toBe(2);
    expect(io.err()).toContain('app "nope" is not configured [E_NOT_FOUND]');
  });
});

describe("BerthClient", () => {
  it("reads objects, events, nodes and streams logs through the API", async () => {
    h.view.podLogs.set("shop/web-1", ["a", "b", "c"]);
    const client = new BerthClient({ baseUrl: h.url, token: TOKEN, from: "flag" });
    expect(await client.objects({ kind: "Pod", selector: { matchLabels: { app: "web" } } })).toEqual([]);
    expect(await client.events({ namespace: "shop" })).toEqual([]);
    expect(await client.nodes()).toEqual([]);
    let text = "";
    for await (const chunk of await client.logs("shop", "web-1", { tail: 2 }))
      text += Buffer.from(chunk).toString();
    expect(text).toBe("b\nc\n");
    await expect(client.logs("shop", "nope", {})).rejects.toThrow(/pod shop\/nope not found/);
  });
});
