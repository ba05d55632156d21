// Reads the manifest files of one directory of a repository at an exact revision, straight from the
// object database: a working tree can move underneath a reader (checkout, rebase, an editor saving),
// a commit cannot. One git process whatever the number of files: a `git cat-file --batch` (batch.ts)
// is asked for the commit, then the trees level by level, then all manifest blobs at once.

import { BerthError } from "../util/errors.js";
import { CatFileBatch } from "./batch.js";
import { GitCommandError } from "./git.js";
import { parseCommit, parseTree, type CommitInfo } from "./objects.js";

export interface TreeFile {
  /** Relative to the directory that was read, "/"-separated. */
  path: string;
  content: string;
}

const MANIFEST_EXTENSIONS = [".yaml", ".yml", ".json"];

/**
 * Every *.yaml, *.yml and *.json blob under `subdir` ("" or "." for the root) at `rev`, recursively,
 * in git's tree order, with paths relative to `subdir`. Files and directories whose name starts with
 * "." (.github/, .gitlab-ci.yml) are not manifests and are left out, as are symlinks and submodules.
 * A missing `subdir` is an error (E_GIT_PATH_NOT_FOUND), never an empty list: an empty list would
 * tell the caller to prune everything.
 */
export async function readTreeAtRevision(repoDir: string, rev: string, subdir: string): Promise<TreeFile[]> {
  checkRevision(rev);
  const dir = normalizeSubdir(subdir);
  const batch = new CatFileBatch(repoDir);
  try {
    const commit = await readCommit(batch, rev);
    if (commit === undefined) {
      throw new BerthError("E_GIT_REF_NOT_FOUND", `revision ${rev} is not in the repository at ${repoDir}`, {
        hint: "fetch it first, or check the SHA",
      });
    }
    return await readFilesAt(batch, commit, dir);
  } catch (e) {
    throw explainBatchFailure(e, repoDir);
  } finally {
    await batch.close();
  }
}

/** The commit `rev` names (annotated tags peeled), or undefined when the repository has none such. */
export async function readCommit(batch: CatFileBatch, rev: string): Promise<CommitInfo | undefined> {
  checkRevision(rev);
  const object = await batch.one(`${rev}^{commit}`);
  return object?.type === "commit" ? parseCommit(object.oid, object.content) : undefined;
}

/** The manifests under `dir` (normalized) in `commit`'s tree, read through `batch`. */
export async function readFilesAt(batch: CatFileBatch, commit: CommitInfo, dir: string): Promise<TreeFile[]> {
  const oidBytes = commit.sha.length / 2;
  const start = await findDirectory(batch, commit, dir, oidBytes);
  const listed = await listManifests(batch, start, oidBytes);
  const blobs = await batch.get(listed.map((f) => f.oid));
  return listed.map((f, i) => {
    const blob = blobs[i];
    if (blob?.type !== "blob") {
      throw new BerthError("E_GIT", `blob ${f.oid} of ${f.path} is missing at ${commit.sha.slice(0, 12)}`, {
        hint: "the repository is incomplete; fetch again",
      });
    }
    return { path: f.path, content: blob.content.toString("utf8") };
  });
}

/** "" for the root; "apps/web" for "./apps/web/", "/apps/web" and "apps//web". */
export function normalizeSubdir(subdir: string): string {
  const parts = subdir.split("/").filter((p) => p !== "" && p !== ".");
  if (parts.includes("..")) {
    throw new BerthError("E_GIT_SOURCE_INVALID", `path "${subdir}" leaves the repository`, {
      hint: 'paths are relative to the repository root and may not contain ".."',
    });
  }
  return parts.join("/");
}

function checkRevision(rev: string): void {
  if (rev === "" || rev.startsWith("-") || /[\s:]/.test(rev)) {
    throw new BerthError("E_GIT_REF_NOT_FOUND", `"${rev}" is not a revision`, {
      hint: "pass a commit SHA, branch or tag",
    });
  }
}

/** The tree id of `dir`, walked down from the commit's root tree one component at a time. */
async function findDirectory(batch: CatFileBatch, commit: CommitInfo, dir: string, oidBytes: number) {
  let tree = commit.tree;
  const at = commit.sha.slice(0, 12);
  for (const name of dir === "" ? [] : dir.split("/")) {
    const object = await batch.one(tree);
    if (object?.type !== "tree") throw incomplete(tree, at);
    const entry = parseTree(object.content, oidBytes).find((e) => e.name === name);
    if (entry === undefined) {
      throw new BerthError("E_GIT_PATH_NOT_FOUND", `path "${dir}" does not exist at ${at}`, {
        hint: "check the source path, or that the commit contains it",
      });
    }
    if (entry.kind !== "tree") {
      const what = entry.kind === "submodule" ? "a submodule" : "a file";
      throw new BerthError("E_GIT_PATH_NOT_FOUND", `path "${dir}" is ${what} at ${at}, not a directory`, {
        hint: "the source path must name a directory of manifests",
      });
    }
    tree = entry.oid;
  }
  return { tree, at };
}

type Item = { file: { path: string; oid: string } } | { dir: Directory };
interface Directory {
  prefix: string;
  oid: string;
  items: Item[];
}

/**
 * The manifest blobs under a tree, in `git ls-tree -r` order. One round trip to git per level of
 * depth: every directory of a level is asked for at once. Dot directories are not entered at all.
 */
async function listManifests(
  batch: CatFileBatch,
  start: { tree: string; at: string },
  oidBytes: number,
): Promise<{ path: string; oid: string }[]> {
  const root: Directory = { prefix: "", oid: start.tree, items: [] };
  let level = [root];
  while (level.length > 0) {
    const objects = await batch.get(level.map((d) => d.oid));
    const next: Directory[] = [];
    level.forEach((dir, i) => {
      const object = objects[i];
      if (object?.type !== "tree") throw incomplete(dir.oid, start.at);
      for (const e of parseTree(object.content, oidBytes)) {
        if (e.name.startsWith(".")) continue;
        const path = dir.prefix + e.name;
        if (e.kind === "tree") {
          const sub: Directory = { prefix: `${path}/`, oid: e.oid, items: [] };
          dir.items.push({ dir: sub });
          next.push(sub);
        } else if (e.kind === "file" && MANIFEST_EXTENSIONS.some((ext) => e.name.endsWith(ext))) {
          // Symlinks and submodules hold a link target or a commit id, not manifest text.
          dir.items.push({ file: { path, oid: e.oid } });
        }
      }
    });
    level = next;
  }
  const files: { path: string; oid: string }[] = [];
  const flatten = (dir: Directory): void => {
    for (const item of dir.items) {
      if ("file" in item) files.push(item.file);
      else flatten(item.dir);
    }
  };
  flatten(root);
  return files;
}

function incomplete(oid: string, at: string): BerthError {
  return new BerthError("E_GIT", `tree ${oid} of ${at} is missing`, {
    hint: "the repository is incomplete; fetch again",
  });
}

/** A git that could not run or answer, as a BerthError naming the repository. */
export function explainBatchFailure(e: unknown, repoDir: string): unknown {
  if (!(e instanceof GitCommandError) || e.reason !== "failed") return e;
  if (/not a git repository/i.test(e.stderr)) {
    return new BerthError("E_GIT", `${repoDir} is not a git repository`);
  }
  return new BerthError("E_GIT", `git cat-file failed in ${repoDir}: ${e.stderr.split("\n").pop() ?? ""}`);
}
