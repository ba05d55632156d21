// pod-template-hash (k8s controller.ComputeHash): FNV-1a 32 over the pod template, then the
// collision count as a little-endian uint32 in an 8-byte buffer when the Deployment has one, the
// decimal sum mapped through the safe-encode alphabet. Kubernetes hashes Go's spew dump of the
// template; berth hashes its canonical JSON (keys sorted, absent and empty fields dropped), so the
// values differ from a cluster's but are just as stable: same template, same hash, same name.

import type { PodTemplateSpec } from "../../manifest/types.js";
import { SAFE_ALPHABET } from "../names.js";

export const POD_TEMPLATE_HASH_LABEL = "pod-template-hash";

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

export function fnv1a32(bytes: Uint8Array, seed = FNV_OFFSET): number {
  let h = seed;
  for (const b of bytes) {
    h ^= b;
    h = Math.imul(h, FNV_PRIME) >>> 0;
  }
  return h >>> 0;
}

/** JSON with sorted keys; undefined, empty lists and empty maps left out (they mean "unset"). */
export function canonicalJson(v: unknown): string {
  return JSON.stringify(prune(v));
}

function prune(v: unknown): unknown {
  if (Array.isArray(v)) return v.map((x) => prune(x) ?? null);
  if (v === null || typeof v !== "object") return v;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v).sort()) {
    const x = prune((v as Record<string, unknown>)[k]);
    if (x === undefined) continue;
    if (Array.isArray(x) && x.length === 0) continue;
    if (typeof x === "object" && x !== null && !Array.isArray(x) && Object.keys(x).length === 0) continue;
    out[k] = x;
  }
  return out;
}

/** rand.SafeEncodeString: each character c becomes alphabet[code(c) % 27]. */
export function safeEncode(s: string): string {
  let out = "";
  for (let i = 0; i < s.length; i++) out += SAFE_ALPHABET.charAt(s.charCodeAt(i) % SAFE_ALPHABET.length);
  return out;
}

export function computeHash(template: PodTemplateSpec, collisionCount?: number): string {
  const bytes = new TextEncoder().encode(canonicalJson(template));
  let h = fnv1a32(bytes);
  if (collisionCount !== undefined) {
    const extra = new Uint8Array(8);
    new DataView(extra.buffer).setUint32(0, collisionCount >>> 0, true);
    h = fnv1a32(extra, h);
  }
  return safeEncode(String(h));
}
