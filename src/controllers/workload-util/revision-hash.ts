// The controller-revision hash DaemonSets and StatefulSets put on their pods (k8s
// controller.ComputeHash): FNV-32a over the pod template, its decimal value mapped onto the
// API server's safe alphabet. Kubernetes hashes Go's spew print of the struct; berth hashes a
// canonical JSON form (sorted keys), which is just as stable for the same canonical template.

const SAFE_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

/** JSON with object keys sorted, so equal values print equally whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return "null";
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v ?? null)).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

export function fnv32a(text: string): number {
  let h = 0x811c9dc5;
  for (const byte of Buffer.from(text, "utf8")) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** rand.SafeEncodeString: each character c becomes SAFE_ALPHABET[c mod 27]. */
function safeEncode(s: string): string {
  let out = "";
  for (const ch of s) out += SAFE_ALPHABET.charAt(ch.charCodeAt(0) % SAFE_ALPHABET.length);
  return out;
}

/** The hash of a template (plus collisionCount when set), e.g. "6c8b9d7f5". */
export function revisionHash(template: unknown, collisionCount?: number): string {
  const extra = collisionCount === undefined ? "" : `#${collisionCount}`;
  return safeEncode(String(fnv32a(canonicalJson(template) + extra)));
}
