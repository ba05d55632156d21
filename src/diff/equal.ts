// Structural equality for JSON-shaped values: map key order does not matter, list order does, and
// a key holding undefined counts as absent. It is the fast path of planDiff: most objects are
// unchanged, and comparing in place allocates nothing.

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  const aList = Array.isArray(a);
  if (aList !== Array.isArray(b)) return false;
  // Members are tested with === before recursing: most are equal strings or numbers, and the
  // test in place saves a call for each of them.
  if (aList) {
    const x = a as unknown[];
    const y = b as unknown[];
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) {
      const v = x[i];
      const w = y[i];
      if (v !== w && !deepEqual(v, w)) return false;
    }
    return true;
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let n = 0;
  for (const k in x) {
    const v = x[k];
    if (v === undefined) continue;
    n++;
    const w = y[k];
    if (v !== w && !deepEqual(v, w)) return false;
  }
  for (const k in y) if (y[k] !== undefined) n--;
  return n === 0;
}
