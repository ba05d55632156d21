import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { GitSource } from "../../../src/sync/source.js";
import { SourceWatcher, type SourceWatcherOptions } from "../../../src/sync/watcher.js";
import type { Revision } from "../../../src/sync/source.js";
import { bareRemote, commit, configMap, git, initRepo, removeDir, tempDir } from "./fixtures.js";

/** Resolves with the first revision `accept` takes, recording when it arrived. */
class RevisionLog {
  readonly seen: { revision: Revision; at: number }[] = [];
  private waiters: { accept: (r: Revision) => boolean; resolve: (at: number) => void }[] = [];

  readonly onRevision = (revision: Revision): void => {
    const at = Date.now();
    this.seen.push({ revision, at });
    this.waiters = this.waiters.filter((w) => {
      if (!w.accept(revision)) return true;
      w.resolve(at);
      return false;
    });
  };

  waitFor(sha: string, timeoutMs = 5_000): Promise<number> {
    const found = this.seen.find((s) => s.revision.sha === sha);
    if (found) return Promise.resolve(found.at);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no revision ${sha} within ${timeoutMs} ms`)),
        timeoutMs,
      );
      this.waiters.push({
        accept: (r) => r.sha === sha,
        resolve: (at) => {
          clearTimeout(timer);
          resolve(at);
        },
      });
    });
  }

  shas(): string[] {
    return this.seen.map((s) => s.revision.sha);
  }
}

describe("SourceWatcher against real repositories", () => {
  let root: string;
  const watchers: SourceWatcher[] = [];

  beforeAll(() => {
    root = tempDir();
  });
  afterEach(async () => {
    await Promise.all(watchers.splice(0).map((w) => w.stop()));
  });
  afterAll(() => removeDir(root));

  const watch = (source: GitSource, options: Omit<SourceWatcherOptions, "onRevision">, log: RevisionLog) => {
    const w = new SourceWatcher(source, { ...options, onRevision: log.onRevision });
    watchers.push(w);
    return w;
  };

  it("sees a commit to a local working repository within a second, with polling off", async () => {
    const repo = initRepo(join(root, "local"));
    const first = commit(repo, { "apps/cm.yaml": configMap("a", "1") }, "first");
    const log = new RevisionLog();
    const w = watch(
      new GitSource({ repo, path: "apps" }, { cacheRoot: join(root, "cache") }),
      { pollIntervalMs: 0 },
      log,
    );
    await w.start();
    await log.waitFor(first);

    for (const n of [2, 3]) {
      const before = Date.now();
      const sha = commit(repo, { "apps/cm.yaml": configMap("a", String(n)) }, `commit ${n}`);
      const at = await log.waitFor(sha, 3_000);
      expect(at - before).toBeLessThan(1_000);
      expect(w.lastRevision?.files[0]?.content).toBe(configMap("a", String(n)));
    }
    // A branch switch moves HEAD, which the default ref follows.
    git(repo, "checkout", "-q", "-b", "other");
    const onOther = commit(repo, { "apps/cm.yaml": configMap("a", "other") }, "on other");
    await log.waitFor(onOther, 3_000);
  });

  it("sees each of several commits made right after the previous one was read", async () => {
    // A ref replaced again moments after a change once went unseen (chokidar re-arms its watch on
    // the replaced file late); with polling off nothing else would have found it.
    const repo = initRepo(join(root, "quick"));
    const first = commit(repo, { "cm.yaml": configMap("q", "0") }, "first");
    const log = new RevisionLog();
    const w = watch(
      new GitSource({ repo, ref: "main" }, { cacheRoot: join(root, "cache") }),
      { pollIntervalMs: 0 },
      log,
    );
    await w.start();
    await log.waitFor(first);
    for (const n of [1, 2, 3, 4, 5]) {
      const sha = commit(repo, { "cm.yaml": configMap("q", String(n)) }, `quick ${n}`);
      await log.waitFor(sha, 2_000);
      expect(w.lastRevision?.files[0]?.content).toBe(configMap("q", String(n)));
    }
  });

  it("sees a push into a local bare repository (file://) within a second", async () => {
    const work = initRepo(join(root, "work-bare"));
    const first = commit(work, { "cm.yaml": configMap("b", "1") }, "first");
    const bare = bareRemote(work, join(root, "bare.git"));
    const log = new RevisionLog();
    const source = new GitSource(
      { repo: pathToFileURL(bare).href, ref: "main" },
      { cacheRoot: join(root, "cache") },
    );
    const w = watch(source, { pollIntervalMs: 0 }, log);
    await w.start();
    await log.waitFor(first);
    const sha = commit(work, { "cm.yaml": configMap("b", "2") }, "second");
    const before = Date.now();
    git(work, "push", "-q", "origin", "main");
    expect((await log.waitFor(sha, 3_000)) - before).toBeLessThan(1_000);
  });

  describe("polling a file:// remote", () => {
    let work: string;
    let remoteUrl: string;

    beforeAll(() => {
      work = initRepo(join(root, "work-poll"));
      commit(work, { "cm.yaml": configMap("p", "1") }, "first");
      remoteUrl = pathToFileURL(bareRemote(work, join(root, "poll.git"))).href;
    });

    it("costs one ls-remote per poll and no fetch while nothing changes", async () => {
      const commands: string[][] = [];
      const log = new RevisionLog();
      const source = new GitSource(
        { repo: remoteUrl },
        { cacheRoot: join(root, "cache"), onGitCommand: (args) => commands.push([...args]) },
      );
      const w = watch(source, { pollIntervalMs: 100, watchLocal: false }, log);
      await w.start();
      await log.waitFor(git(work, "rev-parse", "HEAD"));
      commands.length = 0;
      await new Promise((r) => setTimeout(r, 700));
      expect(commands.length).toBeGreaterThanOrEqual(3);
      expect(commands.map((c) => c[0])).toEqual(commands.map(() => "ls-remote"));
      expect(log.seen).toHaveLength(1);

      // A commit is found by the next poll.
      const sha = commit(work, { "cm.yaml": configMap("p", "2") }, "second");
      git(work, "push", "-q", "origin", "main");
      await log.waitFor(sha, 3_000);
      expect(commands.map((c) => c[0])).toContain("fetch");
    });

    it("follows a force-push to rewritten history", async () => {
      const log = new RevisionLog();
      const source = new GitSource({ repo: remoteUrl, ref: "main" }, { cacheRoot: join(root, "cache") });
      const w = watch(source, { pollIntervalMs: 0, watchLocal: false }, log);
      const before = await w.syncNow();
      expect(before.ok).toBe(true);
      git(work, "reset", "-q", "--hard", "HEAD~1");
      const rewritten = commit(work, { "cm.yaml": configMap("p", "rewritten") }, "rewritten");
      git(work, "push", "-q", "--force", "origin", "main");
      expect(await w.syncNow()).toMatchObject({ ok: true, changed: true, revision: { sha: rewritten } });
      expect(w.lastRevision?.files[0]?.content).toBe(configMap("p", "rewritten"));
      expect(log.shas()).toHaveLength(2);
    });

    it("folds a burst of syncNow calls into one more pass, with one fetch at a time", async () => {
      const commands: string[] = [];
      const log = new RevisionLog();
      const source = new GitSource(
        { repo: remoteUrl },
        { cacheRoot: join(root, "cache-burst"), onGitCommand: (args) => commands.push(args[0] ?? "") },
      );
      const w = watch(source, { pollIntervalMs: 0, watchLocal: false }, log);
      const first = w.syncNow();
      const burst = Array.from({ length: 5 }, () => w.syncNow());
      const outcomes = await Promise.all([first, ...burst]);
      expect(outcomes[0]).toMatchObject({ ok: true, changed: true });
      for (const o of outcomes.slice(1)) expect(o).toMatchObject({ ok: true, changed: false });
      expect(commands.filter((c) => c === "ls-remote")).toHaveLength(2);
      expect(commands.filter((c) => c === "fetch")).toHaveLength(1);
      expect(log.seen).toHaveLength(1);
    });
  });
});
