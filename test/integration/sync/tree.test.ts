import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { readTreeAtRevision } from "../../../src/sync/tree.js";
import { commit, configMap, git, initRepo, removeDir, tempDir } from "./fixtures.js";

describe("readTreeAtRevision", () => {
  let root: string;
  let repo: string;
  let first: string;
  let second: string;

  beforeAll(() => {
    root = tempDir();
    repo = initRepo(join(root, "work"));
    first = commit(
      repo,
      {
        "apps/web/deploy.yaml": configMap("web", "1"),
        "apps/web/svc.yml": configMap("svc", "1"),
        "apps/web/extra.json": '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"j"}}',
        "apps/web/nested/deeper/cm.yaml": configMap("deep", "1"),
        "apps/web/README.md": "# not a manifest\n",
        "apps/web/.hidden.yaml": configMap("hidden", "1"),
        "apps/web/.config/x.yaml": configMap("hidden2", "1"),
        "apps/db/db.yaml": configMap("db", "1"),
        ".github/workflows/ci.yml": "on: push\n",
        "root.yaml": configMap("root", "1"),
        "docs.yaml.txt": "no",
      },
      "first",
    );
    second = commit(
      repo,
      { "apps/web/deploy.yaml": configMap("web", "2"), "apps/web/svc.yml": null },
      "second",
    );
  });

  afterAll(() => removeDir(root));

  it("lists manifests under a subdirectory recursively, relative to it, in tree order", async () => {
    const files = await readTreeAtRevision(repo, first, "apps/web");
    expect(files.map((f) => f.path)).toEqual([
      "deploy.yaml",
      "extra.json",
      "nested/deeper/cm.yaml",
      "svc.yml",
    ]);
    expect(files[0]?.content).toBe(configMap("web", "1"));
  });

  it("reads the exact revision asked for, not the working tree", async () => {
    // An uncommitted edit in the working tree must not leak into what is read.
    writeFileSync(join(repo, "apps/web/deploy.yaml"), configMap("web", "uncommitted"));
    const old = await readTreeAtRevision(repo, first, "apps/web");
    const now = await readTreeAtRevision(repo, second, "./apps/web/");
    expect(old.find((f) => f.path === "deploy.yaml")?.content).toContain('"1"');
    expect(now.find((f) => f.path === "deploy.yaml")?.content).toContain('"2"');
    expect(now.map((f) => f.path)).not.toContain("svc.yml");
    git(repo, "checkout", "--", "apps/web/deploy.yaml");
  });

  it("reads the whole repository for the root, leaving out dot paths and other files", async () => {
    for (const root of ["", ".", "/"]) {
      const files = await readTreeAtRevision(repo, first, root);
      expect(files.map((f) => f.path)).toEqual([
        "apps/db/db.yaml",
        "apps/web/deploy.yaml",
        "apps/web/extra.json",
        "apps/web/nested/deeper/cm.yaml",
        "apps/web/svc.yml",
        "root.yaml",
      ]);
    }
  });

  it("accepts branch names and tags as revisions", async () => {
    git(repo, "tag", "-a", "v1", "-m", "v1", first);
    const files = await readTreeAtRevision(repo, "v1", "apps/db");
    expect(files).toEqual([{ path: "db.yaml", content: configMap("db", "1") }]);
    expect(await readTreeAtRevision(repo, "main", "apps/db")).toHaveLength(1);
  });

  it("returns an empty list for a directory without manifests", async () => {
    commit(repo, { "empty/notes.txt": "x" }, "notes");
    expect(await readTreeAtRevision(repo, "HEAD", "empty")).toEqual([]);
  });

  it("fails with E_GIT_PATH_NOT_FOUND for a missing path or a file", async () => {
    await expect(readTreeAtRevision(repo, first, "apps/nope")).rejects.toMatchObject({
      code: "E_GIT_PATH_NOT_FOUND",
    });
    await expect(readTreeAtRevision(repo, first, "root.yaml")).rejects.toMatchObject({
      code: "E_GIT_PATH_NOT_FOUND",
      message: expect.stringContaining("is a file") as unknown,
    });
  });

  it("fails with E_GIT_REF_NOT_FOUND for an unknown revision, and rejects option-like revisions", async () => {
    await expect(readTreeAtRevision(repo, "f".repeat(40), "apps")).rejects.toMatchObject({
      code: "E_GIT_REF_NOT_FOUND",
    });
    await expect(readTreeAtRevision(repo, "--output=/tmp/x", "apps")).rejects.toMatchObject({
      code: "E_GIT_REF_NOT_FOUND",
    });
  });

  it("rejects paths that leave the repository and repositories that do not exist", async () => {
    await expect(readTreeAtRevision(repo, first, "apps/../../etc")).rejects.toMatchObject({
      code: "E_GIT_SOURCE_INVALID",
    });
    await expect(readTreeAtRevision(join(root, "missing"), first, "")).rejects.toMatchObject({
      code: "E_GIT",
    });
  });
});
