import { existsSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { acquireLock, judgeLock, type LockEnv, type LockHolder } from "../../../src/state/lock.js";
import { BerthError, isBerthError } from "../../../src/util/errors.js";
import { T0, tempDir } from "../../support/state-fixtures.js";

function env(over: Partial<LockEnv> & { alive?: number[] } = {}): LockEnv {
  const alive = new Set(over.alive ?? []);
  return {
    pid: over.pid ?? 100,
    hostname: over.hostname ?? "h1",
    now: over.now ?? (() => T0),
    isProcessAlive: over.isProcessAlive ?? ((pid) => alive.has(pid)),
  };
}

function holderText(h: Partial<LockHolder> = {}): string {
  return JSON.stringify({ pid: 1234, hostname: "h1", startedAt: "2026-11-26T09:00:00Z", ...h });
}

function thrown(f: () => unknown): BerthError {
  try {
    f();
  } catch (e) {
    if (e instanceof BerthError) return e;
    throw e;
  }
  throw new Error("expected an error");
}

describe("state file lock", () => {
  let dir: string;
  let cleanup: () => void;
  let state: string;
  beforeEach(() => {
    ({ dir, cleanup } = tempDir());
    state = join(dir, "state.json");
  });
  afterEach(() => cleanup());

  it("creates <state>.lock naming pid, host and start time, and removes it on release", () => {
    const lock = acquireLock(state, env());
    expect(lock.path).toBe(`${state}.lock`);
    expect(JSON.parse(readFileSync(lock.path, "utf8"))).toMatchObject({
      pid: 100,
      hostname: "h1",
      startedAt: "2026-11-26T10:00:00Z",
    });
    expect(lock.tookOver).toBeUndefined();
    lock.release();
    expect(existsSync(lock.path)).toBe(false);
    lock.release();
  });

  it("refuses a lock held by a live process, naming the holder and what to do", () => {
    writeFileSync(`${state}.lock`, holderText());
    const err = thrown(() => acquireLock(state, env({ alive: [1234] })));
    expect(err.code).toBe("E_STATE_LOCKED");
    expect(err.message).toBe(
      `state file ${state} is locked by berth (pid 1234 on host h1, since 2026-11-26T09:00:00Z); ` +
        `stop that daemon, or remove ${state}.lock if it is gone`,
    );
    expect(readFileSync(`${state}.lock`, "utf8")).toBe(holderText());
  });

  it("takes over a stale lock whose pid is dead on this host, and says so", () => {
    writeFileSync(`${state}.lock`, holderText());
    const lock = acquireLock(state, env({ alive: [] }));
    expect(lock.tookOver).toEqual({
      holder: { pid: 1234, hostname: "h1", startedAt: "2026-11-26T09:00:00Z" },
      reason: "pid 1234 is not running on this host",
    });
    expect(JSON.parse(readFileSync(lock.path, "utf8"))).toMatchObject({ pid: 100 });
    lock.release();
  });

  it("refuses a lock from another host: its pid cannot be checked from here", () => {
    writeFileSync(`${state}.lock`, holderText({ hostname: "other" }));
    const err = thrown(() => acquireLock(state, env({ alive: [] })));
    expect(err.code).toBe("E_STATE_LOCKED");
    expect(err.message).toContain("pid 1234 on host other");
  });

  it("treats a lock with this process's pid that it does not hold as stale (a restarted container)", () => {
    writeFileSync(`${state}.lock`, holderText({ pid: 100 }));
    const lock = acquireLock(state, env({ alive: [100] }));
    expect(lock.tookOver?.reason).toBe("pid 100 is now this process");
    // Held now: a second open from the same process is refused.
    expect(thrown(() => acquireLock(state, env({ alive: [100] }))).code).toBe("E_STATE_LOCKED");
    lock.release();
  });

  it("refuses an unreadable lock younger than 10s and takes over an older one", () => {
    writeFileSync(`${state}.lock`, "");
    const now = Date.now();
    expect(thrown(() => acquireLock(state, env({ now: () => now }))).message).toContain(
      "a process that is taking the lock right now",
    );
    const old = new Date(now - 60_000);
    utimesSync(`${state}.lock`, old, old);
    const lock = acquireLock(state, env({ now: () => now }));
    expect(lock.tookOver).toEqual({ reason: "the lock file is unreadable and more than 10s old" });
    lock.release();
  });

  it("release leaves a lock that is no longer its own", () => {
    const lock = acquireLock(state, env());
    writeFileSync(lock.path, holderText({ pid: 555 }));
    lock.release();
    expect(readFileSync(lock.path, "utf8")).toBe(holderText({ pid: 555 }));
  });

  it("reports a lock file that cannot be created", () => {
    const err = thrown(() => acquireLock(join(dir, "missing-dir", "state.json"), env()));
    expect(isBerthError(err, "E_STATE_LOCK")).toBe(true);
  });
});

describe("judgeLock", () => {
  it("judges by host, pid liveness and our own holdings", () => {
    const e = env({ alive: [7] });
    expect(judgeLock(holderText({ pid: 7 }), T0, e, false).live).toBe(true);
    expect(judgeLock(holderText({ pid: 8 }), T0, e, false).live).toBe(false);
    expect(judgeLock(holderText({ pid: 8, hostname: "h2" }), T0, e, false).live).toBe(true);
    expect(judgeLock(holderText({ pid: 100 }), T0, e, true).live).toBe(true);
    expect(judgeLock(holderText({ pid: 100 }), T0, e, false).live).toBe(false);
    expect(judgeLock("{not json", T0 - 5_000, e, false).live).toBe(true);
    expect(judgeLock("{not json", T0 - 11_000, e, false).live).toBe(false);
  });
});
