// Real git repositories in temp dirs for the sync tests: no mocks, the git binary does the work.

import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

export function tempDir(prefix = "berth-sync-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

let tick = 0;

/** Runs git with a fixed identity and a distinct date per call, so each commit is unique and sorted. */
export function git(cwd: string, ...args: string[]): string {
  tick += 1;
  const date = new Date(Date.UTC(2026, 0, 1, 12, 0, tick)).toISOString();
  return execFileSync("git", args, {
    cwd,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      LC_ALL: "C",
      GIT_AUTHOR_NAME: "Ada Lovelace",
      GIT_AUTHOR_EMAIL: "ada@example.org",
      GIT_COMMITTER_NAME: "Ada Lovelace",
      GIT_COMMITTER_EMAIL: "ada@example.org",
      GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_DATE: date,
    },
  }).trim();
}

/** A non-bare repository with branch `branch` and no commits. */
export function initRepo(dir: string, branch = "main"): string {
  mkdirSync(dir, { recursive: true });
  git(dir, "init", "-q", "-b", branch);
  return dir;
}

/** Writes (string) or deletes (null) files, commits them all and returns the new commit's SHA. */
export function commit(repo: string, files: Record<string, string | null>, message: string): string {
  for (const [path, content] of Object.entries(files)) {
    const full = join(repo, path);
    if (content === null) {
      rmSync(full, { force: true });
    } else {
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, content);
    }
  }
  git(repo, "add", "-A");
  git(repo, "commit", "-q", "--allow-empty", "-m", message);
  return git(repo, "rev-parse", "HEAD");
}

/** A bare clone of `work` at `bareDir`, with `work` pushing to it as "origin". */
export function bareRemote(work: string, bareDir: string): string {
  mkdirSync(dirname(bareDir), { recursive: true });
  git(dirname(bareDir), "init", "-q", "--bare", bareDir);
  git(work, "remote", "add", "origin", bareDir);
  git(work, "push", "-q", "origin", "--all");
  git(work, "push", "-q", "origin", "--tags");
  git(bareDir, "symbolic-ref", "HEAD", `refs/heads/${git(work, "symbolic-ref", "--short", "HEAD")}`);
  return bareDir;
}

export function configMap(name: string, value: string): string {
  return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  value: "${value}"\n`;
}
