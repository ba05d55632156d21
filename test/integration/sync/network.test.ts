import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { BerthError } from "../../../src/util/errors.js";
import { GitSource, type GitSourceOptions } from "../../../src/sync/source.js";
import { SourceWatcher, type SyncLogger } from "../../../src/sync/watcher.js";
import { bareRemote, commit, configMap, git, initRepo, removeDir, tempDir } from "./fixtures.js";
import {
  freePort,
  startBlackhole,
  startGitDaemon,
  startHttpGit,
  type GitDaemon,
  type HttpGit,
} from "./servers.js";

/** Everything a source said, to search for secrets: errors, log lines, git arguments. */
function recorder() {
  const said: string[] = [];
  const logger: SyncLogger = {
    info: (obj, msg) => said.push(JSON.stringify(obj), msg),
    warn: (obj, msg) => said.push(JSON.stringify(obj), msg),
    debug: (obj, msg) => said.push(JSON.stringify(obj), msg),
  };
  const onGitCommand = (args: readonly string[]) => said.push(args.join(" "));
  const error = (e: unknown) => {
    if (e instanceof BerthError) said.push(e.describe(), e.stack ?? "", JSON.stringify(e), String(e.cause));
    else said.push(String(e));
  };
  return { said, logger, onGitCommand, error, text: () => said.join("\n") };
}

async function failure(p: Promise<unknown>): Promise<BerthError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof BerthError) return e;
    throw e;
  }
  throw new Error("expected a failure");
}

describe("GitSource over the network", () => {
  let root: string;
  let work: string;
  let served: string;
  let head: string;

  beforeAll(() => {
    root = tempDir();
    work = initRepo(join(root, "work"));
    head = commit(work, { "apps/web/cm.yaml": configMap("web", "1") }, "first");
    served = join(root, "served");
    bareRemote(work, join(served, "remote.git"));
  });

  afterAll(() => removeDir(root));

  const opts = (extra: Partial<GitSourceOptions> = {}): GitSourceOptions => ({
    cacheRoot: join(root, "cache"),
    timeoutMs: 20_000,
    ...extra,
  });

  describe("git daemon (git://)", () => {
    let daemon: GitDaemon;
    beforeAll(async () => {
      daemon = await startGitDaemon(served);
    });
    afterAll(async () => {
      await daemon.stop();
    });

    it("resolves, fetches and reads", async () => {
      const s = new GitSource({ repo: daemon.url("remote.git"), path: "apps/web" }, opts());
      expect(s.kind).toBe("git");
      expect(await s.resolve()).toBe(head);
      expect(await s.fetch()).toBe(head);
      expect((await s.readRevision(head)).files).toEqual([
        { path: "cm.yaml", content: configMap("web", "1") },
      ]);
    });

    it("reports a repository the daemon does not serve", async () => {
      const s = new GitSource({ repo: daemon.url("nope.git") }, opts());
      expect((await failure(s.resolve())).code).toBe("E_GIT_REPO_NOT_FOUND");
    });
  });

  it("reports a closed port as unreachable", async () => {
    const port = await freePort();
    const s = new GitSource({ repo: `git://127.0.0.1:${port}/remote.git` }, opts());
    const e = await failure(s.resolve());
    expect(e.code).toBe("E_GIT_UNREACHABLE");
    expect(e.message).toContain(`git://127.0.0.1:${port}/remote.git`);
  });

  it("keeps the last good revision while the remote is down, backs off, and recovers when it returns", async () => {
    let daemon = await startGitDaemon(served);
    const port = daemon.port;
    const attempts: number[] = [];
    const errors: [string, number][] = [];
    const revisions: string[] = [];
    const source = new GitSource(
      { repo: daemon.url("remote.git") },
      opts({ onGitCommand: (args) => args[0] === "ls-remote" && attempts.push(Date.now()) }),
    );
    const watcher = new SourceWatcher(source, {
      onRevision: (r) => void revisions.push(r.sha),
      onError: (e, n) => errors.push([e.code, n]),
      pollIntervalMs: 100,
      backoff: { initialMs: 200, maxMs: 800 },
    });
    try {
      expect(await watcher.syncNow()).toMatchObject({ ok: true, changed: true });
      await daemon.stop();

      await until(() => errors.length >= 4, 10_000);
      expect(errors.slice(0, 4)).toEqual([
        ["E_GIT_UNREACHABLE", 1],
        ["E_GIT_UNREACHABLE", 2],
        ["E_GIT_UNREACHABLE", 3],
        ["E_GIT_UNREACHABLE", 4],
      ]);
      expect(watcher.lastRevision?.sha).toBe(head);
      expect(watcher.lastError?.code).toBe("E_GIT_UNREACHABLE");
      // Retries spread out: 200, 400, 800 ms (±10%), not the 100 ms poll interval.
      const failing = attempts.slice(-4);
      const gaps = failing.slice(1).map((t, i) => t - (failing[i] ?? t));
      expect(gaps[0]).toBeGreaterThanOrEqual(170);
      expect(gaps[1]).toBeGreaterThanOrEqual(350);
      expect(gaps[2]).toBeGreaterThanOrEqual(700);

      const next = commit(work, { "apps/web/cm.yaml": configMap("web", "2") }, "while down");
      git(work, "push", "-q", "origin", "main");
      daemon = await startGitDaemon(served, port);
      await until(() => revisions.includes(next), 10_000);
      expect(watcher.lastError).toBeUndefined();
      expect(watcher.consecutiveFailures).toBe(0);
      expect(revisions).toEqual([head, next]);
      head = next;
    } finally {
      await watcher.stop();
      await daemon.stop();
    }
  });

  describe("git http-backend with Basic auth", () => {
    let http: HttpGit;
    beforeAll(async () => {
      http = await startHttpGit(served, { user: "user", password: "secret" });
    });
    afterAll(async () => {
      await http.stop();
    });

    it("authenticates with credentials from the URL, which never appear anywhere", async () => {
      const rec = recorder();
      const source = new GitSource(
        { repo: http.url("remote.git", "user:secret"), path: "apps/web" },
        opts({ onGitCommand: rec.onGitCommand, name: "web" }),
      );
      const watcher = new SourceWatcher(source, {
        onRevision: () => undefined,
        logger: rec.logger,
        pollIntervalMs: 0,
      });
      try {
        const outcome = await watcher.syncNow();
        expect(outcome).toMatchObject({ ok: true, changed: true, revision: { sha: head } });
        expect(http.requests.some((r) => r.endsWith("auth=yes"))).toBe(true);
        rec.said.push(source.display, source.describe(), source.cacheDir, JSON.stringify(outcome));
      } finally {
        await watcher.stop();
      }
      rec.said.push(
        readFileSync(join(source.cacheDir, "config"), "utf8"),
        ...readdirSync(join(root, "cache")),
      );
      expect(rec.said.length).toBeGreaterThan(5);
      expect(rec.text()).toContain("127.0.0.1");
      expect(rec.text()).not.toContain("secret");
      expect(source.display).toBe(`http://user:***@127.0.0.1:${http.port}/remote.git`);
    });

    it("reports wrong or missing credentials as E_GIT_AUTH without the password", async () => {
      const rec = recorder();
      const wrong = new GitSource(
        { repo: http.url("remote.git", "user:wrongsecret") },
        opts({ onGitCommand: rec.onGitCommand }),
      );
      const e = await failure(wrong.resolve());
      rec.error(e);
      expect(e.code).toBe("E_GIT_AUTH");
      const none = new GitSource({ repo: http.url("remote.git") }, opts());
      expect((await failure(none.resolve())).code).toBe("E_GIT_AUTH");
      const fetchFailure = await failure(wrong.fetch());
      rec.error(fetchFailure);
      expect(rec.text()).not.toContain("wrongsecret");
      expect(rec.text()).toContain("user:***@");
    });

    it("reports a missing repository", async () => {
      const s = new GitSource({ repo: http.url("nope.git", "user:secret") }, opts());
      const e = await failure(s.resolve());
      expect(e.code).toBe("E_GIT_REPO_NOT_FOUND");
      expect(e.describe()).not.toContain("secret");
    });
  });

  it("reports an unreachable http remote without its credentials", async () => {
    const port = await freePort();
    const rec = recorder();
    const s = new GitSource(
      { repo: `http://user:secret@127.0.0.1:${port}/remote.git` },
      opts({ onGitCommand: rec.onGitCommand }),
    );
    const e = await failure(s.resolve());
    rec.error(e);
    expect(e.code).toBe("E_GIT_UNREACHABLE");
    expect(rec.text()).not.toContain("secret");
  });

  it("accepts a lone token as the http user name", async () => {
    const http = await startHttpGit(served, { user: "ghp_t0k3n", password: "" });
    try {
      const rec = recorder();
      const s = new GitSource(
        { repo: http.url("remote.git", "ghp_t0k3n") },
        opts({ onGitCommand: rec.onGitCommand }),
      );
      expect(await s.resolve()).toBe(head);
      expect(s.display).toBe(`http://***@127.0.0.1:${http.port}/remote.git`);
      rec.said.push(s.display, s.describe(), s.cacheDir);
      expect(rec.text()).not.toContain("t0k3n");
    } finally {
      await http.stop();
    }
  });

  it("stops a remote that hangs: by the timeout, and at once on stop()", async () => {
    const hole = await startBlackhole();
    try {
      const slow = new GitSource(
        { repo: `git://127.0.0.1:${hole.port}/remote.git` },
        opts({ timeoutMs: 500 }),
      );
      const started = Date.now();
      const e = await failure(slow.resolve());
      expect(e.code).toBe("E_GIT_UNREACHABLE");
      expect(e.message).toContain("made no progress");
      expect(Date.now() - started).toBeLessThan(5_000);

      const errors: string[] = [];
      const hanging = new GitSource(
        { repo: `git://127.0.0.1:${hole.port}/remote.git` },
        opts({ timeoutMs: 60_000 }),
      );
      const watcher = new SourceWatcher(hanging, {
        onRevision: () => undefined,
        onError: (err) => errors.push(err.code),
      });
      const pass = watcher.syncNow();
      await new Promise((r) => setTimeout(r, 200));
      const stopping = Date.now();
      await watcher.stop();
      expect(Date.now() - stopping).toBeLessThan(2_000);
      expect(await pass).toMatchObject({ ok: false, error: { code: "E_SYNC_STOPPED" } });
      expect(errors).toEqual([]);
    } finally {
      await hole.stop();
    }
  });

  it("uses the operator's GIT_SSH_COMMAND for ssh remotes (git@host:path)", async () => {
    // Stands in for ssh: runs the command git asks the remote to run, in the served directory.
    const shim = join(root, "fake-ssh.sh");
    writeFileSync(shim, `#!/bin/sh\nfor last; do :; done\ncd '${served}' && exec sh -c "$last"\n`);
    const saved = process.env.GIT_SSH_COMMAND;
    process.env.GIT_SSH_COMMAND = `sh ${shim}`;
    try {
      const s = new GitSource({ repo: "git@berth.invalid:remote.git", path: "apps/web" }, opts());
      expect(s.kind).toBe("ssh");
      expect(await s.resolve()).toBe(head);
      expect(await s.fetch()).toBe(head);
      expect((await s.readRevision(head)).files.map((f) => f.path)).toEqual(["cm.yaml"]);
    } finally {
      if (saved === undefined) delete process.env.GIT_SSH_COMMAND;
      else process.env.GIT_SSH_COMMAND = saved;
    }
  });
});

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
