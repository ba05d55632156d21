import { PassThrough } from "node:stream";
import type Docker from "dockerode";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { EngineEvent } from "../../../../src/runtime/docker/event-parse.js";
import { watchEvents } from "../../../../src/runtime/docker/events.js";

// A stand-in for the engine's /events endpoint: each call hands out the next stream (or error).
function fakeEngine(responses: (PassThrough | Error)[]) {
  const calls: Record<string, unknown>[] = [];
  const docker = {
    getEvents: (opts: Record<string, unknown>) => {
      calls.push(opts);
      const r = responses.shift();
      if (r === undefined) return new Promise(() => undefined); // hangs: no more connects
      return r instanceof Error ? Promise.reject(r) : Promise.resolve(r);
    },
  } as unknown as Docker;
  return { docker, calls };
}

const event = (action: string, nano: string) =>
  `{"Type":"container","Action":"${action}","Actor":{"ID":"c1","Attributes":{"io.berth.pod.uid":"u1"}},"time":1,"timeNano":${nano}}\n`;

describe("watchEvents", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("filters for the node's berth containers, reconnects with backoff and resumes from the last event", async () => {
    const first = new PassThrough();
    const second = new PassThrough();
    const { docker, calls } = fakeEngine([first, new Error("connect ECONNREFUSED"), second]);
    const seen: EngineEvent[] = [];
    const errors: string[] = [];
    let reconnects = 0;
    const w = watchEvents(docker, {
      node: "n1",
      onEvent: (e) => seen.push(e),
      onError: (e) => errors.push(e.message),
      onReconnect: () => reconnects++,
      backoffMs: 100,
      maxBackoffMs: 1000,
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(calls[0]).toEqual({
      filters: { type: ["container"], label: ["io.berth.managed=true", "io.berth.node=n1"] },
    });
    expect(w.connected).toBe(true);

    first.write(event("start", "1767225600000000001"));
    first.write(event("die", "1767225600000000002").slice(0, 20)); // a line split across chunks
    first.write(event("die", "1767225600000000002").slice(20));
    await vi.advanceTimersByTimeAsync(0);
    expect(seen.map((e) => e.action)).toEqual(["start", "die"]);

    first.end();
    await vi.advanceTimersByTimeAsync(0);
    expect(w.connected).toBe(false);
    expect(errors).toEqual(["event stream ended"]);
    await vi.advanceTimersByTimeAsync(100); // first retry: refused
    expect(errors).toEqual(["event stream ended", "connect ECONNREFUSED"]);
    await vi.advanceTimersByTimeAsync(150);
    expect(calls.length).toBe(2); // backoff doubled to 200 ms
    await vi.advanceTimersByTimeAsync(50);
    expect(calls.length).toBe(3);
    expect(calls[2]?.since).toBe("1767225600.000000002");
    expect(w.connected).toBe(true);
    expect(reconnects).toBe(1);

    second.write(event("destroy", "1767225600000000003"));
    await vi.advanceTimersByTimeAsync(0);
    expect(seen.map((e) => e.action)).toEqual(["start", "die", "destroy"]);

    w.close();
    expect(second.destroyed).toBe(true);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(calls.length).toBe(3);
  });
});
