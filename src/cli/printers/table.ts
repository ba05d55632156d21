// The table every `berth get` prints: kubectl's human-readable printer. Column definitions per kind
// are pure functions from an item (and a context: the clock, related objects) to cell text; this file
// decides which columns show (wide, namespace, labels) and lays them out with kubectl's tabwriter.

import { formatLabels } from "./format.js";
import { RememberedWidths, TABLE_TABWRITER, tabwrite } from "./tabwriter.js";

/** What a cell may depend on besides its item. */
export interface PrintContext {
  /** Milliseconds since the epoch: ages are relative to it. */
  now: number;
}

export interface Column<T, C extends PrintContext = PrintContext> {
  /** Upper-case, as printed: "NAME", "PORT(S)", "NOMINATED NODE". */
  header: string;
  /** Only with -o wide (kubectl's priority > 0). */
  wide?: boolean;
  /** The object's name (kubectl's `Format: "name"`): gets the `kind/` prefix when kinds are mixed. */
  name?: boolean;
  cell: (item: T, ctx: C) => string;
}

export interface TableOptions {
  wide?: boolean;
  /** -A: a NAMESPACE column first. */
  withNamespace?: boolean;
  /** Several kinds in one run (get all, get pods,svc): names print as `pod/web`. */
  kindPrefix?: string;
  noHeaders?: boolean;
  /** --show-labels: a LABELS column last. */
  showLabels?: boolean;
  /** -L key: one column per key, headed by the key's last path segment, upper-case. */
  labelColumns?: readonly string[];
}

/** The parts of an item every table needs besides its own columns. */
export interface TableItem {
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
}

/** Header and rows (cells) of a table, before layout. */
export interface TableData {
  headers: string[];
  rows: string[][];
}

export function tableData<T extends TableItem, C extends PrintContext>(
  columns: readonly Column<T, C>[],
  items: readonly T[],
  ctx: C,
  opts: TableOptions = {},
): TableData {
  const shown = columns.filter((c) => opts.wide === true || c.wide !== true);
  const headers: string[] = [];
  if (opts.withNamespace) headers.push("NAMESPACE");
  headers.push(...shown.map((c) => c.header));
  for (const key of opts.labelColumns ?? []) headers.push((key.split("/").pop() ?? key).toUpperCase());
  if (opts.showLabels) headers.push("LABELS");

  const rows = items.map((item) => {
    const row: string[] = [];
    if (opts.withNamespace) row.push(item.metadata.namespace ?? "");
    for (const c of shown) {
      const text = c.cell(item, ctx);
      row.push(c.name === true && opts.kindPrefix !== undefined ? `${opts.kindPrefix}/${text}` : text);
    }
    const labels = item.metadata.labels ?? {};
    for (const key of opts.labelColumns ?? []) row.push(labels[key] ?? "");
    if (opts.showLabels) row.push(formatLabels(labels));
    return row;
  });
  return { headers, rows };
}

/** Lays a table out as kubectl does: left-aligned, 3 spaces between columns, no trailing spaces. */
export function renderTable(
  data: TableData,
  opts: { noHeaders?: boolean } = {},
  remembered?: RememberedWidths,
): string {
  const lines = opts.noHeaders ? data.rows : [data.headers, ...data.rows];
  if (lines.length === 0) return "";
  return tabwrite(lines.map((cells) => `${cells.join("\t")}\n`).join(""), TABLE_TABWRITER, remembered);
}

export function printTable<T extends TableItem, C extends PrintContext>(
  columns: readonly Column<T, C>[],
  items: readonly T[],
  ctx: C,
  opts: TableOptions = {},
): string {
  return renderTable(tableData(columns, items, ctx, opts), opts);
}
