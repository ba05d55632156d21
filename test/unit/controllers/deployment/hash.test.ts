import { describe, expect, it } from "vitest";
import {
  canonicalJson,
  computeHash,
  fnv1a32,
  safeEncode,
} from "../../../../src/controllers/deployment/hash.js";
import { template } from "../../../support/controller-cluster.js";

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

describe("pod-template-hash", () => {
  it("FNV-1a 32 matches the reference vectors", () => {
    expect(fnv1a32(bytes(""))).toBe(0x811c9dc5);
    expect(fnv1a32(bytes("a"))).toBe(0xe40c292c);
    expect(fnv1a32(bytes("foobar"))).toBe(0xbf9cf968);
  });

  it("safe-encodes the decimal sum with Kubernetes' alphabet (digits map to 4-9, b, c, d, f)", () => {
    expect(safeEncode("0123456789")).toBe("456789bcdf");
  });

  it("is stable, independent of key order, and differs for another template", () => {
    const t = template("berth.local/web:1");
    const reordered = JSON.parse(JSON.stringify({ spec: t.spec, metadata: t.metadata })) as typeof t;
    expect(computeHash(t)).toBe(computeHash(reordered));
    expect(computeHash(t)).toMatch(/^[456789bcdf]{1,10}$/);
    expect(computeHash(template("berth.local/web:2"))).not.toBe(computeHash(t));
  });

  it("changes with collisionCount, and collisionCount 0 differs from none", () => {
    const t = template("berth.local/web:1");
    const seen = new Set([computeHash(t), computeHash(t, 0), computeHash(t, 1), computeHash(t, 2)]);
    expect(seen.size).toBe(4);
  });

  it("canonical JSON leaves out what is unset", () => {
    expect(canonicalJson({ b: 1, a: { z: undefined, y: [] }, c: {}, d: [1, { e: undefined }] })).toBe(
      '{"b":1,"d":[1,{}]}',
    );
  });
});
