// One daemon per state file: `<state>.lock`, created with O_EXCL, names its holder (pid, host, start
// time). A lock whose holder is a dead process on this host is stale (the daemon was killed) and is
// taken over; a live holder, or one on another host (a shared directory), makes opening fail.

import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from "node:fs";
import { hostname as osHostname } from "node:os";
import { resolve } from "node:path";
import { BerthError } from "../util/errors.js";
import { isoTime } from "../util/clock.js";
import { BERTH_VERSION } from "../version.js";

export interface LockHolder {
  pid: number;
  hostname: string;
  /** When the holder took the lock; RFC 3339. */
  startedAt: string;
  berthVersion?: string;
}

/** What the lock needs from the machine; tests inject their own. */
export interface LockEnv {
  pid: number;
  hostname: string;
  now(): number;
  isProcessAlive(pid: number): boolean;
}

export const systemLockEnv: LockEnv = {
  pid: process.pid,
  hostname: osHostname(),
  now: () => Date.now(),
  isProcessAlive(pid) {
    try {
      process.kill(pid, 0);
      return true;
    } catch (e) {
      // EPERM: it exists but belongs to someone else.
      return (e as NodeJS.ErrnoException).code === "EPERM";
    }
  },
};

/** An unreadable lock younger than this may be one being written right now. */
const UNREADABLE_GRACE_MS = 10_000;

export interface StaleLock {
  /** The dead holder, when the lock file could be read. */
  holder?: LockHolder;
  reason: string;
}

export interface HeldLock {
  path: string;
  holder: LockHolder;
  /** Set when a stale lock was taken over: whose and why (callers log it). */
  tookOver?: StaleLock;
  /** Removes the lock if it is still ours. Idempotent. */
  release(): void;
}

/** Locks this process holds (absolute path → content), released on exit. */
const held = new Map<string, string>();
let exitHookInstalled = false;

function releaseIfOurs(path: string, content: string): void {
  try {
    if (readFileSync(path, "utf8") === content) unlinkSync(path);
  } catch {
    // Gone already, or unreadable: not ours to remove.
  }
  held.delete(path);
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on("exit", () => {
    for (const [path, content] of [...held]) releaseIfOurs(path, content);
  });
}

function parseHolder(text: string): LockHolder | undefined {
  try {
    const v = JSON.parse(text) as Partial<LockHolder> | null;
    if (v && typeof v.pid === "number" && typeof v.hostname === "string" && typeof v.startedAt === "string") {
      return v as LockHolder;
    }
  } catch {
    // fall through
  }
  return undefined;
}

export function describeHolder(h: LockHolder): string {
  return `berth (pid ${h.pid} on host ${h.hostname}, since ${h.startedAt})`;
}

type Verdict = { live: true; message: string } | { live: false; stale: StaleLock };

/** Pure: is the lock described by `text` (modified at `mtimeMs`) held by a live process? */
export function judgeLock(text: string, mtimeMs: number, env: LockEnv, ourHeld: boolean): Verdict {
  const h = parseHolder(text);
  if (!h) {
    if (env.now() - mtimeMs < UNREADABLE_GRACE_MS) {
      return { live: true, message: "a process that is taking the lock right now" };
    }
    return { live: false, stale: { reason: "the lock file is unreadable and more than 10s old" } };
  }
  if (h.hostname !== env.hostname) return { live: true, message: describeHolder(h) };
  if (h.pid === env.pid) {
    // Our own pid: either this process holds it, or a previous process that had our pid (a
    // restarted container: pid 1 again) died holding it.
    if (ourHeld) return { live: true, message: `${describeHolder(h)}, this very process` };
    return { live: false, stale: { holder: h, reason: `pid ${h.pid} is now this process` } };
  }
  if (env.isProcessAlive(h.pid)) return { live: true, message: describeHolder(h) };
  return { live: false, stale: { holder: h, reason: `pid ${h.pid} is not running on this host` } };
}

function readLock(path: string): { text: string; mtimeMs: number } | undefined {
  try {
    const mtimeMs = statSync(path).mtimeMs;
    return { text: readFileSync(path, "utf8"), mtimeMs };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
}

/** Takes `<statePath>.lock` or throws E_STATE_LOCKED naming the holder. */
export function acquireLock(statePath: string, env: LockEnv = systemLockEnv): HeldLock {
  const path = resolve(`${statePath}.lock`);
  const holder: LockHolder = {
    pid: env.pid,
    hostname: env.hostname,
    startedAt: isoTime(env.now()),
    berthVersion: BERTH_VERSION,
  };
  const content = `${JSON.stringify(holder)}\n`;
  let tookOver: StaleLock | undefined;
  // A few rounds: another process may take or drop the lock between our looks.
  for (let attempt = 0; attempt < 5; attempt++) {
    let fd: number;
    try {
      fd = openSync(path, "wx", 0o644);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") {
        throw new BerthError("E_STATE_LOCK", `cannot create lock file ${path}: ${(e as Error).message}`, {
          origin: { file: path },
          cause: e,
        });
      }
      const found = readLock(path);
      if (!found) continue;
      const verdict = judgeLock(found.text, found.mtimeMs, env, held.has(path));
      if (verdict.live) {
        throw new BerthError(
          "E_STATE_LOCKED",
          `state file ${resolve(statePath)} is locked by ${verdict.message}; stop that daemon, or remove ${path} if it is gone`,
          { origin: { file: path } },
        );
      }
      // Remove only the stale lock we judged, not one a competitor wrote meanwhile.
      if (readLock(path)?.text === found.text) {
        unlinkSync(path);
        tookOver = verdict.stale;
      }
      continue;
    }
    try {
      writeSync(fd, content);
    } finally {
      closeSync(fd);
    }
    held.set(path, content);
    installExitHook();
    const lock: HeldLock = { path, holder, release: () => releaseIfOurs(path, content) };
    if (tookOver) lock.tookOver = tookOver;
    return lock;
  }
  throw new BerthError("E_STATE_LOCKED", `could not take ${path}: other processes keep taking it`, {
    origin: { file: path },
  });
}
