// kubectl describe's PrefixWriter: lines written at an indentation level (two spaces per level),
// cells separated by tabs, laid out by the tabwriter (padding 2). flush() ends an alignment block,
// as kubectl flushes before the Events table.

import { DESCRIBE_TABWRITER, tabwrite } from "../tabwriter.js";

export const LEVEL_0 = 0;
export const LEVEL_1 = 1;
export const LEVEL_2 = 2;
export const LEVEL_3 = 3;

export class DescribeWriter {
  private readonly done: string[] = [];
  private current = "";

  /** Writes `text` (which carries its own tabs and newlines) after `level` indentation. */
  write(level: number, text: string): void {
    this.current += "  ".repeat(level) + text;
  }

  /** Formats what was written so far on its own: later lines do not change its alignment. */
  flush(): void {
    if (this.current !== "") this.done.push(tabwrite(this.current, DESCRIBE_TABWRITER));
    this.current = "";
  }

  toString(): string {
    this.flush();
    return this.done.join("");
  }
}
