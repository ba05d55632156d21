// Secret values never reach disk. Each value is replaced by an HMAC-SHA256 keyed with the state
// file's random salt: without the salt a short value cannot be found by hashing guesses, yet the same
// value always gives the same hash, so a diff can still tell which keys changed.

import { randomBytes } from "node:crypto";
import type { Secret } from "../manifest/types.js";
import { hmacSha256Hex, type HmacHex } from "./hmac.js";

export const SECRET_HASH_PREFIX = "hmac-sha256:";

const HASHED = /^hmac-sha256:[0-9a-f]{64}$/;

/** Annotations that can carry a copy of the whole object, values included (kubectl apply's). */
const VALUE_BEARING_ANNOTATIONS = ["kubectl.kubernetes.io/last-applied-configuration"];

/** A new salt for a new state file: 32 random bytes, hex. */
export function newSecretSalt(): string {
  return randomBytes(32).toString("hex");
}

/** Length of `hmac-sha256:` and 64 hex digits. */
const HASHED_LENGTH = SECRET_HASH_PREFIX.length + 64;

/**
 * The keyed hash for the last salt used. A process hashes with one salt (its state file's), so the
 * key's pads are derived once rather than for every value.
 */
let lastKey: { salt: string; hmac: HmacHex } | undefined;

/** `hmac-sha256:<hex>` of the value (a Secret's data value as stored: base64 text). */
export function hashSecretValue(value: string, salt: string): string {
  if (lastKey?.salt !== salt) lastKey = { salt, hmac: hmacSha256Hex(salt) };
  return SECRET_HASH_PREFIX + lastKey.hmac(value);
}

/** True for a value that is already a hash (what a Secret restored from the state file holds). */
export function isHashedSecretValue(value: string): boolean {
  // The length first: a diff asks this of every Secret value from git, and few are this long.
  return value.length === HASHED_LENGTH && HASHED.test(value);
}

function hashValues(values: Record<string, string>, salt: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) out[k] = isHashedSecretValue(v) ? v : hashSecretValue(v, salt);
  return out;
}

/**
 * A copy of the Secret with every data and stringData value replaced by its hash. Values that are
 * already hashes stay as they are, so redacting twice changes nothing. Annotations that embed the
 * object (kubectl's last-applied-configuration) are hashed whole.
 */
export function redactSecret(secret: Secret, salt: string): Secret {
  const out: Secret = { ...secret, metadata: { ...secret.metadata } };
  if (secret.data) out.data = hashValues(secret.data, salt);
  if (secret.stringData) out.stringData = hashValues(secret.stringData, salt);
  const annotations = secret.metadata.annotations;
  if (annotations && VALUE_BEARING_ANNOTATIONS.some((a) => a in annotations)) {
    const copy = { ...annotations };
    for (const a of VALUE_BEARING_ANNOTATIONS) {
      const v = copy[a];
      if (v !== undefined && !isHashedSecretValue(v)) copy[a] = hashSecretValue(v, salt);
    }
    out.metadata.annotations = copy;
  }
  return out;
}
