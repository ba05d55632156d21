// `berth rollout status|history deployment/NAME`: kubectl's rollout commands over the daemon's
// state. `status` follows the rollout until it finishes, fails or times out, printing each new
// progress line as kubectl does.

import type { Command } from "commander";
import { parseDuration } from "../../config/duration.js";
import {
  deploymentRolloutHistory,
  deploymentRolloutStatus,
  formatRolloutHistory,
} from "../../controllers/deployment/rollout-status.js";
import type { Deployment } from "../../manifest/types.js";
import { EXIT_ERROR, EXIT_FAIL, ExitCode } from "../exit.js";
import type { ClusterReader } from "../reader/cluster-reader.js";
import { openReader } from "../reader/open.js";
import { readerOptions, type ScopeOptions } from "./read-options.js";

interface RolloutOptions extends ScopeOptions {
  watch: boolean;
  timeout: string;
  revision?: string;
}

/** `deployment/web`, `deployments/web`, `deploy/web`, or `deployment web`. */
export function parseTarget(args: string[]): string {
  const [first, second] = args;
  const m = /^(deployment|deployments|deploy)(?:\.apps)?\/(.+)$/.exec(first ?? "");
  if (m?.[2]) return m[2];
  if (first !== undefined && /^(deployment|deployments|deploy)(\.apps)?$/.test(first) && second)
    return second;
  process.stderr.write('error: specify a deployment: "deployment/NAME" (berth rolls out Deployments)\n');
  throw new ExitCode(EXIT_ERROR);
}

async function findDeployment(
  reader: ClusterReader,
  ns: string,
  name: string,
): Promise<Deployment | undefined> {
  return (await reader.listObjects("Deployment", { namespace: ns })).find((d) => d.metadata.name === name);
}

async function status(args: string[], opts: RolloutOptions): Promise<void> {
  const name = parseTarget(args);
  const reader = openReader(readerOptions(opts));
  const timeoutMs = parseDuration(opts.timeout) ?? 0;
  const deadline = timeoutMs > 0 ? Date.now() + timeoutMs : Infinity;
  const revision = opts.revision === undefined ? undefined : Number(opts.revision);
  let last = "";
  for (;;) {
    const d = await findDeployment(reader, opts.namespace, name);
    if (!d) {
      process.stderr.write(`Error from server (NotFound): deployments.apps "${name}" not found\n`);
      throw new ExitCode(EXIT_FAIL);
    }
    const s = deploymentRolloutStatus(d, revision !== undefined ? { revision } : {});
    if (s.message !== last) {
      (s.error ? process.stderr : process.stdout).write(s.message + "\n");
      last = s.message;
    }
    if (s.error) throw new ExitCode(EXIT_FAIL);
    if (s.done || !opts.watch) return;
    if (Date.now() >= deadline) {
      process.stderr.write(`error: timed out waiting for the condition\n`);
      throw new ExitCode(EXIT_FAIL);
    }
    const ac = new AbortController();
    const timer = setTimeout(() => ac.abort(), Math.min(1000, Math.max(0, deadline - Date.now())));
    await reader.waitForChange(ac.signal);
    clearTimeout(timer);
  }
}

async function history(args: string[], opts: ScopeOptions): Promise<void> {
  const name = parseTarget(args);
  const reader = openReader(readerOptions(opts));
  const d = await findDeployment(reader, opts.namespace, name);
  if (!d) {
    process.stderr.write(`Error from server (NotFound): deployments.apps "${name}" not found\n`);
    throw new ExitCode(EXIT_FAIL);
  }
  const rss = await reader.listObjects("ReplicaSet", { namespace: opts.namespace });
  process.stdout.write(formatRolloutHistory(name, deploymentRolloutHistory(d, rss)));
}

function scope(cmd: Command): Command {
  return cmd
    .option("-n, --namespace <namespace>", "the namespace to look in", "default")
    .option(
      "--state <file>",
      "the daemon's state file (default: $BERTH_STATE, else state.path of berth.yaml)",
    )
    .option("--config <file>", "the berth.yaml whose state.path to read");
}

export function registerRollout(program: Command): void {
  const rollout = program.command("rollout").description("follow and inspect Deployment rollouts");
  scope(
    rollout
      .command("status")
      .description("wait for a Deployment's rollout to finish, showing progress like kubectl")
      .argument("<target...>", "deployment/NAME"),
  )
    .option("-w, --watch [bool]", "keep watching until the rollout finishes", (v) => v !== "false", true)
    .option("--timeout <duration>", "give up after this long (0: never)", "0")
    .option("--revision <n>", "require this revision to be the one running")
    .action((args: string[], opts: RolloutOptions) => status(args, opts));
  scope(
    rollout
      .command("history")
      .description("list a Deployment's revisions (from its ReplicaSets)")
      .argument("<target...>", "deployment/NAME"),
  ).action((args: string[], opts: ScopeOptions) => history(args, opts));
}
