import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";
import { GitSource, type GitSourceOptions, type GitSourceSpec } from "../../../src/sync/source.js";
import { bareRemote, commit, configMap, git, initRepo, removeDir, tempDir } from "./fixtures.js";

describe("GitSource against local and file:// repositories", () => {
  let root: string;
  let work: string;
  let remote: string;
  let remoteUrl: string;
  let first: string;
  let second: string;
  let featureTip: string;
  let middle: string;
  const commands: string[][] = [];

  const source = (spec: Partial<GitSourceSpec> = {}, opts: GitSourceOptions = {}): GitSource =>
    new GitSource(
      { repo: remoteUrl, ...spec },
      { cacheRoot: join(root, "cache"), onGitCommand: (args) => commands.push([...args]), ...opts },
    );

  const sync = async (s: GitSource): Promise<string> => {
    await s.resolve();
    const sha = await s.fetch();
    return sha;
  };

  beforeAll(() => {
    root = tempDir();
    work = initRepo(join(root, "work"), "trunk");
    first = commit(
      work,
      { "apps/web/cm.yaml": configMap("web", "1"), "apps/db/cm.yaml": configMap("db", "1") },
      "first",
    );
    git(work, "tag", "v1-light");
    git(work, "tag", "-a", "v1", "-m", "release 1");
    second = commit(work, { "apps/web/cm.yaml": configMap("web", "2") }, "second: web 2");
    git(work, "checkout", "-q", "-b", "feature");
    middle = commit(work, { "apps/web/middle.yaml": configMap("middle", "1") }, "middle of feature");
    featureTip = commit(work, { "apps/web/feature.yaml": configMap("feature", "1") }, "feature work");
    git(work, "checkout", "-q", "trunk");
    remote = bareRemote(work, join(root, "remote.git"));
    remoteUrl = pathToFileURL(remote).href;
  });

  afterAll(() => removeDir(root));

  it("follows the remote's default branch when no ref is given", async () => {
    const s = source({ path: "apps/web" });
    expect(await s.resolve()).toBe(second);
    expect(await s.fetch()).toBe(second);
    const rev = await s.readRevision(second);
    expect(rev).toEqual({
      sha: second,
      author: "Ada Lovelace <ada@example.org>",
      date: expect.stringMatching(/^2026-01-01T12:00:\d\dZ$/) as unknown,
      subject: "second: web 2",
      files: [{ path: "cm.yaml", content: configMap("web", "2") }],
    });
  });

  it("reads branches, lightweight and annotated tags, and full ref names", async () => {
    expect(await sync(source({ ref: "feature" }))).toBe(featureTip);
    expect(await sync(source({ ref: "refs/heads/feature" }))).toBe(featureTip);
    expect(await sync(source({ ref: "v1-light" }))).toBe(first);
    const annotated = source({ ref: "v1", path: "apps/web" });
    expect(await annotated.resolve()).toBe(first);
    expect(await annotated.fetch()).toBe(first);
    expect((await annotated.readRevision(first)).files[0]?.content).toBe(configMap("web", "1"));
    expect(await sync(source({ ref: "refs/tags/v1" }))).toBe(first);
  });

  it("pins a commit SHA: resolve needs no git at all, and a second fetch no network", async () => {
    const s = source({ ref: first.toUpperCase(), path: "apps/db" }, { cacheRoot: join(root, "cache-sha") });
    commands.length = 0;
    expect(await s.resolve()).toBe(first);
    expect(commands).toEqual([]);
    expect(await s.fetch()).toBe(first);
    expect(commands.some((c) => c[0] === "fetch")).toBe(true);
    commands.length = 0;
    expect(await s.fetch()).toBe(first);
    expect(commands.filter((c) => c[0] === "fetch" || c[0] === "ls-remote")).toEqual([]);
    expect((await s.readRevision(first)).files.map((f) => f.path)).toEqual(["cm.yaml"]);
  });

  it("fetches a commit that is no branch tip", async () => {
    const s = source({ ref: middle }, { cacheRoot: join(root, "cache-pinned") });
    expect(await s.fetch()).toBe(middle);
    expect((await s.readRevision(middle)).subject).toBe("middle of feature");
  });

  it("falls back to fetching all branches from servers that serve only advertised tips", async () => {
    // Protocol v0 servers refuse a want for a commit that is no tip; git speaks v0 when told to.
    const home = join(root, "home-v0");
    mkdirSync(home);
    writeFileSync(join(home, ".gitconfig"), "[protocol]\n\tversion = 0\n");
    const savedHome = process.env.HOME;
    process.env.HOME = home;
    try {
      const s = source({ ref: middle }, { cacheRoot: join(root, "cache-v0") });
      expect(await s.fetch()).toBe(middle);
      const fetches = commands.filter((c) => c[0] === "fetch");
      expect(fetches.at(-2)).toContain(`+${middle}:refs/berth/commits/${middle}`);
      expect(fetches.at(-1)).toContain("+refs/heads/*:refs/berth/all/heads/*");
      expect((await s.readRevision(middle)).subject).toBe("middle of feature");
      // The commit is pinned by a ref of its own, so gc never drops it.
      expect(git(s.cacheDir, "rev-parse", `refs/berth/commits/${middle}`)).toBe(middle);
    } finally {
      if (savedHome === undefined) delete process.env.HOME;
      else process.env.HOME = savedHome;
    }
  });

  it("follows a force-push to history that does not descend from the old commit", async () => {
    const s = source({ ref: "feature", path: "apps/web" });
    expect(await sync(s)).toBe(featureTip);
    git(work, "checkout", "-q", "feature");
    git(work, "reset", "-q", "--hard", first);
    const rewritten = commit(work, { "apps/web/rewritten.yaml": configMap("rewritten", "1") }, "rewritten");
    git(work, "push", "-q", "--force", "origin", "feature");
    git(work, "checkout", "-q", "trunk");
    expect(await s.resolve()).toBe(rewritten);
    expect(await s.fetch()).toBe(rewritten);
    const rev = await s.readRevision(rewritten);
    expect(rev.files.map((f) => f.path)).toEqual(["cm.yaml", "rewritten.yaml"]);
    // The old commit is still readable by SHA: reads never depend on where a ref points.
    expect((await s.readRevision(featureTip)).files.map((f) => f.path)).toContain("feature.yaml");
  });

  it("reads a local working repository by path, not its working tree", async () => {
    const s = new GitSource(
      { repo: work, ref: "trunk", path: "apps/web" },
      { cacheRoot: join(root, "cache") },
    );
    expect(s.kind).toBe("local");
    expect(s.localPath).toBe(work);
    const sha = await sync(s);
    expect(sha).toBe(git(work, "rev-parse", "trunk"));
    expect((await s.readRevision(sha)).files).toEqual([{ path: "cm.yaml", content: configMap("web", "2") }]);
  });

  it("shares one clone per repository, named without credentials", async () => {
    const a = source({ ref: "trunk" });
    const b = source({ ref: "feature" });
    expect(a.cacheDir).toBe(b.cacheDir);
    expect(basename(a.cacheDir)).toMatch(/^remote-[0-9a-f]{16}$/);
    // Two sources of one clone fetching at once do not trip over each other's ref locks.
    const [x, y] = await Promise.all([sync(a), sync(b)]);
    expect(x).toBe(second);
    expect(y).toBe(git(remote, "rev-parse", "feature"));
    expect(readdirSync(join(root, "cache")).filter((d) => d.includes(".init-"))).toEqual([]);
  });

  it("starts over from a damaged clone", async () => {
    const s = source({ ref: "trunk" }, { cacheRoot: join(root, "cache-damaged") });
    await sync(s);
    removeDir(join(s.cacheDir, "objects"));
    expect(existsSync(join(s.cacheDir, "objects"))).toBe(false);
    expect(await s.fetch()).toBe(second);
    expect((await s.readRevision(second)).subject).toBe("second: web 2");
    // A lock left behind by a git that was killed mid-fetch.
    const lock = join(s.cacheDir, "refs/berth/fetched/refs%2Fheads%2Ftrunk.lock");
    writeFileSync(lock, "");
    const moved = commit(work, {}, "after the crash");
    git(work, "push", "-q", "origin", "trunk");
    expect(await s.resolve()).toBe(moved);
    expect(await s.fetch()).toBe(moved);
    expect(existsSync(lock)).toBe(false);
  });

  it("reports a missing ref, an abbreviated SHA, a missing repository, an empty one, and a missing path", async () => {
    await expect(source({ ref: "nope" }).resolve()).rejects.toMatchObject({ code: "E_GIT_REF_NOT_FOUND" });
    await expect(source({ ref: first.slice(0, 8) }).resolve()).rejects.toMatchObject({
      code: "E_GIT_REF_NOT_FOUND",
      hint: expect.stringContaining("full 40-character SHA") as unknown,
    });
    await expect(source({ repo: join(root, "does-not-exist") }).resolve()).rejects.toMatchObject({
      code: "E_GIT_REPO_NOT_FOUND",
    });
    git(root, "init", "-q", "--bare", "empty.git");
    await expect(source({ repo: join(root, "empty.git") }).resolve()).rejects.toMatchObject({
      code: "E_GIT_REF_NOT_FOUND",
      message: expect.stringContaining("has no commits") as unknown,
    });
    const missingPath = source({ path: "apps/nope" });
    await expect(missingPath.readRevision(await sync(missingPath))).rejects.toMatchObject({
      code: "E_GIT_PATH_NOT_FOUND",
    });
    await expect(source().readRevision("0".repeat(40))).rejects.toMatchObject({
      code: "E_GIT_REF_NOT_FOUND",
    });
  });

  it("names the source in errors", async () => {
    const s = source({ ref: "nope" }, { name: "web" });
    await expect(s.resolve()).rejects.toMatchObject({ origin: { object: "source web" } });
  });
});
