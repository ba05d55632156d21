import { createHmac, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hmacSha256Hex } from "../../../src/state/hmac.js";

const reference = (key: string, value: string) =>
  createHmac("sha256", key).update(value, "utf8").digest("hex");

describe("hmacSha256Hex", () => {
  // Keys shorter than, exactly and longer than SHA-256's 64-byte block (longer ones are hashed
  // first), and one whose UTF-8 form is longer than its UTF-16 length.
  const keys = ["", "salt", "a".repeat(64), randomBytes(32).toString("hex"), "k".repeat(65), "é".repeat(40)];
  // Values around the one-block boundary of the inner hash, multi-byte text, and values longer
  // than the reused buffer (the createHmac path).
  const values = [
    "",
    "aHVudGVyMg==",
    "x".repeat(55),
    "x".repeat(56),
    "x".repeat(64),
    "é€😀",
    "lone \ud800 surrogate \udfff",
    "€".repeat(170),
    "€".repeat(171),
    "y".repeat(171),
    randomBytes(3000).toString("base64"),
  ];

  it("equals createHmac for every key and value", () => {
    for (const key of keys) {
      const hmac = hmacSha256Hex(key);
      for (const value of values)
        expect(hmac(value), `${key.length}/${value.length}`).toBe(reference(key, value));
    }
  });

  it("stays equal across calls that reuse its buffer, longer values before shorter ones", () => {
    const hmac = hmacSha256Hex("salt");
    const sequence = ["a".repeat(100), "b", "", "€€", "c".repeat(20), "b"];
    for (const value of sequence) expect(hmac(value)).toBe(reference("salt", value));
  });

  it("equals createHmac on random values", () => {
    const key = randomBytes(32).toString("hex");
    const hmac = hmacSha256Hex(key);
    for (let i = 0; i < 200; i++) {
      const value = randomBytes(i).toString(i % 2 === 0 ? "base64" : "latin1");
      expect(hmac(value)).toBe(reference(key, value));
    }
  });
});
