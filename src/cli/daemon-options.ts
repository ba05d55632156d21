// Options shared by the commands that talk to a running daemon (status, sync): where it is, its token,
// and the berth.yaml to read both from when they are not given.

import type { Command } from "commander";
import { loadConfig } from "../config/load.js";
import type { BerthConfig } from "../config/types.js";
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

/** The client, plus a loader of berth.yaml that reads the file at most once. */
export async function connect(
  opts: DaemonOptions,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ client: BerthClient; target: ServerTarget; config: () => Promise<BerthConfig> }> {
  let loaded: Promise<BerthConfig> | undefined;
  const config = (): Promise<BerthConfig> => (loaded ??= loadConfig(opts.config, env));
  const flags = {
    ...(opts.server !== undefined ? { server: opts.server } : {}),
    ...(opts.token !== undefined ? { token: opts.token } : {}),
  };
  const target = await resolveServer(flags, env, config);
  return { client: new BerthClient(target), target, config };
}
