// The git sequence berth ran per new revision before issue #7's rework, frozen here so
// bench/git-revision.ts can time it side by side with the current code in one run: `ls-remote`,
// `cat-file -t` (has), `fetch`, `rev-parse` of the fetched ref, `cat-file -t` again (readRevision's
// has), `log -1`, `ls-tree -r -z`, `cat-file --batch` — eight git processes one after another, the
// first six through simple-git as src/sync/git.ts runs them.

import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { ensureBareRepo } from "../../src/sync/cache.js";
import { GitRunner } from "../../src/sync/git.js";
import { gitEnv } from "../../src/sync/git-env.js";

export interface LegacyRevision {
  sha: string;
  author: string;
  date: string;
  subject: string;
  files: { path: string; content: string }[];
}

/** Follows branch `branch` of `url` into a bare clone under `cacheRoot`, the old way. */
export class LegacyGitSource {
  private readonly git = new GitRunner({ timeoutMs: 60_000 });
  private readonly cacheDir: string;
  private last: string | undefined;

  constructor(
    private readonly url: string,
    private readonly branch: string,
    private readonly subdir: string,
    private readonly cacheRoot: string,
  ) {
    this.cacheDir = join(cacheRoot, "legacy.git");
  }

  /** One watcher pass: undefined when the branch did not move. */
  async pass(): Promise<LegacyRevision | undefined> {
    mkdirSync(this.cacheRoot, { recursive: true });
    const refName = `refs/heads/${this.branch}`;
    const listed = await this.git.run(["ls-remote", this.url, refName], {
      cwd: this.cacheRoot,
      network: true,
    });
    let sha = listed.split("\t")[0]?.trim() ?? "";
    if (sha === this.last) return undefined;
    if (!(await this.has(sha))) {
      await ensureBareRepo(this.cacheDir, this.git);
      const localRef = `refs/berth/fetched/${refName.replace(/\//g, "%2F")}`;
      const fetchArgs = ["fetch", "--verbose", "--no-tags", this.url, `+${refName}:${localRef}`];
      await this.git.run(fetchArgs, { cwd: this.cacheDir, network: true });
      const parsed = await this.git.run(["rev-parse", "--verify", "--quiet", `${localRef}^{commit}`], {
        cwd: this.cacheDir,
      });
      sha = parsed.trim();
    }
    if (!(await this.has(sha))) throw new Error(`commit ${sha} is not in the clone`);
    const format = "--format=%H%x00%an%x00%ae%x00%aI%x00%s";
    const log = await this.git.run(["log", "-1", format, sha, "--"], { cwd: this.cacheDir });
    const [full = "", name = "", email = "", date = "", subject = ""] = log.replace(/\n$/, "").split("\0");
    const files = await readTree(this.cacheDir, full, this.subdir);
    this.last = full;
    return { sha: full, author: `${name} <${email}>`, date, subject, files };
  }

  private async has(sha: string): Promise<boolean> {
    try {
      const type = await this.git.run(["cat-file", "-t", `${sha}^{commit}`], { cwd: this.cacheDir });
      return type.trim() === "commit";
    } catch {
      return false;
    }
  }
}

/** The old readTreeAtRevision: `ls-tree -r -z`, then one `cat-file --batch` for the manifests. */
async function readTree(
  repoDir: string,
  rev: string,
  dir: string,
): Promise<{ path: string; content: string }[]> {
  const listed = await runGit(repoDir, [
    "ls-tree",
    "-r",
    "-z",
    dir === "" ? `${rev}^{tree}` : `${rev}:${dir}`,
  ]);
  const entries = listed
    .toString("utf8")
    .split("\0")
    .filter((r) => r !== "")
    .map((r) => {
      const tab = r.indexOf("\t");
      const [mode = "", type = "", oid = ""] = r.slice(0, tab).split(" ");
      return { mode, type, oid, path: r.slice(tab + 1) };
    })
    .filter(
      (e) =>
        e.type === "blob" &&
        (e.mode === "100644" || e.mode === "100755") &&
        !e.path.split("/").some((s) => s.startsWith(".")) &&
        /\.(ya?ml|json)$/.test(e.path),
    );
  const out = await runGit(repoDir, ["cat-file", "--batch"], entries.map((e) => `${e.oid}\n`).join(""));
  const blobs = new Map<string, string>();
  let at = 0;
  while (at < out.length) {
    const eol = out.indexOf(0x0a, at);
    const [oid = "", , size = ""] = out.toString("utf8", at, eol).split(" ");
    at = eol + 1;
    blobs.set(oid, out.toString("utf8", at, at + Number(size)));
    at += Number(size) + 1;
  }
  return entries.map((e) => ({ path: e.path, content: blobs.get(e.oid) ?? "" }));
}

function runGit(cwd: string, args: string[], input = ""): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn("git", args, { cwd, env: gitEnv(), stdio: ["pipe", "pipe", "pipe"] });
    const out: Buffer[] = [];
    let err = "";
    child.stdout.on("data", (b: Buffer) => out.push(b));
    child.stderr.on("data", (b: Buffer) => (err += b.toString()));
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0
        ? resolve(Buffer.concat(out))
        : reject(new Error(`git ${args.join(" ")} exited ${code}: ${err}`)),
    );
    child.stdin.on("error", () => undefined);
    child.stdin.end(input);
  });
}
