// Myers' O(ND) line diff and unified-diff hunks, as `diff -u` (and so `kubectl diff`) prints them.

export type LineOp =
  { op: "equal"; a: number; b: number } | { op: "delete"; a: number } | { op: "insert"; b: number };

/** list[i], for indexes known to be in range (noUncheckedIndexedAccess cannot see that). */
export function itemAt<T>(list: readonly T[], i: number): T {
  if (i < 0 || i >= list.length) throw new RangeError(`index ${i} out of range 0..${list.length - 1}`);
  return list[i] as T;
}

/** Beyond this many differing lines a full rewrite is shown instead of a minimal diff. */
const MAX_EDITS = 2000;

function myers<T>(a: readonly T[], b: readonly T[], eq: (x: T, y: T) => boolean): LineOp[] | undefined {
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, MAX_EDITS);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  // trace[d] holds v[-d-1 .. d+1] as it was before step d.
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && (v[offset + k - 1] ?? 0) < (v[offset + k + 1] ?? 0))
          ? (v[offset + k + 1] ?? 0)
          : (v[offset + k - 1] ?? 0) + 1;
      let y = x - k;
      while (x < n && y < m && eq(a[x] as T, b[y] as T)) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(trace, n, m);
    }
  }
  return undefined;
}

function backtrack(trace: Int32Array[], n: number, m: number): LineOp[] {
  const ops: LineOp[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const band = itemAt(trace, d);
    const at = (k: number): number => band[k + d + 1] ?? 0;
    const k = x - y;
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : at(prevK);
    const prevY = d === 0 ? 0 : prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      ops.push({ op: "equal", a: x, b: y });
    }
    if (d > 0) {
      if (x === prevX) ops.push({ op: "insert", b: y - 1 });
      else ops.push({ op: "delete", a: x - 1 });
    }
    x = prevX;
    y = prevY;
  }
  return ops.reverse();
}

/** The edit script turning `a` into `b`. */
export function diffLines<T>(a: readonly T[], b: readonly T[], eq: (x: T, y: T) => boolean): LineOp[] {
  // Common ends are cheap to strip and keep the quadratic part small.
  let start = 0;
  while (start < a.length && start < b.length && eq(a[start] as T, b[start] as T)) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && eq(a[endA - 1] as T, b[endB - 1] as T)) {
    endA--;
    endB--;
  }
  const ops: LineOp[] = [];
  for (let i = 0; i < start; i++) ops.push({ op: "equal", a: i, b: i });
  const mid = myers(a.slice(start, endA), b.slice(start, endB), eq);
  if (mid) {
    for (const o of mid) {
      if (o.op === "equal") ops.push({ op: "equal", a: o.a + start, b: o.b + start });
      else if (o.op === "delete") ops.push({ op: "delete", a: o.a + start });
      else ops.push({ op: "insert", b: o.b + start });
    }
  } else {
    for (let i = start; i < endA; i++) ops.push({ op: "delete", a: i });
    for (let i = start; i < endB; i++) ops.push({ op: "insert", b: i });
  }
  for (let i = 0; endA + i < a.length; i++) ops.push({ op: "equal", a: endA + i, b: endB + i });
  return ops;
}

export interface Hunk {
  /** 1-based first line and length on each side, as in `@@ -a,b +c,d @@`. */
  aStart: number;
  aLength: number;
  bStart: number;
  bLength: number;
  ops: LineOp[];
}

/** Groups an edit script into hunks with `context` unchanged lines around each change. */
export function hunks(ops: readonly LineOp[], context: number): Hunk[] {
  const out: Hunk[] = [];
  const changed = ops.map((o, i) => (o.op === "equal" ? -1 : i)).filter((i) => i >= 0);
  let i = 0;
  while (i < changed.length) {
    const first = itemAt(changed, i);
    let last = first;
    while (i + 1 < changed.length && itemAt(changed, i + 1) - last <= 2 * context + 1) {
      i++;
      last = itemAt(changed, i);
    }
    i++;
    const from = Math.max(0, first - context);
    const to = Math.min(ops.length, last + context + 1);
    const slice = ops.slice(from, to);
    // Positions before the hunk: count lines of each side in ops[0, from).
    let aBefore = 0;
    let bBefore = 0;
    for (let j = 0; j < from; j++) {
      const o = itemAt(ops, j);
      if (o.op !== "insert") aBefore++;
      if (o.op !== "delete") bBefore++;
    }
    const aLength = slice.filter((o) => o.op !== "insert").length;
    const bLength = slice.filter((o) => o.op !== "delete").length;
    out.push({
      aStart: aLength === 0 ? aBefore : aBefore + 1,
      aLength,
      bStart: bLength === 0 ? bBefore : bBefore + 1,
      bLength,
      ops: slice,
    });
  }
  return out;
}
