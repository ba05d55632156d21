import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chmodSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { GitSource, type GitSourceOptions, type GitSourceSpec } from "../../../src/sync/source.js";
import { bareRemote, commit, configMap, git, initRepo, removeDir, tempDir } from "./fixtures.js";

/** GitSource.load: the one-process read of a revision, in place for a local path, else through the clone. */
describe("GitSource.load", () => {
  let root: string;
  let work: string;
  let remoteUrl: string;
  let first: string;
  let second: string;
  const commands: string[] = [];

  const source = (spec: GitSourceSpec, opts: GitSourceOptions = {}): GitSource =>
    new GitSource(spec, {
      cacheRoot: join(root, "cache"),
      onGitCommand: (args) => commands.push(args[0] ?? ""),
      ...opts,
    });
  const ran = async <T>(fn: () => Promise<T>): Promise<{ value: T; git: string[] }> => {
    commands.length = 0;
    const value = await fn();
    return { value, git: [...commands] };
  };

  beforeAll(() => {
    root = tempDir();
    work = initRepo(join(root, "work"));
    first = commit(
      work,
      { "apps/web/cm.yaml": configMap("web", "1"), "apps/db/cm.yaml": configMap("db", "1") },
      "first",
    );
    second = commit(work, { "apps/web/cm.yaml": configMap("web", "2") }, "second");
    remoteUrl = pathToFileURL(bareRemote(work, join(root, "remote.git"))).href;
  });

  afterAll(() => removeDir(root));

  it("reads a local path in place: one for-each-ref, one cat-file, no ls-remote, no fetch, no clone", async () => {
    const s = source(
      { repo: work, ref: "main", path: "apps/web" },
      { cacheRoot: join(root, "cache-in-place") },
    );
    const resolved = await ran(() => s.resolve());
    expect(resolved).toEqual({ value: second, git: ["for-each-ref"] });
    // An uncommitted edit in the working tree is not what a commit holds.
    writeFileSync(join(work, "apps/web/cm.yaml"), configMap("web", "uncommitted"));
    try {
      const loaded = await ran(() => s.load(second));
      expect(loaded.git).toEqual(["cat-file"]);
      expect(loaded.value).toEqual({
        sha: second,
        author: "Ada Lovelace <ada@example.org>",
        date: expect.stringMatching(/^2026-01-01T12:00:\d\dZ$/) as unknown,
        subject: "second",
        files: [{ path: "cm.yaml", content: configMap("web", "2") }],
      });
    } finally {
      git(work, "checkout", "--", "apps/web/cm.yaml");
    }
    expect(existsSync(s.cacheDir)).toBe(false);
    // The default ref is HEAD, looked up with one rev-parse.
    const head = source({ repo: work });
    expect(await ran(() => head.resolve())).toEqual({ value: second, git: ["rev-parse"] });
  });

  it("reads the commit asked for while the branch moves on, in place and through the clone", async () => {
    const repo = initRepo(join(root, "moving"));
    const a = commit(repo, { "cm.yaml": configMap("m", "a") }, "a");
    const bare = bareRemote(repo, join(root, "moving.git"));
    const local = source({ repo, ref: "main" });
    const remote = source({ repo: pathToFileURL(bare).href, ref: "main" });
    expect(await local.resolve()).toBe(a);
    expect(await remote.resolve()).toBe(a);
    const b = commit(repo, { "cm.yaml": configMap("m", "b") }, "b");
    git(repo, "push", "-q", "origin", "main");

    // In place the commit is there to read by its SHA, whatever the branch says now.
    const inPlace = await local.load(a);
    expect([inPlace.sha, inPlace.files[0]?.content]).toEqual([a, configMap("m", "a")]);
    // The clone lacks `a`: the fetch brings the branch as it is now, and that is what is read,
    // exactly (the watcher hands over the SHA it was given back).
    const fetched = await ran(() => remote.load(a));
    expect([fetched.value.sha, fetched.value.files[0]?.content]).toEqual([b, configMap("m", "b")]);
    expect(fetched.git).toEqual(["init", "config", "fetch", "cat-file"]);
  });

  it("through the clone: one cat-file answers whether the commit is there and reads it after the fetch", async () => {
    const s = source(
      { repo: remoteUrl, ref: "main", path: "apps" },
      { cacheRoot: join(root, "cache-clone") },
    );
    expect(await s.resolve()).toBe(second);
    await s.load(second);
    const next = commit(work, { "apps/db/cm.yaml": configMap("db", "2") }, "third");
    git(work, "push", "-q", "origin", "main");
    expect(await ran(() => s.resolve())).toEqual({ value: next, git: ["ls-remote"] });
    const loaded = await ran(() => s.load(next));
    expect(loaded.git).toEqual(["cat-file", "fetch"]);
    expect(loaded.value.files).toEqual([
      { path: "db/cm.yaml", content: configMap("db", "2") },
      { path: "web/cm.yaml", content: configMap("web", "2") },
    ]);

    // Force-pushed back to a commit the clone holds: no fetch at all.
    git(work, "push", "-q", "--force", "origin", `${second}:refs/heads/main`);
    expect(await s.resolve()).toBe(second);
    const back = await ran(() => s.load(second));
    expect(back.git).toEqual(["cat-file"]);
    expect(back.value.sha).toBe(second);
    git(work, "push", "-q", "--force", "origin", "main");
  });

  it("keeps parallel loads of different commits apart", async () => {
    for (const s of [
      source({ repo: work, path: "apps/web" }),
      source({ repo: remoteUrl, path: "apps/web" }),
    ]) {
      // Both commits in the clone first, so the parallel loads all read (and none fetches).
      await s.fetch();
      const [a, b, c] = await Promise.all([s.load(first), s.load(second), s.load(first)]);
      expect([a.sha, a.subject, a.files[0]?.content]).toEqual([first, "first", configMap("web", "1")]);
      expect([b.sha, b.subject, b.files[0]?.content]).toEqual([second, "second", configMap("web", "2")]);
      expect(c).toEqual(a);
    }
  });

  it("reads many files, large ones and metadata exactly as git shows them", async () => {
    const repo = initRepo(join(root, "big"));
    const files: Record<string, string> = {};
    for (let i = 0; i < 120; i += 1)
      files[`m/d${i % 7}/e${i % 3}/f${i}.yaml`] = configMap(`f${i}`, String(i));
    files["m/large.yaml"] = `${"# padding\n".repeat(60_000)}${configMap("large", "x")}`;
    files["m/.skipped/x.yaml"] = configMap("skipped", "1");
    files["m/notes.txt"] = "not a manifest\n";
    commit(repo, files, "base");
    git(repo, "config", "i18n.commitEncoding", "ISO-8859-1");
    writeFileSync(join(repo, "m/tz.yaml"), configMap("tz", "1"));
    git(repo, "add", "-A");
    // A subject paragraph over two lines with trailing spaces, a body, a non-UTC author date and a
    // commit message in ISO-8859-1: git log joins, trims and re-encodes; so must the reader.
    const message = Buffer.from("  \n\nCaf\xe9 fix  \nsecond line\n\nbody\n", "latin1");
    writeFileSync(join(root, "message.txt"), message);
    git(
      repo,
      "-c",
      "i18n.commitEncoding=ISO-8859-1",
      "commit",
      "-q",
      "--cleanup=verbatim",
      "-F",
      join(root, "message.txt"),
    );
    git(
      repo,
      "commit",
      "-q",
      "--amend",
      "--no-edit",
      "--cleanup=verbatim",
      "--date=2026-03-01T10:00:00+02:00",
    );
    const sha = git(repo, "rev-parse", "HEAD");

    const s = source({ repo, path: "m" });
    const rev = await s.load(sha);
    expect(git(repo, "cat-file", "commit", sha)).toContain("\nencoding ISO-8859-1\n");
    expect(rev.subject).toBe(
      git(repo, "-c", "i18n.logOutputEncoding=UTF-8", "log", "-1", "--format=%s", sha),
    );
    expect(rev.subject).toBe("Café fix second line");
    expect(rev.author).toBe(git(repo, "log", "-1", "--format=%an <%ae>", sha));
    expect(rev.date).toBe("2026-03-01T08:00:00Z");
    const listed = git(repo, "ls-tree", "-r", "--name-only", sha, "--", "m")
      .split("\n")
      .filter((p) => p.endsWith(".yaml") && !p.includes("/."))
      .map((p) => p.slice("m/".length));
    expect(rev.files.map((f) => f.path)).toEqual(listed);
    expect(rev.files.find((f) => f.path === "large.yaml")?.content).toBe(files["m/large.yaml"]);
    for (const f of rev.files) expect(f.content).toBe(git(repo, "show", `${sha}:m/${f.path}`) + "\n");
  });

  it("works under safe.bareRepository=explicit: the clones are named to git, not discovered", async () => {
    // The hardening setting makes git refuse to discover bare repositories, which berth's clones are.
    const home = join(root, "home-explicit");
    mkdirSync(home, { recursive: true });
    writeFileSync(join(home, ".gitconfig"), "[safe]\n\tbareRepository = explicit\n");
    const savedHome = process.env.HOME;
    process.env.HOME = home;
    try {
      const s = source({ repo: remoteUrl, path: "apps/web" }, { cacheRoot: join(root, "cache-explicit") });
      const sha = await s.resolve();
      expect((await s.load(sha)).files).toEqual([{ path: "cm.yaml", content: configMap("web", "2") }]);
      expect(await s.fetch()).toBe(sha);
      expect(await s.has(sha)).toBe(true);
      expect((await s.readRevision(first)).subject).toBe("first");
      // Pinned commits are fetched by SHA and read from the clone the same way.
      const pinned = source({ repo: remoteUrl, ref: first }, { cacheRoot: join(root, "cache-explicit") });
      expect((await pinned.load(await pinned.resolve())).sha).toBe(first);
    } finally {
      if (savedHome === undefined) delete process.env.HOME;
      else process.env.HOME = savedHome;
    }
  });

  it("falls back to ls-remote and the clone, for good, when git cannot run in the local repository", async () => {
    const repo = initRepo(join(root, "refusing"));
    const sha = commit(repo, { "cm.yaml": configMap("r", "1") }, "first");
    // A git that refuses to work in that one directory (as it does for a repository of another user
    // or a bare one under safe.bareRepository=explicit) and is the real git everywhere else.
    const bin = join(root, "bin");
    mkdirSync(bin, { recursive: true });
    const realGit = execWhich("git");
    writeFileSync(
      join(bin, "git"),
      `#!/bin/sh\nif [ "$(pwd -P)" = "$(cd '${repo}' && pwd -P)" ]; then echo "fatal: refused here" >&2; exit 128; fi\nexec '${realGit}' "$@"\n`,
    );
    chmodSync(join(bin, "git"), 0o755);
    const savedPath = process.env.PATH;
    process.env.PATH = `${bin}:${savedPath ?? ""}`;
    try {
      const s = source({ repo, ref: "main" }, { cacheRoot: join(root, "cache-refused") });
      expect(await ran(() => s.resolve())).toEqual({ value: sha, git: ["for-each-ref", "ls-remote"] });
      const loaded = await ran(() => s.load(sha));
      expect(loaded.git).toEqual(["init", "config", "fetch", "cat-file"]);
      expect(loaded.value.files).toEqual([{ path: "cm.yaml", content: configMap("r", "1") }]);
      expect(await ran(() => s.resolve())).toEqual({ value: sha, git: ["ls-remote"] });
    } finally {
      process.env.PATH = savedPath;
    }
  });
});

function execWhich(name: string): string {
  for (const dir of (process.env.PATH ?? "").split(":")) {
    if (dir !== "" && existsSync(join(dir, name))) return join(dir, name);
  }
  throw new Error(`${name} is not on PATH`);
}
