// The local clones. One bare repository per repository URL, named by a hash of the URL without
// credentials, shared by every source that reads that repository. It holds no remote configuration
// (each fetch names the URL), so no credential is ever written into it.

import { existsSync } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import { GitCommandError, type GitRunner } from "./git.js";

/** $BERTH_CACHE_DIR, else $XDG_CACHE_HOME/berth/git, else ~/.cache/berth/git. */
export function defaultCacheRoot(): string {
  const explicit = process.env.BERTH_CACHE_DIR;
  if (explicit) return explicit;
  return join(process.env.XDG_CACHE_HOME || join(homedir(), ".cache"), "berth", "git");
}

export function isBareRepo(dir: string): boolean {
  return existsSync(join(dir, "HEAD")) && existsSync(join(dir, "objects")) && existsSync(join(dir, "refs"));
}

/**
 * Creates the bare repository at `dir` if it is missing or unusable. It is built beside `dir` and
 * renamed into place, so a crash half-way never leaves a repository that looks usable but is not.
 */
export async function ensureBareRepo(dir: string, git: GitRunner): Promise<void> {
  if (isBareRepo(dir)) return;
  const parent = join(dir, "..");
  await mkdir(parent, { recursive: true });
  await rm(dir, { recursive: true, force: true });
  const building = `${dir}.init-${randomUUID().slice(0, 8)}`;
  try {
    await git.run(["init", "--bare", "--quiet", building], { cwd: parent });
    // gc in the foreground: a detached gc would still be writing while the next fetch starts.
    await git.run(["config", "gc.autoDetach", "false"], { cwd: building, bare: true });
    await rename(building, dir).catch((e: unknown) => {
      // Another process finished first: its repository serves as well as ours would have.
      if (!isBareRepo(dir)) throw e;
    });
  } finally {
    await rm(building, { recursive: true, force: true });
  }
}

/** Removes the clone so the next fetch starts over (used when it is damaged). */
export async function removeBareRepo(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

/**
 * After a failed fetch: a lock left by a killed git, or a clone that is no longer a repository, is
 * cleared so one retry can succeed. Returns whether a retry is worthwhile.
 */
export async function repairClone(dir: string, e: unknown): Promise<boolean> {
  if (!(e instanceof GitCommandError) || e.reason !== "failed") return false;
  const lock = /Unable to create '([^']+\.lock)': File exists/.exec(e.stderr)?.[1];
  if (lock?.startsWith(dir)) {
    await rm(lock, { force: true });
    return true;
  }
  if (!isBareRepo(dir) || /not a git repository|corrupt|bad object|loose object/i.test(e.stderr)) {
    await removeBareRepo(dir);
    return true;
  }
  return false;
}

const tails = new Map<string, Promise<unknown>>();

/**
 * Runs `fn` when no other holder of `key` runs: sources that share a clone would otherwise race for
 * its ref locks. In-process only: one berth process owns a cache root.
 */
export async function withLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const previous = tails.get(key) ?? Promise.resolve();
  const run = previous.then(fn, fn);
  const tail = run.catch(() => undefined);
  tails.set(key, tail);
  try {
    return await run;
  } finally {
    if (tails.get(key) === tail) tails.delete(key);
  }
}
