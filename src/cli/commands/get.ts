// `berth get TYPE [NAME...]`: kubectl get for berth — the same names, flags, columns and formats,
// read from the running daemon, else its state file (see docs/cli.md).

import type { Command } from "commander";
import { systemClock } from "../../util/clock.js";
import { ExitCode } from "../exit.js";
import { viewContext } from "../printers/context.js";
import {
  OUTPUT_FORMATS,
  renderGet,
  type GetOutputOptions,
  type OutputFormat,
} from "../printers/get-output.js";
import { openReader } from "../reader/open.js";
import { parseResourceArgs, usageError } from "../view/args.js";
import { fetchAll, podsForNodes, type FetchScope } from "../view/fetch.js";
import { watchGet } from "../view/watch.js";
import {
  addScopeOptions,
  readerOptions,
  selectorOption,
  withUsageErrors,
  type ScopeOptions,
} from "./read-options.js";

interface GetOptions extends ScopeOptions {
  output?: string;
  headers: boolean;
  showLabels?: boolean;
  labelColumns?: string[];
  watch?: boolean;
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), ...value.split(",").filter((v) => v !== "")];
}

function outputFormat(text: string | undefined): OutputFormat | undefined {
  if (text === undefined) return undefined;
  if ((OUTPUT_FORMATS as readonly string[]).includes(text)) return text as OutputFormat;
  throw usageError(
    `unable to match a printer suitable for the output format "${text}", allowed formats are: ${[...OUTPUT_FORMATS].sort().join(",")}`,
  );
}

async function runGet(args: string[], opts: GetOptions): Promise<void> {
  const parsed = parseResourceArgs(args, "get");
  const output = outputFormat(opts.output);
  const selector = selectorOption(opts.selector);
  const named = parsed.requests.some((r) => r.names.length > 0);
  if (named && selector) throw usageError("name cannot be provided when a selector is specified");
  if (named && opts.allNamespaces)
    throw usageError("a resource cannot be retrieved by name across all namespaces");
  const scope: FetchScope = {
    ...(opts.allNamespaces ? {} : { namespace: opts.namespace }),
    ...(selector ? { selector } : {}),
  };
  const outOpts: GetOutputOptions = {
    ...(output ? { output } : {}),
    ...(opts.allNamespaces ? {} : { namespace: opts.namespace }),
    noHeaders: !opts.headers,
    showLabels: opts.showLabels === true,
    ...(opts.labelColumns ? { labelColumns: opts.labelColumns } : {}),
    single: parsed.requests.length === 1 && parsed.requests[0]?.names.length === 1,
    mixedKinds: parsed.mixedKinds,
  };
  const reader = openReader(readerOptions(opts));

  if (opts.watch) {
    const [req] = parsed.requests;
    if (parsed.requests.length !== 1 || parsed.mixedKinds || req === undefined) {
      throw usageError("you may only specify a single resource type with --watch");
    }
    const ac = new AbortController();
    const stop = (): void => ac.abort();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
    try {
      await watchGet(
        reader,
        req,
        scope,
        outOpts,
        { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) },
        systemClock,
        ac.signal,
      );
    } finally {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
    }
    return;
  }

  const fetched = await fetchAll(reader, parsed.requests, scope);
  const ctx = viewContext(systemClock.now(), await podsForNodes(reader, fetched), output === "wide");
  const result = renderGet(fetched, ctx, outOpts);
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  if (result.exitCode !== 0) throw new ExitCode(result.exitCode);
}

export function registerGet(program: Command): void {
  const cmd = program
    .command("get")
    .description(
      "list objects as kubectl does: tables, -o wide|json|yaml|name (from the running daemon, else its state file)",
    )
    .argument("[resource...]", "TYPE[,TYPE...] [NAME...], TYPE/NAME..., or all");
  addScopeOptions(cmd)
    .option("-o, --output <format>", `output format: ${OUTPUT_FORMATS.join(", ")}`)
    .option("--no-headers", "print no header row")
    .option("--show-labels", "add a LABELS column")
    .option("-L, --label-columns <keys>", "add a column per label key (comma-separated, repeatable)", collect)
    .option("-w, --watch", "after listing, print a row whenever an object changes (one type only)")
    .addHelpText(
      "after",
      `
Types (kubectl's names and short names):
  pods (po), deployments (deploy), replicasets (rs), daemonsets (ds), statefulsets (sts), jobs,
  cronjobs (cj), services (svc), endpoints (ep), ingresses (ing), configmaps (cm), secrets,
  namespaces (ns), nodes (no), events (ev), all

Examples:
  berth get pods
  berth get deploy,svc -A
  berth get pod/web-7d4b9c-x2k4q -o yaml
  berth get pods -l app=web -o wide`,
    )
    .action(async (args: string[], opts: GetOptions) => {
      await withUsageErrors(() => runGet(args, opts));
    });
}
