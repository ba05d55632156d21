// `berth get -w`: the table once, then a row for each object that changed (or appeared, or went
// away: its last row) whenever the data changes, with column widths kept from earlier rows, until
// the signal aborts — as kubectl get --watch prints.

import type { Clock } from "../../util/clock.js";
import { viewContext } from "../printers/context.js";
import {
  displaySafe,
  noResourcesMessage,
  notFoundMessage,
  tableFor,
  type GetOutputOptions,
} from "../printers/get-output.js";
import { nameOf, toJson, toYaml } from "../printers/structured.js";
import { renderTable, type TableData } from "../printers/table.js";
import { RememberedWidths } from "../printers/tabwriter.js";
import type { ClusterReader } from "../reader/cluster-reader.js";
import type { ResourceRequest } from "./args.js";
import { fetchRequest, podsForNodes, type FetchScope, type Fetched } from "./fetch.js";
import type { ViewObject } from "./list.js";

export interface WatchIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

function keyOf(o: ViewObject): string {
  return `${o.metadata.namespace ?? ""}/${o.metadata.name}`;
}

export async function watchGet(
  reader: ClusterReader,
  req: ResourceRequest,
  scope: FetchScope,
  opts: GetOutputOptions,
  io: WatchIO,
  clock: Clock,
  signal: AbortSignal,
): Promise<void> {
  const remembered = new RememberedWidths();
  const print = async (f: Fetched, headers: boolean): Promise<void> => {
    if (f.items.length === 0) return;
    switch (opts.output) {
      case "json":
        for (const o of f.items) io.stdout(toJson(displaySafe(o)));
        return;
      case "yaml":
        for (const o of f.items) io.stdout(`---\n${toYaml(displaySafe(o))}`);
        return;
      case "name":
        for (const o of f.items) io.stdout(`${nameOf(f.type.kind, o.metadata.name)}\n`);
        return;
      default: {
        const ctx = viewContext(clock.now(), await podsForNodes(reader, [f]), opts.output === "wide");
        const data: TableData = tableFor(f, ctx, opts);
        io.stdout(renderTable(data, { noHeaders: !headers || opts.noHeaders === true }, remembered));
      }
    }
  };

  let current = await fetchRequest(reader, req, scope);
  for (const name of current.missing) io.stderr(notFoundMessage(req.type, name));
  if (current.items.length === 0 && current.missing.length === 0) {
    io.stderr(noResourcesMessage(scope.namespace, [req.type]));
  }
  await print(current, true);
  let headerPrinted = current.items.length > 0;
  for (;;) {
    await reader.waitForChange(signal);
    if (signal.aborted) break;
    const next = await fetchRequest(reader, req, scope);
    const before = new Map(current.items.map((o) => [keyOf(o), JSON.stringify(o)]));
    const after = new Set(next.items.map(keyOf));
    const changed = next.items.filter((o) => before.get(keyOf(o)) !== JSON.stringify(o));
    const gone = current.items.filter((o) => !after.has(keyOf(o)));
    const rows = [...changed, ...gone];
    if (rows.length > 0) {
      await print({ ...next, items: rows, missing: [] }, !headerPrinted);
      headerPrinted = true;
    }
    current = next;
  }
}
