// Terminal output, like `kubectl diff`: per object a title, its implications, and a unified diff
// of its YAML; then one summary line. ANSI colours only when asked (the CLI decides from the TTY
// and NO_COLOR).

import type { Plan } from "../types.js";
import { entryName, shownEntries, summaryLine } from "./summary.js";
import { DEFAULT_CONTEXT, unifiedDiff, type DiffLineKind } from "./unified.js";

export interface TextOptions {
  color?: boolean;
  /** Unchanged lines around each change (3). */
  context?: number;
}

const ANSI = {
  bold: "\x1b[1m",
  red: "\x1b[31m",
  green: "\x1b[32m",
  yellow: "\x1b[33m",
  cyan: "\x1b[36m",
  reset: "\x1b[0m",
};

const LINE_COLOR: Record<DiffLineKind, string> = {
  file: ANSI.bold,
  hunk: ANSI.cyan,
  context: "",
  delete: ANSI.red,
  insert: ANSI.green,
};

export function renderText(plan: Plan, opts: TextOptions = {}): string {
  const paint = (color: string, s: string): string => (opts.color && color ? `${color}${s}${ANSI.reset}` : s);
  const out: string[] = [];
  for (const entry of shownEntries(plan)) {
    out.push(paint(ANSI.bold, `${entryName(entry)} (${entry.action})`));
    for (const i of entry.implications) out.push(paint(ANSI.yellow, `  • ${i.message}`));
    for (const line of unifiedDiff(entry, opts.context ?? DEFAULT_CONTEXT)) {
      out.push(paint(LINE_COLOR[line.kind], line.text));
    }
    out.push("");
  }
  out.push(paint(ANSI.bold, summaryLine(plan)));
  return out.join("\n") + "\n";
}
