// Kubernetes reads a field set to null as a field not set (`replicas:` with no value, or the
// `creationTimestamp: null` that `kubectl create --dry-run -o yaml` writes). The schemas therefore
// never allow null; validation, and every stage after it, look at the document without its
// null-valued fields.

/** Whether any mapping in `v` (at any depth) holds a null value. */
export function hasNullField(v: unknown): boolean {
  if (Array.isArray(v)) return v.some(hasNullField);
  if (v === null || typeof v !== "object") return false;
  for (const value of Object.values(v)) {
    if (value === null || hasNullField(value)) return true;
  }
  return false;
}

/**
 * A copy of `v` without null-valued fields, at any depth. Null list items stay: Kubernetes rejects
 * them, and so does the schema.
 */
export function withoutNullFields<T>(v: T): T {
  return strip(v) as T;
}

function strip(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(strip);
  if (v === null || typeof v !== "object") return v;
  const out: Record<string, unknown> = {};
  for (const [k, value] of Object.entries(v)) {
    if (value === null) continue;
    // defineProperty: a "__proto__" key must stay a plain field, not become the prototype.
    Object.defineProperty(out, k, {
      value: strip(value),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}
