import { afterEach, describe, expect, it, vi } from "vitest";
import { Progress } from "../../../src/cli/progress.js";

function stream(isTTY: boolean) {
  const writes: string[] = [];
  const s = { isTTY, columns: 40, write: (c: string) => (writes.push(c), true) };
  return { s: s as unknown as NodeJS.WriteStream, writes };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("Progress", () => {
  it("redraws one line with a spinner, the phase and the time, and erases it when done", () => {
    vi.useFakeTimers();
    const { s, writes } = stream(true);
    const p = new Progress(s, "syncing shop");
    expect(writes[0]).toBe("\r⠋ syncing shop (0s)\x1b[K");
    p.update("shop: Applying");
    vi.advanceTimersByTime(1_000);
    expect(writes.at(-1)).toBe("\r⠋ syncing shop: shop: Applying (1s)\x1b[K");
    p.update("a very long phase description that does not fit");
    vi.advanceTimersByTime(100);
    expect(writes.at(-1)?.length).toBeLessThanOrEqual("\r".length + 39 + "\x1b[K".length);
    p.done();
    p.done();
    expect(writes.at(-1)).toBe("\r\x1b[K");
    const count = writes.length;
    vi.advanceTimersByTime(1_000);
    expect(writes.length).toBe(count);
  });

  it("stays silent when the stream is not a terminal", () => {
    vi.useFakeTimers();
    const { s, writes } = stream(false);
    const p = new Progress(s, "syncing");
    vi.advanceTimersByTime(1_000);
    p.done();
    expect(p.enabled).toBe(false);
    expect(writes).toEqual([]);
  });
});
