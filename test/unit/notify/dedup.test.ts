import { describe, expect, it } from "vitest";
import { Deduplicator } from "../../../src/notify/dedup.js";
import { FakeClock } from "../../../src/util/clock.js";

describe("Deduplicator", () => {
  it("lets a key through once per window", () => {
    const clock = new FakeClock();
    const d = new Deduplicator(60_000, clock);
    expect(d.isDuplicate("a")).toBe(false);
    expect(d.isDuplicate("a")).toBe(true);
    expect(d.isDuplicate("b")).toBe(false);
    clock.advance(59_999);
    expect(d.isDuplicate("a")).toBe(true);
    clock.advance(1);
    expect(d.isDuplicate("a")).toBe(false);
  });

  it("counts the window from the notification let through, not from repeats", () => {
    const clock = new FakeClock();
    const d = new Deduplicator(10_000, clock);
    d.isDuplicate("flap");
    for (let i = 0; i < 9; i++) {
      clock.advance(1_000);
      expect(d.isDuplicate("flap")).toBe(true);
    }
    clock.advance(1_000);
    expect(d.isDuplicate("flap")).toBe(false);
  });

  it("with a zero window suppresses nothing", () => {
    const d = new Deduplicator(0, new FakeClock());
    expect(d.isDuplicate("a")).toBe(false);
    expect(d.isDuplicate("a")).toBe(false);
  });
});
