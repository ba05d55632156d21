// Reads the manifest files of one directory of a repository at an exact revision, straight from the
// object database: a working tree can move underneath a reader (checkout, rebase, an editor saving),
// a commit cannot. Two git processes whatever the number of files: `ls-tree -r -z` lists the tree,
// one `cat-file --batch` streams every blob.

import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { BerthError } from "../util/errors.js";
import { gitEnv } from "./git-env.js";

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
  if (rev === "" || rev.startsWith("-") || /[\s:]/.test(rev)) {
    throw new BerthError("E_GIT_REF_NOT_FOUND", `"${rev}" is not a revision`, {
      hint: "pass a commit SHA, branch or tag",
    });
  }
  const dir = normalizeSubdir(subdir);
  const treeish = dir === "" ? `${rev}^{tree}` : `${rev}:${dir}`;
  const listed = await runGit(repoDir, ["ls-tree", "-r", "-z", treeish]);
  if (listed.code !== 0) throw await explainListFailure(repoDir, rev, dir, listed.stderr);

  const entries = parseLsTree(listed.stdout.toString("utf8")).filter((e) => isManifestEntry(e));
  if (entries.length === 0) return [];
  const batch = await runGit(repoDir, ["cat-file", "--batch"], entries.map((e) => `${e.oid}\n`).join(""));
  if (batch.code !== 0) {
    throw new BerthError("E_GIT", `git cat-file failed in ${repoDir}: ${lastLine(batch.stderr)}`);
  }
  const blobs = parseBatch(batch.stdout);
  return entries.map((e) => {
    const content = blobs.get(e.oid);
    if (content === undefined) {
      throw new BerthError("E_GIT", `blob ${e.oid} of ${e.path} is missing from ${repoDir}`, {
        hint: "the repository is incomplete; fetch again",
      });
    }
    return { path: e.path, content };
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

interface TreeEntry {
  mode: string;
  type: string;
  oid: string;
  path: string;
}

function parseLsTree(out: string): TreeEntry[] {
  const entries: TreeEntry[] = [];
  for (const record of out.split("\0")) {
    if (record === "") continue;
    const tab = record.indexOf("\t");
    const [mode = "", type = "", oid = ""] = record.slice(0, tab).split(" ");
    entries.push({ mode, type, oid, path: record.slice(tab + 1) });
  }
  return entries;
}

function isManifestEntry(e: TreeEntry): boolean {
  // 100644 and 100755 are files; 120000 symlinks and 160000 submodules hold no manifest text.
  if (e.type !== "blob" || (e.mode !== "100644" && e.mode !== "100755")) return false;
  if (e.path.split("/").some((segment) => segment.startsWith("."))) return false;
  return MANIFEST_EXTENSIONS.some((ext) => e.path.endsWith(ext));
}

/** `cat-file --batch` output: "<oid> <type> <size>\n<content>\n" per object. */
function parseBatch(out: Buffer): Map<string, string> {
  const blobs = new Map<string, string>();
  let at = 0;
  while (at < out.length) {
    const eol = out.indexOf(0x0a, at);
    if (eol < 0) break;
    const [oid = "", type = "", size = ""] = out.toString("utf8", at, eol).split(" ");
    at = eol + 1;
    if (type === "missing") continue;
    const end = at + Number(size);
    blobs.set(oid, out.toString("utf8", at, end));
    at = end + 1;
  }
  return blobs;
}

async function explainListFailure(
  repoDir: string,
  rev: string,
  dir: string,
  stderr: string,
): Promise<BerthError> {
  const commit = await runGit(repoDir, ["rev-parse", "--verify", "--quiet", `${rev}^{commit}`]);
  if (commit.code !== 0) {
    if (/not a git repository/i.test(stderr)) {
      return new BerthError("E_GIT", `${repoDir} is not a git repository`);
    }
    return new BerthError("E_GIT_REF_NOT_FOUND", `revision ${rev} is not in the repository at ${repoDir}`, {
      hint: "fetch it first, or check the SHA",
    });
  }
  if (/not a tree object/i.test(stderr)) {
    return new BerthError(
      "E_GIT_PATH_NOT_FOUND",
      `path "${dir}" is a file at ${rev.slice(0, 12)}, not a directory`,
      {
        hint: "the source path must name a directory of manifests",
      },
    );
  }
  return new BerthError("E_GIT_PATH_NOT_FOUND", `path "${dir}" does not exist at ${rev.slice(0, 12)}`, {
    hint: "check the source path, or that the commit contains it",
  });
}

interface GitResult {
  code: number;
  stdout: Buffer;
  stderr: string;
}

function runGit(cwd: string, args: string[], input?: string): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const child = spawn("git", args, { cwd, env: gitEnv(), stdio: ["pipe", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (b: Buffer) => out.push(b));
    child.stderr.on("data", (b: Buffer) => err.push(b));
    child.on("error", (e) => {
      // spawn reports a missing working directory as ENOENT too, which reads like "git is missing".
      const what = existsSync(cwd) ? `cannot run git: ${e.message}` : `${cwd} does not exist`;
      reject(new BerthError("E_GIT", what, { hint: "is git installed, and is the path a repository?" }));
    });
    child.on("close", (code) =>
      resolve({ code: code ?? 1, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString("utf8") }),
    );
    // A closed pipe (git exited early) is reported through the exit code, not as a stray exception.
    child.stdin.on("error", () => undefined);
    child.stdin.end(input ?? "");
  });
}

function lastLine(text: string): string {
  return text.trim().split("\n").pop() ?? "";
}
