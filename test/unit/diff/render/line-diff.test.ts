import { describe, expect, it } from "vitest";
import { diffLines, hunks, itemAt, type LineOp } from "../../../../src/diff/render/line-diff.js";

const eq = (x: string, y: string) => x === y;

function apply(a: string[], b: string[], ops: LineOp[]): { left: string[]; right: string[] } {
  const left: string[] = [];
  const right: string[] = [];
  for (const o of ops) {
    if (o.op !== "insert") left.push(itemAt(a, o.a));
    if (o.op !== "delete") right.push(itemAt(b, o.b));
    if (o.op === "equal") expect(a[o.a]).toBe(b[o.b]);
  }
  return { left, right };
}

/** A small deterministic PRNG so the property test is repeatable. */
function rng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

describe("diffLines", () => {
  it("finds a minimal edit script", () => {
    const a = ["a", "b", "c", "d"];
    const b = ["a", "x", "c", "d", "e"];
    const ops = diffLines(a, b, eq);
    expect(ops.filter((o) => o.op !== "equal")).toHaveLength(3);
    expect(apply(a, b, ops)).toEqual({ left: a, right: b });
  });

  it("covers both sides in order for random inputs", () => {
    const next = rng(7);
    for (let round = 0; round < 200; round++) {
      const pick = () =>
        Array.from({ length: Math.floor(next() * 12) }, () => "abcd".charAt(Math.floor(next() * 4)));
      const a = pick();
      const b = pick();
      expect(apply(a, b, diffLines(a, b, eq))).toEqual({ left: a, right: b });
    }
  });

  it("handles empty sides", () => {
    expect(diffLines([], ["a"], eq)).toEqual([{ op: "insert", b: 0 }]);
    expect(diffLines(["a"], [], eq)).toEqual([{ op: "delete", a: 0 }]);
    expect(diffLines([], [], eq)).toEqual([]);
  });
});

describe("hunks", () => {
  it("numbers lines as diff -u does and merges nearby changes", () => {
    const a = Array.from({ length: 20 }, (_, i) => `l${i + 1}`);
    const b = [...a];
    b[4] = "five";
    b[7] = "eight";
    b[17] = "eighteen";
    const hs = hunks(diffLines(a, b, eq), 2);
    expect(hs.map((h) => [h.aStart, h.aLength, h.bStart, h.bLength])).toEqual([
      [3, 8, 3, 8],
      [16, 5, 16, 5],
    ]);
  });

  it("starts a pure insertion after the line it follows", () => {
    const hs = hunks(diffLines(["a", "b"], ["a", "b", "c"], eq), 0);
    expect(hs.map((h) => [h.aStart, h.aLength, h.bStart, h.bLength])).toEqual([[2, 0, 3, 1]]);
  });
});
