// `berth sync [APP] [--wait] [--timeout 5m]`: asks the daemon to look at the repository now (every app,
// or one). With --wait it waits for the pass and prints its outcome — a spinner with the phase on a
// terminal — and exits 1 when a pass failed, 2 when the daemon cannot be reached or the wait timed out.

import type { Command } from "commander";
import { parseDuration } from "../../config/duration.js";
import type { SyncPassResult } from "../../daemon/api/types.js";
import { BerthError } from "../../util/errors.js";
import type { BerthClient } from "../client.js";
import { addDaemonOptions, connect, type DaemonOptions } from "../daemon-options.js";
import { EXIT_ERROR, EXIT_FAIL, ExitCode } from "../exit.js";
import { Progress } from "../progress.js";

interface SyncOptions extends DaemonOptions {
  wait?: boolean;
  timeout: string;
}

function revision(r: { sha: string; subject: string } | undefined): string {
  return r === undefined ? "" : `${r.sha.slice(0, 7)} "${r.subject}"`;
}

export function formatResult(r: SyncPassResult): string {
  if (r.result === "succeeded") {
    const rev = revision(r.revision);
    if (!r.changed) return `${r.app}: in sync${rev ? ` at ${rev}` : ""}, nothing to change\n`;
    return `${r.app}: synced${rev ? ` to ${rev}` : ""}\n`;
  }
  const lines = [
    `${r.app}: sync failed${r.attemptedRevision ? `: revision ${revision(r.attemptedRevision)} was not applied` : ""}`,
    ...r.errors.map((e) => `  - ${e}`),
  ];
  if (r.revision) lines.push(`  still applied: ${revision(r.revision)}`);
  if (r.retryable === true) lines.push("  berth retries by itself");
  return `${lines.join("\n")}\n`;
}

/** Polls the apps' operation phase for the spinner; errors only mean a stale phase. */
function followPhases(
  client: BerthClient,
  apps: string[] | undefined,
  progress: Progress,
  signal: AbortSignal,
): void {
  const poll = async (): Promise<void> => {
    while (!signal.aborted) {
      try {
        const status = await client.status();
        const running = status.apps.filter(
          (a) => a.operation && (apps === undefined || apps.includes(a.name)),
        );
        progress.update(
          running.map((a) => `${a.name}: ${a.operation?.phase ?? ""}`).join(", ") || "waiting for the pass",
        );
      } catch {
        // The next poll may work; the sync request itself reports real failures.
      }
      await new Promise((resolve) => setTimeout(resolve, 500).unref());
    }
  };
  void poll();
}

export function registerSync(program: Command): void {
  addDaemonOptions(
    program
      .command("sync")
      .description("make the daemon look at the repository now (all apps, or APP); --wait for the outcome")
      .argument("[app]", "the app (berth.yaml source name); default: every app"),
  )
    .option("--wait", "wait for the pass and print its outcome; exit 1 if it failed")
    .option("--timeout <duration>", "how long --wait waits", "5m")
    .action(async (app: string | undefined, opts: SyncOptions) => {
      const timeoutMs = parseDuration(opts.timeout);
      if (timeoutMs === undefined || timeoutMs === 0) {
        throw new BerthError("E_USAGE", `--timeout ${opts.timeout}: expected a duration such as 30s or 5m`);
      }
      const { client } = connect(opts);
      if (opts.wait !== true) {
        const r = await client.sync(app, { wait: false });
        process.stdout.write(`sync requested: ${r.triggered.join(", ") || "no apps"}\n`);
        return;
      }
      const stop = new AbortController();
      const progress = new Progress(process.stderr, `syncing ${app ?? "all apps"}`);
      if (progress.enabled)
        followPhases(client, app === undefined ? undefined : [app], progress, stop.signal);
      let results: SyncPassResult[];
      try {
        results =
          (await client.sync(app, { wait: true, signal: AbortSignal.timeout(timeoutMs) })).results ?? [];
      } catch (e) {
        if (!(e instanceof Error && e.name === "TimeoutError")) throw e;
        progress.done();
        process.stderr.write(
          `berth sync: no outcome within ${opts.timeout}; the pass goes on in the daemon (see berth status)\n`,
        );
        throw new ExitCode(EXIT_ERROR);
      } finally {
        stop.abort();
        progress.done();
      }
      for (const r of results) process.stdout.write(formatResult(r));
      if (results.some((r) => r.result === "failed")) throw new ExitCode(EXIT_FAIL);
    });
}
