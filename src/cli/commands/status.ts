// `berth status`: the apps, their sync status, health, revision and last sync, from the running
// daemon's API; when no daemon answers at the address berth.yaml gives, from the state file (and it
// says so). An address given with --server or BERTH_SERVER names a daemon elsewhere: no fallback
// to a local file that would describe another installation.

import type { Command } from "commander";
import { isBerthError } from "../../util/errors.js";
import type { AppStatusView } from "../../daemon/api/types.js";
import { readStateFile } from "../../state/load.js";
import { appFromState } from "../apps-from-state.js";
import { appProblems, appsTable } from "../apps-table.js";
import { E_API_UNREACHABLE } from "../client.js";
import { addDaemonOptions, connect, type DaemonOptions } from "../daemon-options.js";
import { EXIT_ERROR, ExitCode } from "../exit.js";
import { locateStateFile } from "../reader/open.js";

interface StatusOptions extends DaemonOptions {
  output?: string;
  state?: string;
}

async function fromStateFile(opts: StatusOptions, why: string): Promise<AppStatusView[]> {
  const { path } = locateStateFile({
    ...(opts.state !== undefined ? { state: opts.state } : {}),
    ...(opts.config !== undefined ? { config: opts.config } : {}),
  });
  const loaded = await readStateFile(path);
  if (loaded === undefined) {
    process.stderr.write(`berth: ${why}, and there is no state file at ${path}\n`);
    throw new ExitCode(EXIT_ERROR);
  }
  process.stderr.write(
    `${why}; showing the state file ${path} as saved at ${loaded.data.savedAt} (sync and health unknown)\n`,
  );
  return loaded.data.apps.map(appFromState);
}

export function registerStatus(program: Command): void {
  addDaemonOptions(
    program
      .command("status")
      .description("show each app's sync status, health, revision and last sync (like argocd app list)"),
  )
    .option("-o, --output <format>", "table, wide (full messages) or json", "table")
    .option(
      "--state <file>",
      "state file to read when no daemon answers (default: $BERTH_STATE, else berth.yaml state.path)",
    )
    .action(async (opts: StatusOptions) => {
      const output = opts.output ?? "table";
      if (!["table", "wide", "json"].includes(output)) {
        process.stderr.write(`berth status: unknown output format "${output}" (use table, wide or json)\n`);
        throw new ExitCode(EXIT_ERROR);
      }
      const { client, target } = connect(opts);
      let apps: AppStatusView[];
      try {
        apps = (await client.status()).apps;
      } catch (e) {
        if (!isBerthError(e, E_API_UNREACHABLE) || target.from !== "config") throw e;
        apps = await fromStateFile(opts, e.message);
      }
      if (output === "json") {
        process.stdout.write(`${JSON.stringify({ apps }, null, 2)}\n`);
        return;
      }
      if (apps.length === 0) {
        process.stdout.write("No apps: berth.yaml lists no sources.\n");
        return;
      }
      process.stdout.write(appsTable(apps, Date.now(), { wide: output === "wide" }));
      process.stdout.write(appProblems(apps));
    });
}
