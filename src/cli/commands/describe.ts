// `berth describe TYPE [NAME...]`: kubectl describe for berth — each object in detail with its
// events, read from the running daemon, else its state file. A name that matches no object exactly describes the
// objects whose names start with it, as kubectl does.

import type { Command } from "commander";
import { systemClock } from "../../util/clock.js";
import { ExitCode } from "../exit.js";
import { noResourcesMessage, notFoundMessage } from "../printers/get-output.js";
import { openReader } from "../reader/open.js";
import { parseResourceArgs, usageError } from "../view/args.js";
import { describeFetched } from "../view/describe-view.js";
import { fetchAll, type FetchScope } from "../view/fetch.js";
import {
  addScopeOptions,
  readerOptions,
  selectorOption,
  withUsageErrors,
  type ScopeOptions,
} from "./read-options.js";

async function runDescribe(args: string[], opts: ScopeOptions): Promise<void> {
  const parsed = parseResourceArgs(args, "describe");
  const selector = selectorOption(opts.selector);
  const named = parsed.requests.some((r) => r.names.length > 0);
  if (named && selector) throw usageError("name cannot be provided when a selector is specified");
  const scope: FetchScope = {
    ...(opts.allNamespaces ? {} : { namespace: opts.namespace }),
    ...(selector ? { selector } : {}),
    prefixMatch: true,
  };
  const reader = openReader(readerOptions(opts));
  const fetched = await fetchAll(reader, parsed.requests, scope);
  const texts = await describeFetched(reader, fetched, systemClock.now());
  process.stdout.write(texts.join("\n\n"));
  let missing = "";
  for (const f of fetched) for (const name of f.missing) missing += notFoundMessage(f.type, name);
  process.stderr.write(missing);
  if (missing !== "") throw new ExitCode(1);
  if (texts.length === 0) {
    process.stderr.write(
      noResourcesMessage(
        scope.namespace,
        fetched.map((f) => f.type),
      ),
    );
  }
}

export function registerDescribe(program: Command): void {
  const cmd = program
    .command("describe")
    .description("show objects in detail with their events, as kubectl describe does")
    .argument("[resource...]", "TYPE [NAME_PREFIX...], or TYPE/NAME...");
  addScopeOptions(cmd)
    .addHelpText(
      "after",
      `
Examples:
  berth describe pod web-7d4b9c-x2k4q
  berth describe deploy web
  berth describe nodes
  berth describe pods -l app=web`,
    )
    .action(async (args: string[], opts: ScopeOptions) => {
      await withUsageErrors(() => runDescribe(args, opts));
    });
}
