// What `berth get` prints for fetched objects, as kubectl get does: tables (one per type, blank line
// between, `kind/name` when types are mixed), or json/yaml (one object when exactly one was named,
// else a List), or names; NotFound errors and "No resources found" on stderr. Pure.

import type { Secret } from "../../manifest/types.js";
import { isHashedSecretValue } from "../../state/secrets.js";
import type { Fetched } from "../view/fetch.js";
import type { ViewObject } from "../view/list.js";
import { qualifiedName, type ResourceType } from "../view/resource-types.js";
import { COLUMNS } from "./columns.js";
import type { ViewContext } from "./context.js";
import { nameOf, structuredValue, toJson, toYaml } from "./structured.js";
import { renderTable, tableData, type Column, type TableData, type TableItem } from "./table.js";

export const OUTPUT_FORMATS = ["wide", "json", "yaml", "name"] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export interface GetOutputOptions {
  output?: OutputFormat;
  /** Absent with -A. */
  namespace?: string;
  noHeaders?: boolean;
  showLabels?: boolean;
  labelColumns?: readonly string[];
  /** Exactly one object was asked for by name: -o json/yaml print it bare, not in a List. */
  single?: boolean;
  mixedKinds?: boolean;
}

export interface CommandOutput {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** `pods`, `deployments.apps`: how kubectl names a resource in errors. */
export function resourceName(type: ResourceType): string {
  return type.group === "" ? type.resource : `${type.resource}.${type.group}`;
}

export function notFoundMessage(type: ResourceType, name: string): string {
  return `Error from server (NotFound): ${resourceName(type)} "${name}" not found\n`;
}

/** "No resources found in default namespace." (or without a namespace for -A and cluster types). */
export function noResourcesMessage(namespace: string | undefined, types: readonly ResourceType[]): string {
  const namespaced = types.every((t) => t.namespaced);
  return namespace !== undefined && namespaced
    ? `No resources found in ${namespace} namespace.\n`
    : "No resources found\n";
}

/**
 * Secret values as the state file keeps them are hashes; anything else (a reader that holds real
 * values) is replaced, so no output path can print a value.
 */
export function displaySafe(o: ViewObject): ViewObject {
  if (o.kind !== "Secret") return o;
  const redact = (m: Record<string, string> | undefined): Record<string, string> | undefined =>
    m === undefined
      ? undefined
      : Object.fromEntries(Object.entries(m).map(([k, v]) => [k, isHashedSecretValue(v) ? v : "<redacted>"]));
  const out: Secret = { ...o };
  const data = redact(o.data);
  const stringData = redact(o.stringData);
  if (data) out.data = data;
  if (stringData) out.stringData = stringData;
  return out;
}

/** The table of one fetched type (headers and rows, before layout). */
export function tableFor(f: Fetched, ctx: ViewContext, opts: GetOutputOptions): TableData {
  const columns = COLUMNS[f.type.kind] as unknown as readonly Column<TableItem, ViewContext>[];
  return tableData(columns, f.items as TableItem[], ctx, {
    wide: opts.output === "wide",
    withNamespace: opts.namespace === undefined && f.type.namespaced,
    ...(opts.mixedKinds ? { kindPrefix: qualifiedName(f.type) } : {}),
    ...(opts.showLabels ? { showLabels: true } : {}),
    ...(opts.labelColumns ? { labelColumns: opts.labelColumns } : {}),
  });
}

export function renderGet(
  fetched: readonly Fetched[],
  ctx: ViewContext,
  opts: GetOutputOptions,
): CommandOutput {
  let stderr = "";
  for (const f of fetched) for (const name of f.missing) stderr += notFoundMessage(f.type, name);
  const exitCode = stderr === "" ? 0 : 1;
  const items = fetched.flatMap((f) => f.items);
  let stdout = "";
  switch (opts.output) {
    case "json":
    case "yaml": {
      // kubectl prints nothing for a single name that was not found.
      if (opts.single === true && items.length === 0) break;
      const value = structuredValue(items.map(displaySafe), opts.single === true);
      stdout = opts.output === "json" ? toJson(value) : toYaml(value);
      break;
    }
    case "name":
      stdout = fetched
        .flatMap((f) => f.items.map((o) => `${nameOf(f.type.kind, o.metadata.name)}\n`))
        .join("");
      break;
    default:
      stdout = fetched
        .filter((f) => f.items.length > 0)
        .map((f) => renderTable(tableFor(f, ctx, opts), opts))
        .join("\n");
  }
  const wantsMessage = opts.output !== "json" && opts.output !== "yaml";
  if (items.length === 0 && exitCode === 0 && wantsMessage) {
    stderr += noResourcesMessage(
      opts.namespace,
      fetched.map((f) => f.type),
    );
  }
  return { stdout, stderr, exitCode };
}
