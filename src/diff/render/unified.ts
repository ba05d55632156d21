// One plan entry as a unified diff of its YAML: whole objects for create and delete, changed
// lines with context for an update, each hunk headed by the field path it touches.

import { formatSegments, segmentsEqual } from "../path.js";
import type { PathSegment, PlanEntry } from "../types.js";
import { diffLines, hunks, itemAt, type LineOp } from "./line-diff.js";
import { yamlLines, type YamlLine } from "./yaml-lines.js";

export type DiffLineKind = "file" | "hunk" | "context" | "delete" | "insert";

export interface DiffLine {
  kind: DiffLineKind;
  text: string;
}

export const DEFAULT_CONTEXT = 3;

function label(entry: PlanEntry, side: "a" | "b"): string {
  const ns = entry.namespace === "" ? "" : `${entry.namespace}/`;
  return `${side}/${entry.kind}/${ns}${entry.name}`;
}

function sameLine(x: YamlLine, y: YamlLine): boolean {
  return x.text === y.text && x.changedSecret === undefined && y.changedSecret === undefined;
}

function commonPrefix(paths: PathSegment[][]): PathSegment[] {
  const first = paths[0];
  if (!first) return [];
  let n = first.length;
  for (const p of paths) {
    let i = 0;
    while (i < n && i < p.length && segmentsEqual(itemAt(first, i), itemAt(p, i))) i++;
    n = i;
  }
  return first.slice(0, n);
}

function range(start: number, length: number): string {
  return length === 1 ? String(start) : `${start},${length}`;
}

/** The unified diff lines of one entry; empty for unchanged and kept objects. */
export function unifiedDiff(entry: PlanEntry, context = DEFAULT_CONTEXT): DiffLine[] {
  if (entry.action === "unchanged" || entry.action === "keep") return [];
  const a = entry.action === "create" || !entry.before ? [] : yamlLines(entry.before);
  const b = entry.action === "delete" || !entry.after ? [] : yamlLines(entry.after);
  const out: DiffLine[] = [
    { kind: "file", text: `--- ${a.length === 0 ? "/dev/null" : label(entry, "a")}` },
    { kind: "file", text: `+++ ${b.length === 0 ? "/dev/null" : label(entry, "b")}` },
  ];
  const ops: LineOp[] = diffLines(a, b, sameLine);
  for (const h of hunks(ops, context)) {
    const changedPaths: PathSegment[][] = [];
    for (const o of h.ops) {
      if (o.op === "delete") changedPaths.push(itemAt(a, o.a).segments);
      if (o.op === "insert") changedPaths.push(itemAt(b, o.b).segments);
    }
    const where = entry.action === "update" ? formatSegments(commonPrefix(changedPaths)) : "";
    out.push({
      kind: "hunk",
      text: `@@ -${range(h.aStart, h.aLength)} +${range(h.bStart, h.bLength)} @@${where ? ` ${where}` : ""}`,
    });
    for (const o of h.ops) {
      if (o.op === "equal") out.push({ kind: "context", text: ` ${itemAt(a, o.a).text}` });
      else if (o.op === "delete") out.push({ kind: "delete", text: `-${itemAt(a, o.a).text}` });
      else out.push({ kind: "insert", text: `+${itemAt(b, o.b).text}` });
    }
  }
  return out;
}
