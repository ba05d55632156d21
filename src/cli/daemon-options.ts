// Options shared by the commands that talk to a running daemon (status, sync): where it is, its token,
// and the berth.yaml to read both from when they are not given.

import type { Command } from "commander";
import { configFileFor, readApiConfig, type ApiConfig } from "./api-config.js";
import { BerthClient, resolveServer, type ServerTarget } from "./client.js";

export interface DaemonOptions {
  server?: string;
  token?: string;
  config?: string;
}

export function addDaemonOptions(cmd: Command): Command {
  return cmd
    .option("--server <url>", "the daemon's API (default: $BERTH_SERVER, else berth.yaml api.listen)")
    .option("--token <token>", "API token (default: $BERTH_TOKEN, else berth.yaml api.token)")
    .option("-c, --config <file>", "berth.yaml to read api.listen and api.token from");
}

/** The client for the daemon the options (or environment, or berth.yaml) name. */
export function connect(
  opts: DaemonOptions,
  env: NodeJS.ProcessEnv = process.env,
): { client: BerthClient; target: ServerTarget } {
  let api: ApiConfig | undefined;
  const apiConfig = (): ApiConfig => (api ??= readApiConfig(configFileFor(opts.config, env), env));
  const flags = {
    ...(opts.server !== undefined ? { server: opts.server } : {}),
    ...(opts.token !== undefined ? { token: opts.token } : {}),
  };
  const target = resolveServer(flags, env, apiConfig);
  return { client: new BerthClient(target), target };
}
