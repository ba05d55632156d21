// Go's text/tabwriter, the part kubectl uses: tab-terminated cells, left-aligned, padded with spaces.
// kubectl's tables and describe output are both made with it, and where columns line up (and where
// they do not) follows from its "column block" rule, so berth reproduces the algorithm rather than
// approximating it: a column is aligned across consecutive lines that all have a tab-terminated cell
// in it; the last cell of a line (after its last tab) never belongs to a column.

export interface TabwriterOptions {
  /** Minimal cell width, padding included (kubectl get: 6; describe: 0). */
  minWidth: number;
  /** Spaces added to the widest cell of a column (kubectl get: 3; describe: 2). */
  padding: number;
}

/** What kubectl's get tables use (printers.GetNewTabWriter). */
export const TABLE_TABWRITER: TabwriterOptions = { minWidth: 6, padding: 3 };
/** What kubectl describe uses (tabbedString). */
export const DESCRIBE_TABWRITER: TabwriterOptions = { minWidth: 0, padding: 2 };

/** Width as tabwriter counts it: Unicode code points. */
function textWidth(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/**
 * Column widths remembered between calls (Go's RememberWidths): `berth get -w` prints rows one
 * batch at a time and columns only ever grow, as with kubectl.
 */
export class RememberedWidths {
  readonly widths: number[] = [];
}

/** Formats `text` (lines of tab-separated cells) as Go's tabwriter would. */
export function tabwrite(text: string, opts: TabwriterOptions, remembered?: RememberedWidths): string {
  const endsWithNewline = text.endsWith("\n");
  const rawLines = (endsWithNewline ? text.slice(0, -1) : text).split("\n");
  const lines = rawLines.map((l) => l.split("\t"));
  const out: string[] = [];
  const widths: number[] = [];

  const writeLines = (line0: number, line1: number): void => {
    for (let i = line0; i < line1; i++) {
      const cells = lines[i] ?? [];
      let s = "";
      cells.forEach((cell, j) => {
        s += cell;
        const w = widths[j];
        if (j < cells.length - 1 && w !== undefined) s += " ".repeat(Math.max(0, w - textWidth(cell)));
      });
      out.push(s);
    }
  };

  // A line "has" column c when it has a tab-terminated cell there: more than c + 1 cells.
  const hasColumn = (i: number, c: number): boolean => (lines[i]?.length ?? 0) - 1 > c;

  const format = (line0: number, line1: number): void => {
    const column = widths.length;
    let start = line0;
    let i = line0;
    while (i < line1) {
      if (!hasColumn(i, column)) {
        i++;
        continue;
      }
      writeLines(start, i);
      const blockStart = i;
      let width = opts.minWidth;
      for (; i < line1 && hasColumn(i, column); i++) {
        width = Math.max(width, textWidth(lines[i]?.[column] ?? "") + opts.padding);
      }
      if (remembered) {
        const prev = remembered.widths[column];
        if (prev === undefined || prev < width) remembered.widths[column] = width;
        else width = prev;
      }
      widths.push(width);
      format(blockStart, i);
      widths.pop();
      start = i;
    }
    writeLines(start, line1);
  };

  format(0, lines.length);
  return out.join("\n") + (endsWithNewline ? "\n" : "");
}
