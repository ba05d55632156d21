// The daemon's GitOps loop against a real git repository, without Docker: commits reach the store
// through the source watcher, an invalid commit is reported and changes nothing, a removed file is
// pruned, and a restarted daemon continues from its state file.

import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultConfig } from "../../../src/config/load.js";
import type { BerthConfig } from "../../../src/config/types.js";
import { Daemon } from "../../../src/daemon/daemon.js";
import { allControllers } from "../../../src/daemon/controllers.js";
import { readStateFile } from "../../../src/state/load.js";

let dir: string;
let repo: string;

function git(...args: string[]): string {
  return execFileSync("git", ["-C", repo, "-c", "user.name=t", "-c", "user.email=t@t", ...args], {
    encoding: "utf8",
  });
}

function commit(message: string, files: Record<string, string | null>): string {
  for (const [path, content] of Object.entries(files)) {
    const p = join(repo, "manifests", path);
    if (content === null) unlinkSync(p);
    else writeFileSync(p, content);
  }
  git("add", "-A");
  git("commit", "-qm", message);
  return git("rev-parse", "HEAD").trim();
}

const cm = (name: string, v: string) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${name}}\ndata: {v: "${v}"}\n`;

function config(state: string, watchLocal = true): BerthConfig {
  const c = defaultConfig();
  return {
    ...c,
    sources: [
      {
        ...c.sourceDefaults,
        name: "demo",
        repo,
        path: "manifests",
        pollInterval: 60_000,
        watchLocal,
        prune: { enabled: true, allowEmpty: false, maxDeleteShare: 1 },
      },
    ],
    state: { path: state },
  };
}

async function until(check: () => boolean, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function start(state: string, watchLocal = true): Daemon {
  return new Daemon({
    config: config(state, watchLocal),
    statePath: state,
    log: pino({ level: "silent" }),
    controllers: allControllers(),
  });
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "berth-daemon-"));
  repo = join(dir, "repo");
  mkdirSync(join(repo, "manifests"), { recursive: true });
  execFileSync("git", ["init", "-q", "-b", "main", repo]);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("daemon GitOps loop", () => {
  it("applies commits, refuses invalid ones, prunes removed files, and survives a restart", async () => {
    const first = commit("two config maps", { "a.yaml": cm("a", "1"), "b.yaml": cm("b", "1") });
    const state = join(dir, "state.json");
    const d = start(state);
    await d.start();
    await d.ready;
    expect(d.store.get("ConfigMap", "default", "a")?.data).toEqual({ v: "1" });
    expect(d.status()[0]).toMatchObject({
      sync: { status: "Synced", revision: { sha: first } },
      health: { status: "Healthy" },
    });

    // A local commit is seen at once (chokidar on the refs), without waiting for the poll.
    commit("change a", { "a.yaml": cm("a", "2") });
    await until(
      () => d.store.get("ConfigMap", "default", "a")?.data?.v === "2",
      "the change to reach the store",
    );

    const bad = commit("break b", {
      "b.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\ndata: {v: 3}\n",
      "a.yaml": null,
    });
    await until(() => d.status()[0]?.failedRevision?.revision.sha === bad, "the failure to be reported");
    const s = d.status()[0];
    expect(s?.sync.status).toBe("OutOfSync");
    expect(s?.failedRevision?.errors.join("\n")).toMatch(
      /b\.yaml:4:\d+: error E_SCHEMA: ConfigMap default\/b: data\.v: wrong type/,
    );
    // Nothing was deleted by the invalid revision: a (removed in it) is still there.
    expect(d.store.get("ConfigMap", "default", "a")?.data).toEqual({ v: "2" });

    const fixed = commit("fix b", { "b.yaml": cm("b", "3") });
    await until(() => d.status()[0]?.sync.revision?.sha === fixed, "the fixed revision");
    expect(d.store.get("ConfigMap", "default", "a")).toBeUndefined();
    expect(d.status()[0]?.sync.status).toBe("Synced");
    const uid = d.store.get("ConfigMap", "default", "b")?.metadata.uid;
    await d.stop();

    const saved = await readStateFile(state);
    expect(saved?.data.apps[0]?.syncedRevision?.sha).toBe(fixed);
    expect(saved?.data.apps[0]?.lastGoodRevision?.sha).toBe(fixed);

    const again = start(state);
    await again.start();
    await again.ready;
    expect(again.store.get("ConfigMap", "default", "b")?.metadata.uid).toBe(uid);
    await again.stop();
  });

  it("with watchLocal: false, a local commit waits for a sync (or the poll)", async () => {
    const state = join(dir, "state-unwatched.json");
    const d = start(state, false);
    await d.start();
    await d.ready;
    const before = d.status()[0]?.sync.revision?.sha;
    const next = commit("unwatched change", { "b.yaml": cm("b", "4") });
    // The watched daemon above saw a commit well within this.
    await new Promise((r) => setTimeout(r, 1500));
    expect(d.status()[0]?.sync.revision?.sha).toBe(before);
    expect(d.store.get("ConfigMap", "default", "b")?.data).toEqual({ v: "3" });
    await d.sync();
    expect(d.status()[0]?.sync.revision?.sha).toBe(next);
    expect(d.store.get("ConfigMap", "default", "b")?.data).toEqual({ v: "4" });
    await d.stop();
  });
});
