import { describe, expect, it } from "vitest";
import {
  DeliveryQueue,
  type DeliveryPolicy,
  type Send,
  type SendResult,
} from "../../../src/notify/delivery-queue.js";
import { FakeClock } from "../../../src/util/clock.js";
import { FakeTimers, flush } from "../../support/fake-timers.js";
import { captureLogger } from "../../support/log-capture.js";

const policy: DeliveryPolicy = {
  maxQueue: 3,
  maxAttempts: 4,
  initialBackoffMs: 1_000,
  maxBackoffMs: 8_000,
  timeoutMs: 5_000,
};

/** A receiver whose answers the test scripts; records when each attempt came. */
function scripted(clock: FakeClock, answers: (SendResult | "hang")[]) {
  const calls: { body: string; at: number }[] = [];
  const send: Send = (body, signal) => {
    calls.push({ body, at: clock.now() });
    const answer = answers.shift() ?? { ok: true, status: 200, retryable: false };
    if (answer !== "hang") return Promise.resolve(answer);
    return new Promise((resolve) =>
      signal.addEventListener("abort", () => resolve({ ok: false, retryable: true, error: "aborted" })),
    );
  };
  return { send, calls };
}

function setup(answers: (SendResult | "hang")[], random = () => 0.5) {
  const clock = new FakeClock();
  const timers = new FakeTimers(clock);
  const { logger, logs } = captureLogger();
  const r = scripted(clock, answers);
  const queue = new DeliveryQueue("team", r.send, policy, { timers, random, logger });
  return { clock, timers, queue, logs, ...r };
}

const fail500: SendResult = { ok: false, status: 500, retryable: true, error: "HTTP 500" };

describe("DeliveryQueue", () => {
  it("returns from push at once and delivers in the background, in order", async () => {
    const { queue, calls } = setup([]);
    queue.push({ body: "1", label: "a" });
    queue.push({ body: "2", label: "b" });
    expect(calls.map((c) => c.body)).toEqual(["1"]);
    await queue.idle();
    expect(calls.map((c) => c.body)).toEqual(["1", "2"]);
    expect(queue.delivered).toBe(2);
  });

  it("retries with exponential backoff (jitter within ±10%) and gives up after maxAttempts", async () => {
    const { queue, calls, timers, clock, logs } = setup([fail500, fail500, fail500, fail500], () => 0.5);
    const start = clock.now();
    queue.push({ body: "x", label: "sync-failed shop" });
    await timers.advance(60_000);
    expect(calls.map((c) => c.at - start)).toEqual([0, 1_000, 3_000, 7_000]);
    expect(queue.dropped).toBe(1);
    expect(queue.depth).toBe(0);
    expect(logs.records().at(-1)).toMatchObject({ msg: "notification not delivered: giving up", attempt: 4 });
  });

  it("applies jitter to the backoff", async () => {
    const { queue, calls, timers, clock } = setup([fail500], () => 0.999);
    const start = clock.now();
    queue.push({ body: "x", label: "l" });
    await timers.advance(2_000);
    expect(calls[1]?.at).toBeDefined();
    const delay = (calls[1]?.at ?? 0) - start;
    expect(delay).toBeGreaterThan(1_000);
    expect(delay).toBeLessThanOrEqual(1_100);
  });

  it("succeeds on a later attempt", async () => {
    const { queue, calls, timers } = setup([fail500]);
    queue.push({ body: "x", label: "l" });
    await timers.advance(1_000);
    await queue.idle();
    expect(calls).toHaveLength(2);
    expect(queue.delivered).toBe(1);
  });

  it("does not retry a refusal (4xx)", async () => {
    const { queue, calls, timers } = setup([{ ok: false, status: 404, retryable: false, error: "HTTP 404" }]);
    queue.push({ body: "x", label: "l" });
    await timers.advance(60_000);
    expect(calls).toHaveLength(1);
    expect(queue.dropped).toBe(1);
  });

  it("waits at least the receiver's Retry-After, capped by the backoff maximum", async () => {
    const { queue, calls, timers, clock } = setup([
      { ok: false, status: 429, retryable: true, retryAfterMs: 5_000 },
      { ok: false, status: 429, retryable: true, retryAfterMs: 600_000 },
    ]);
    const start = clock.now();
    queue.push({ body: "x", label: "l" });
    await timers.advance(60_000);
    expect(calls.map((c) => c.at - start)).toEqual([0, 5_000, 13_000]);
  });

  it("times an attempt out and retries it", async () => {
    const { queue, calls, timers, clock, logs } = setup(["hang"]);
    const start = clock.now();
    queue.push({ body: "x", label: "l" });
    await timers.advance(5_000);
    await timers.advance(1_000);
    await queue.idle();
    expect(calls.map((c) => c.at - start)).toEqual([0, 6_000]);
    expect(logs.records().find((r) => r.msg === "notification not delivered: will retry")).toMatchObject({
      error: "timed out",
    });
  });

  it("stays bounded: a full queue drops its oldest waiting notification", async () => {
    const { queue, calls, timers } = setup(["hang"]);
    for (const body of ["1", "2", "3", "4", "5"]) queue.push({ body, label: body });
    expect(queue.depth).toBe(4); // one in flight + maxQueue waiting
    expect(queue.dropped).toBe(1);
    await timers.advance(5_000 + 1_000);
    await queue.idle();
    expect(calls.map((c) => c.body)).toEqual(["1", "1", "3", "4", "5"]);
  });

  it("close drops what waits and aborts what is in flight", async () => {
    const { queue, calls } = setup(["hang"]);
    queue.push({ body: "1", label: "1" });
    queue.push({ body: "2", label: "2" });
    queue.close();
    await queue.idle();
    await flush();
    expect(calls.map((c) => c.body)).toEqual(["1"]);
    expect(queue.depth).toBe(0);
    queue.push({ body: "3", label: "3" });
    expect(queue.depth).toBe(0);
  });

  it("close during a backoff ends the wait", async () => {
    const { queue, timers } = setup([fail500]);
    queue.push({ body: "1", label: "1" });
    await flush();
    expect(timers.pendingDelays()).toEqual([1_000]);
    queue.close();
    await queue.idle();
    expect(timers.pendingDelays()).toEqual([]);
  });
});
