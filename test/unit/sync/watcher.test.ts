import { describe, expect, it } from "vitest";
import { FakeClock } from "../../../src/util/clock.js";
import { BerthError } from "../../../src/util/errors.js";
import type { Revision, SignalOption } from "../../../src/sync/source.js";
import { SourceWatcher, type WatchedSource } from "../../../src/sync/watcher.js";
import { FakeTimers, flush } from "../../support/fake-timers.js";

const SHA1 = "1".repeat(40);
const SHA2 = "2".repeat(40);
const SHA3 = "3".repeat(40);

/** A source whose remote head and failures the test sets; records every call. */
class FakeSource implements WatchedSource {
  head = SHA1;
  /** Where the ref has moved by the time load() fetches (a commit landing between resolve and load). */
  movedTo: string | undefined;
  resolveError: BerthError | undefined;
  missingPath = new Set<string>();
  calls: string[] = [];
  immutable = false;
  localPath = undefined;
  lastSignal: AbortSignal | undefined;

  describe(): string {
    return "fake@main";
  }
  async resolve(opts: SignalOption = {}): Promise<string> {
    this.calls.push("resolve");
    this.lastSignal = opts.signal;
    if (this.resolveError) throw this.resolveError;
    return this.head;
  }
  async load(resolved: string): Promise<Revision> {
    this.calls.push("load");
    const sha = this.movedTo ?? resolved;
    if (this.missingPath.has(sha)) throw new BerthError("E_GIT_PATH_NOT_FOUND", `path missing at ${sha}`);
    return {
      sha,
      author: "A <a@b>",
      date: "2026-01-01T00:00:00Z",
      subject: `commit ${sha[0] ?? ""}`,
      files: [],
    };
  }
}

function setup(opts: { pollIntervalMs?: number; onRevision?: (r: Revision) => void } = {}) {
  const clock = new FakeClock();
  const timers = new FakeTimers(clock);
  const source = new FakeSource();
  const revisions: string[] = [];
  const errors: [string, number][] = [];
  const watcher = new SourceWatcher(source, {
    onRevision: opts.onRevision ?? ((r) => void revisions.push(r.sha)),
    onError: (e, n) => errors.push([e.code, n]),
    pollIntervalMs: opts.pollIntervalMs ?? 60_000,
    clock,
    timers,
    random: () => 0.5, // jitter off: delays are exact
  });
  return { clock, timers, source, revisions, errors, watcher };
}

describe("SourceWatcher", () => {
  it("reads the first revision, then polls with one resolve and nothing else while nothing changes", async () => {
    const { watcher, source, revisions, timers } = setup();
    await watcher.start();
    await flush();
    expect(source.calls).toEqual(["resolve", "load"]);
    expect(revisions).toEqual([SHA1]);
    expect(watcher.lastRevision?.sha).toBe(SHA1);
    expect(timers.pendingDelays()).toEqual([60_000]);

    source.calls = [];
    await timers.advance(60_000 * 3);
    expect(source.calls).toEqual(["resolve", "resolve", "resolve"]);
    expect(revisions).toEqual([SHA1]);
  });

  it("loads a new SHA, and again a SHA it handled before when the ref returns to it", async () => {
    const { watcher, source, revisions } = setup();
    await watcher.start();
    await flush();
    source.head = SHA2;
    source.calls = [];
    expect(await watcher.syncNow()).toMatchObject({ ok: true, changed: true, revision: { sha: SHA2 } });
    expect(source.calls).toEqual(["resolve", "load"]);
    source.head = SHA1; // force-pushed back to an earlier commit
    source.calls = [];
    expect(await watcher.syncNow()).toMatchObject({ ok: true, changed: true, revision: { sha: SHA1 } });
    expect(source.calls).toEqual(["resolve", "load"]);
    expect(revisions).toEqual([SHA1, SHA2, SHA1]);
    expect(await watcher.syncNow()).toMatchObject({ ok: true, changed: false, revision: { sha: SHA1 } });
  });

  it("hands over the SHA a load found when the ref moved on after resolve, and only once", async () => {
    const { watcher, source, revisions } = setup();
    await watcher.start();
    await flush();
    source.head = SHA2;
    source.movedTo = SHA3; // a commit landed between resolve() and the fetch
    expect(await watcher.syncNow()).toMatchObject({ ok: true, changed: true, revision: { sha: SHA3 } });
    source.head = SHA3;
    source.movedTo = undefined;
    source.calls = [];
    expect(await watcher.syncNow()).toMatchObject({ ok: true, changed: false, revision: { sha: SHA3 } });
    expect(source.calls).toEqual(["resolve"]);
    // Resolved to something new, but the fetch finds the ref back on the SHA already handled.
    source.head = SHA2;
    source.movedTo = SHA3;
    expect(await watcher.syncNow()).toMatchObject({ ok: true, changed: false, revision: { sha: SHA3 } });
    expect(revisions).toEqual([SHA1, SHA3]);
  });

  it("keeps the last good revision through failures, backs off 5 s, 10 s, 20 s, and recovers", async () => {
    const { watcher, source, errors, timers } = setup();
    await watcher.start();
    await flush();
    source.resolveError = new BerthError("E_GIT_UNREACHABLE", "cannot reach fake");

    const failed = await watcher.syncNow();
    expect(failed).toMatchObject({
      ok: false,
      retryable: true,
      consecutiveFailures: 1,
      revision: { sha: SHA1 },
    });
    expect(timers.pendingDelays()).toEqual([5_000]);
    await timers.advance(5_000);
    expect(timers.pendingDelays()).toEqual([10_000]);
    await timers.advance(10_000);
    expect(timers.pendingDelays()).toEqual([20_000]);
    expect(errors).toEqual([
      ["E_GIT_UNREACHABLE", 1],
      ["E_GIT_UNREACHABLE", 2],
      ["E_GIT_UNREACHABLE", 3],
    ]);
    expect(watcher.lastRevision?.sha).toBe(SHA1);
    expect(watcher.lastError?.code).toBe("E_GIT_UNREACHABLE");
    expect(watcher.consecutiveFailures).toBe(3);

    source.resolveError = undefined;
    await timers.advance(20_000);
    expect(watcher.lastError).toBeUndefined();
    expect(watcher.consecutiveFailures).toBe(0);
    expect(timers.pendingDelays()).toEqual([60_000]);
  });

  it("reports a path missing from a commit once, polls normally, and moves on at the next commit", async () => {
    const { watcher, source, errors, revisions, timers } = setup();
    await watcher.start();
    await flush();
    source.head = SHA2;
    source.missingPath.add(SHA2);
    expect(await watcher.syncNow()).toMatchObject({
      ok: false,
      retryable: false,
      error: { code: "E_GIT_PATH_NOT_FOUND" },
    });
    expect(timers.pendingDelays()).toEqual([60_000]);
    source.calls = [];
    await timers.advance(60_000);
    expect(source.calls).toEqual(["resolve"]);
    expect(errors).toEqual([["E_GIT_PATH_NOT_FOUND", 1]]);
    expect(watcher.lastError?.code).toBe("E_GIT_PATH_NOT_FOUND");
    expect(watcher.lastRevision?.sha).toBe(SHA1);

    source.head = SHA3;
    expect(await watcher.syncNow()).toMatchObject({ ok: true, changed: true });
    expect(watcher.lastError).toBeUndefined();
    expect(revisions).toEqual([SHA1, SHA3]);
  });

  it("reports a throwing onRevision and does not hand the same SHA over again", async () => {
    let calls = 0;
    const { watcher, errors } = setup({
      onRevision: () => {
        calls += 1;
        throw new Error("apply failed");
      },
    });
    const first = await watcher.syncNow();
    expect(first).toMatchObject({ ok: false, retryable: false, error: { code: "E_SYNC_HANDLER" } });
    await watcher.syncNow();
    expect(calls).toBe(1);
    expect(errors).toEqual([["E_SYNC_HANDLER", 1]]);
  });

  it("reads a pinned commit once and then stops polling", async () => {
    const { watcher, source, timers } = setup();
    source.immutable = true;
    await watcher.start();
    await flush();
    expect(watcher.lastRevision?.sha).toBe(SHA1);
    expect(timers.pendingDelays()).toEqual([]);
  });

  it("does not poll when polling is off; syncNow still works", async () => {
    const { watcher, source, timers } = setup({ pollIntervalMs: 0 });
    await watcher.start();
    await flush();
    expect(timers.pendingDelays()).toEqual([]);
    source.head = SHA2;
    expect(await watcher.syncNow()).toMatchObject({ ok: true, changed: true });
  });

  it("stops: aborts git in flight, reports nothing, and refuses new work", async () => {
    const { watcher, source, errors, timers } = setup();
    await watcher.start();
    await flush();
    await watcher.stop();
    expect(source.lastSignal?.aborted).toBe(true);
    expect(timers.pendingDelays()).toEqual([]);
    await expect(watcher.syncNow()).rejects.toMatchObject({ code: "E_SYNC_STOPPED" });
    expect(errors).toEqual([]);
  });
});
