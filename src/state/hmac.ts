// HMAC-SHA256 (RFC 2104) of short strings from two one-shot SHA-256 calls over the key's pads, which
// are computed once per key. The result is createHmac("sha256", key).update(value).digest("hex"),
// byte for byte, at about half the cost: a plan hashes every Secret value from git on every sync,
// and for a value of a few bytes createHmac's per-call setup (a native object, the key schedule, a
// Buffer for the digest) costs far more than the hashing itself.

import { createHmac, hash } from "node:crypto";

/** SHA-256's block size: keys up to this length are padded, longer ones hashed first. */
const BLOCK = 64;
/** Room for a value in the reused buffer; longer values (rare) go through createHmac. */
const VALUE_ROOM = 512;

export type HmacHex = (value: string) => string;

/** A function giving the hex HMAC-SHA256 of a UTF-8 string under `key` (UTF-8 too). */
export function hmacSha256Hex(key: string): HmacHex {
  const encoded = Buffer.from(key, "utf8");
  const k = encoded.length > BLOCK ? hash("sha256", encoded, "buffer") : encoded;
  // inner: (key ^ ipad) then the value; outer: (key ^ opad) then the inner digest.
  const inner = Buffer.alloc(BLOCK + VALUE_ROOM);
  const outer = Buffer.alloc(BLOCK + 32);
  for (let i = 0; i < BLOCK; i++) {
    const b = k[i] ?? 0;
    inner[i] = b ^ 0x36;
    outer[i] = b ^ 0x5c;
  }
  // Views of `inner` by value length: values of a few lengths recur, and a view is an allocation.
  const views: Buffer[] = [];
  return (value) => {
    // UTF-8 takes at most 3 bytes per UTF-16 code unit, so a value that may not fit is not copied.
    if (value.length * 3 > VALUE_ROOM) return createHmac("sha256", k).update(value, "utf8").digest("hex");
    const length = inner.write(value, BLOCK, "utf8");
    const view = (views[length] ??= inner.subarray(0, BLOCK + length));
    // "binary" (latin1): the raw digest as a short string, cheaper to get than a Buffer.
    const innerDigest = hash("sha256", view, "binary");
    // Leave no copy of a Secret value behind in a buffer that lives as long as the key.
    inner.fill(0, BLOCK, BLOCK + length);
    outer.write(innerDigest, BLOCK, "binary");
    return hash("sha256", outer, "hex");
  };
}
