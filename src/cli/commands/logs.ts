// `berth logs POD [-c CONTAINER] [-n NS] [-f] [--previous] [--tail N]`: a container's logs, as
// `kubectl logs` prints them, read straight from the node's Docker engine (the daemon need not run).
// The state file is found as `berth get` finds it; only berth.yaml's nodes are read.

import type { Command } from "commander";
import { isBerthError } from "../../util/errors.js";
import { configFileFor } from "../api-config.js";
import { EXIT_ERROR, ExitCode } from "../exit.js";
import { readNodeEndpoints } from "../logs/node-endpoints.js";
import { writeLogs } from "../logs/read.js";
import { locateStateFile } from "../reader/open.js";
import { LogTargetError } from "../../runtime/logs/target.js";

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

/** kubectl's prefixes: its own mistakes are `error:`, the API server's refusals `Error from server`. */
function describe(e: unknown): string | undefined {
  if (e instanceof LogTargetError)
    return e.kind === "usage" ? `error: ${e.message}` : `Error from server (${e.kind}): ${e.message}`;
  if (isBerthError(e)) return `error: ${e.describe()}`;
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
    .option("--config <file>", "berth.yaml, for its nodes (default: $BERTH_CONFIG, else ./berth.yaml)")
    .action(async (pod: string, flags: LogsFlags) => {
      if (flags.tail !== undefined && !Number.isInteger(Number(flags.tail))) {
        process.stderr.write(`error: invalid argument "${flags.tail}" for "--tail" flag\n`);
        throw new ExitCode(EXIT_ERROR);
      }
      const controller = new AbortController();
      const stop = (): void => controller.abort();
      process.once("SIGINT", stop);
      try {
        const located = locateStateFile({
          ...(flags.state !== undefined ? { state: flags.state } : {}),
          ...(flags.config !== undefined ? { config: flags.config } : {}),
        });
        await writeLogs(
          {
            pod,
            namespace: flags.namespace,
            ...(flags.container !== undefined ? { container: flags.container } : {}),
            follow: flags.follow === true,
            previous: flags.previous === true,
            timestamps: flags.timestamps === true,
            ...(flags.tail !== undefined ? { tail: Number(flags.tail) } : {}),
            statePath: located.path,
            nodes: readNodeEndpoints(configFileFor(flags.config, process.env), process.env),
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
