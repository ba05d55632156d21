// `berth logs POD [-c CONTAINER] [-n NS] [-f] [--previous] [--tail N]`: a container's logs, as
// `kubectl logs` prints them, read straight from the node's Docker engine (the daemon need not run).

import { resolve } from "node:path";
import type { Command } from "commander";
import { isBerthError } from "../../util/errors.js";
import { E_CONFIG } from "../../config/errors.js";
import { loadConfig } from "../../config/load.js";
import { writeLogs } from "../logs/read.js";
import { E_LOGS_BAD_REQUEST, E_LOGS_NOT_FOUND, E_LOGS_USAGE } from "../logs/target.js";
import { EXIT_ERROR, ExitCode } from "../exit.js";

interface LogsFlags {
  container?: string;
  namespace: string;
  follow?: boolean;
  previous?: boolean;
  tail?: string;
  timestamps?: boolean;
  state?: string;
  config?: string;
}

/** kubectl's prefixes: client mistakes are `error:`, refusals `Error from server (Reason):`. */
function describe(e: unknown): string | undefined {
  if (isBerthError(e, E_LOGS_USAGE)) return `error: ${e.message}`;
  if (isBerthError(e, E_LOGS_NOT_FOUND)) return `Error from server (NotFound): ${e.message}`;
  if (isBerthError(e, E_LOGS_BAD_REQUEST)) return `Error from server (BadRequest): ${e.message}`;
  if (isBerthError(e, E_CONFIG)) return e.describe();
  return undefined;
}

export function registerLogs(program: Command): void {
  program
    .command("logs")
    .description("print the logs of a container in a pod (read from the node's Docker engine)")
    .argument("<pod>", "the pod: NAME or pod/NAME")
    .option("-c, --container <name>", "the container (needed when the pod has several)")
    .option("-n, --namespace <namespace>", "the pod's namespace", "default")
    .option("-f, --follow", "keep printing new lines until the container stops")
    .option("-p, --previous", "the previous instance of the container (after a restart)")
    .option("--tail <lines>", "only the last N lines (-1: all)")
    .option("--timestamps", "prefix each line with its time")
    .option("--state <file>", "the daemon's state file (default: $BERTH_STATE, else berth.yaml's state.path)")
    .option("--config <file>", "berth.yaml (default: $BERTH_CONFIG, else ./berth.yaml)")
    .action(async (pod: string, flags: LogsFlags) => {
      const controller = new AbortController();
      const stop = (): void => controller.abort();
      process.once("SIGINT", stop);
      try {
        if (flags.tail !== undefined && !Number.isInteger(Number(flags.tail))) {
          process.stderr.write(`error: invalid argument "${flags.tail}" for "--tail" flag\n`);
          throw new ExitCode(EXIT_ERROR);
        }
        const config = await loadConfig(flags.config);
        const statePath = flags.state ?? (process.env.BERTH_STATE || config.state.path);
        const tail = flags.tail === undefined ? undefined : Number(flags.tail);
        await writeLogs(
          {
            pod,
            namespace: flags.namespace,
            ...(flags.container !== undefined ? { container: flags.container } : {}),
            follow: flags.follow === true,
            previous: flags.previous === true,
            timestamps: flags.timestamps === true,
            ...(tail !== undefined ? { tail } : {}),
            statePath: resolve(statePath),
            config,
            signal: controller.signal,
          },
          process.stdout,
        );
      } catch (e) {
        const text = describe(e);
        if (text === undefined) throw e;
        process.stderr.write(`${text}\n`);
        throw new ExitCode(EXIT_ERROR);
      } finally {
        process.off("SIGINT", stop);
      }
    });
}
