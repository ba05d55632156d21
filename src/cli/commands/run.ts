import type { Command } from "commander";
import { resolve } from "node:path";
import { existsSync } from "node:fs";
import { loadConfig } from "../../config/load.js";
import type { BerthConfig, SourceConfig } from "../../config/types.js";
import { Daemon } from "../../daemon/daemon.js";
import { allControllers } from "../../daemon/controllers.js";
import { buildComponents } from "../../daemon/components.js";
import { waitForConvergence } from "../../daemon/converge.js";
import { createLogger } from "../../daemon/logger.js";
import { Observers } from "../../daemon/observe.js";
import { BerthMetrics } from "../../notify/metrics.js";
import { Notifier } from "../../notify/notifier.js";
import { parseDuration } from "../../config/duration.js";
import { EXIT_ERROR, EXIT_FAIL, ExitCode } from "../exit.js";
import { errorMessage } from "../../util/errors.js";

interface RunOptions {
  repo?: string;
  ref?: string;
  path?: string;
  namespace?: string;
  state?: string;
  config?: string;
  once?: boolean;
  timeout: string;
  logLevel?: string;
  rebuildState?: boolean;
}

/** An app name from a repo: its last path segment without .git ("sample-repo"). */
export function appNameFor(repo: string): string {
  const last = repo.replace(/\/+$/, "").split(/[/:]/).pop() ?? "app";
  const name = last
    .replace(/\.git$/, "")
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return name === "" ? "app" : name.slice(0, 63);
}

/** berth.yaml, with the command line's --repo (and friends) as its one source when given. */
export function effectiveConfig(base: BerthConfig, opts: RunOptions): BerthConfig {
  const config = { ...base };
  if (opts.repo !== undefined) {
    const local = !/^[a-z][a-z0-9+.-]*:\/\//i.test(opts.repo) && !/^[^/]+@[^/]+:/.test(opts.repo);
    const repo = local && existsSync(opts.repo) ? resolve(opts.repo) : opts.repo;
    const d = base.sourceDefaults;
    const source: SourceConfig = {
      ...d,
      name: appNameFor(repo),
      repo,
      ref: opts.ref ?? d.ref,
      path: opts.path ?? d.path,
      namespace: opts.namespace ?? d.namespace,
    };
    config.sources = [source];
  }
  if (opts.state !== undefined) config.state = { path: resolve(opts.state) };
  if (opts.logLevel !== undefined)
    config.log = { ...config.log, level: opts.logLevel as BerthConfig["log"]["level"] };
  return config;
}

export function registerRun(program: Command): void {
  program
    .command("run")
    .description("keep the Docker hosts equal to the manifests in git (the daemon)")
    .option("--repo <path|url>", "git repository to follow (overrides the sources in berth.yaml)")
    .option("--ref <ref>", "branch, tag or commit (default: the repository's default branch)")
    .option("--path <dir>", "directory of manifests inside the repository")
    .option("-n, --namespace <ns>", "namespace for objects that name none")
    .option("--state <file>", "state file (default: berth.yaml state.path)")
    .option("-c, --config <file>", "berth.yaml (default: $BERTH_CONFIG or ./berth.yaml)")
    .option("--once", "sync once, wait until everything runs (or --timeout), then exit")
    .option("--timeout <duration>", "with --once: how long to wait for convergence", "5m")
    .option("--log-level <level>", "trace, debug, info, warn, error")
    .option("--rebuild-state", "move an unreadable state file aside and rebuild from Docker and git")
    .action(async (opts: RunOptions) => {
      const config = effectiveConfig(await loadConfig(opts.config), opts);
      if (config.sources.length === 0) {
        process.stderr.write("berth run: no sources: give --repo, or list sources in berth.yaml\n");
        throw new ExitCode(EXIT_ERROR);
      }
      const log = createLogger(config.log);
      const metrics = new BerthMetrics();
      const notifier = new Notifier(config.notifications, { logger: log.child({ component: "notify" }) });
      let observers: Observers | undefined;
      const daemon = new Daemon({
        config,
        statePath: config.state.path,
        rebuildState: opts.rebuildState === true,
        log,
        controllers: allControllers(),
        components: (d) => {
          observers = new Observers(d, metrics, notifier, log);
          return buildComponents(d, { metrics, observers, log });
        },
        onPass: (app, outcome) => observers?.onPass(app, outcome),
        onSourceLook: (app, ms, ok) => metrics.recordGitFetch(app.name, ms, ok),
      });
      await daemon.start();

      if (opts.once) {
        const timeoutMs = parseDuration(opts.timeout);
        if (timeoutMs === undefined) {
          process.stderr.write(`berth run: --timeout: not a duration: "${opts.timeout}" (e.g. 90s, 5m)\n`);
          throw new ExitCode(EXIT_ERROR);
        }
        const result = await waitForConvergence(daemon, timeoutMs);
        process.stdout.write(result.report + "\n");
        await daemon.stop();
        if (!result.converged) throw new ExitCode(EXIT_FAIL);
        return;
      }

      await new Promise<void>((done) => {
        let stopping = false;
        const stop = (signal: string) => {
          if (stopping) return;
          stopping = true;
          log.info({ signal }, "shutting down: finishing the step in flight; workloads keep running");
          daemon.stop().then(done, (e: unknown) => {
            log.error({ err: errorMessage(e) }, "shutdown failed");
            done();
          });
        };
        process.once("SIGTERM", () => stop("SIGTERM"));
        process.once("SIGINT", () => stop("SIGINT"));
      });
    });
}
