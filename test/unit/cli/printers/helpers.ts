// Printing a table the way `berth get` does, at the fixture clock.

import { COLUMNS } from "../../../../src/cli/printers/columns.js";
import { viewContext } from "../../../../src/cli/printers/context.js";
import {
  printTable,
  type Column,
  type TableItem,
  type TableOptions,
} from "../../../../src/cli/printers/table.js";
import type { Pod } from "../../../../src/manifest/types.js";
import type { ViewKind } from "../../../../src/cli/view/resource-types.js";
import type { ViewObjectOf } from "../../../../src/cli/view/list.js";
import type { ViewContext } from "../../../../src/cli/printers/context.js";
import { NOW } from "../../../support/cli-cluster.js";

export function table<K extends ViewKind>(
  kind: K,
  items: readonly ViewObjectOf<K>[],
  opts: TableOptions = {},
  pods: readonly Pod[] = [],
  now = NOW,
): string {
  const columns = COLUMNS[kind] as unknown as readonly Column<TableItem, ViewContext>[];
  return printTable(
    columns,
    items as unknown as TableItem[],
    viewContext(now, pods, opts.wide === true),
    opts,
  );
}

/** Lines joined with "\n" plus a final newline: goldens read as the table they are. */
export function lines(...rows: string[]): string {
  return `${rows.join("\n")}\n`;
}
