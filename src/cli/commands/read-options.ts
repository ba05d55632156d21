// Options and error handling shared by the read-side commands (get, describe).

import type { Command } from "commander";
import { parseSelector } from "../../manifest/selector.js";
import type { LabelSelector } from "../../manifest/types.js";
import { isBerthError } from "../../util/errors.js";
import { EXIT_ERROR, ExitCode } from "../exit.js";
import type { ReaderOptions } from "../reader/open.js";
import { E_USAGE, usageError } from "../view/args.js";

export interface ScopeOptions {
  namespace: string;
  allNamespaces?: boolean;
  selector?: string;
  state?: string;
  config?: string;
  server?: string;
  token?: string;
}

export function addScopeOptions(cmd: Command): Command {
  return cmd
    .option("-n, --namespace <namespace>", "the namespace to look in", "default")
    .option("-A, --all-namespaces", "look in every namespace")
    .option("-l, --selector <selector>", "label selector: a=b, a!=b, 'a in (x,y)', a, !a (comma-separated)")
    .option(
      "--state <file>",
      "the daemon's state file (default: $BERTH_STATE, else state.path of berth.yaml, else the default path)",
    )
    .option(
      "--config <file>",
      "the berth.yaml whose state.path to read (default: $BERTH_CONFIG, else ./berth.yaml)",
    )
    .option(
      "--server <url>",
      "read from the daemon's API here (default: $BERTH_SERVER, else berth.yaml api.listen)",
    )
    .option("--token <token>", "the API's token (default: $BERTH_TOKEN, else berth.yaml api.token)");
}

/** The reader options of the scope flags. */
export function readerOptions(opts: ScopeOptions): ReaderOptions {
  return {
    ...(opts.state !== undefined ? { state: opts.state } : {}),
    ...(opts.config !== undefined ? { config: opts.config } : {}),
    ...(opts.server !== undefined ? { server: opts.server } : {}),
    ...(opts.token !== undefined ? { token: opts.token } : {}),
  };
}

export function selectorOption(text: string | undefined): LabelSelector | undefined {
  if (text === undefined) return undefined;
  try {
    return parseSelector(text);
  } catch (e) {
    throw usageError(`unable to parse requirement: ${(e as Error).message}`);
  }
}

/** Runs a command body; usage mistakes print `error: …` and exit 2, as kubectl prints them. */
export async function withUsageErrors(body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (e) {
    if (isBerthError(e, E_USAGE)) {
      process.stderr.write(`error: ${e.message}\n`);
      throw new ExitCode(EXIT_ERROR);
    }
    throw e;
  }
}
