import { describe, expect, it } from "vitest";
import {
  describeUpstreamError,
  isReplayable,
  shouldRetry,
  type AttemptOutcome,
} from "../../../../src/network/ingress/retry.js";

const base: AttemptOutcome = { sent: false, responded: false, timedOut: false, bodyConsumed: false };

describe("shouldRetry", () => {
  it.each([
    ["connect failed: any request", { ...base }, false, true],
    ["connect failed, even with a body", { ...base, bodyConsumed: false }, false, true],
    ["reset after sending a GET", { ...base, sent: true }, true, true],
    ["reset after sending a POST", { ...base, sent: true }, false, false],
    ["reset after streaming a PUT body", { ...base, sent: true, bodyConsumed: true }, true, false],
    ["timed out waiting for an answer", { ...base, sent: true, timedOut: true }, true, false],
    ["the backend answered", { ...base, sent: true, responded: true }, true, false],
  ])("%s → %s", (_name, outcome, replayable, want) => {
    expect(shouldRetry(outcome, replayable)).toBe(want);
  });
});

describe("isReplayable", () => {
  it("idempotent methods and requests with an Idempotency-Key", () => {
    expect(["GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE"].every((m) => isReplayable(m, false))).toBe(
      true,
    );
    expect(isReplayable("POST", false)).toBe(false);
    expect(isReplayable("PATCH", false)).toBe(false);
    expect(isReplayable("POST", true)).toBe(true);
  });
});

describe("describeUpstreamError", () => {
  it.each([
    [{ code: "ECONNREFUSED" }, "connection refused"],
    [{ code: "ECONNRESET" }, "connection reset"],
    [{ code: "E_CONNECT_TIMEOUT" }, "connect timeout"],
    [new Error("socket hang up"), "connection closed before any response"],
    [new Error("weird"), "weird"],
  ])("%j → %s", (e, want) => {
    expect(describeUpstreamError(e)).toBe(want);
  });
});
