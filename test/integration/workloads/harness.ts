// The whole daemon in-process (apps, controllers, scheduler, node agents, services, API) as
// `berth run` builds it, against a temporary git repository and the real Docker engines. Every run
// has its own namespace and node names, so what it creates carries its labels and `cleanup` removes
// exactly that, one container at a time (moby#46661).

import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Docker from "dockerode";
import pino from "pino";
import { defaultConfig } from "../../../src/config/load.js";
import { unixNode } from "../../support/unix-node.js";
import type { BerthConfig, NodeConfig, PruneConfig } from "../../../src/config/types.js";
import type { AnyController } from "../../../src/controllers/types.js";
import { buildComponents } from "../../../src/daemon/components.js";
import { allControllers } from "../../../src/daemon/controllers.js";
import { Daemon } from "../../../src/daemon/daemon.js";
import { Observers } from "../../../src/daemon/observe.js";
import type { Pod } from "../../../src/manifest/types.js";
import { BerthMetrics } from "../../../src/notify/metrics.js";
import { removeNamespaceNetwork } from "../../../src/runtime/docker/network.js";
import type { AgentSettings } from "../../../src/runtime/agent/settings.js";
import { LABEL } from "../../../src/runtime/labels.js";
import type { Clock } from "../../../src/util/clock.js";
import { pollUntil } from "../../support/poll.js";

export const MAIN_SOCKET = "/var/run/docker.sock";
export const N2_SOCKET = "/run/berth-test/n2.sock";
export const N2_ADDRESS = "10.231.0.2";
export const N3_SOCKET = "/run/berth-test/n3.sock";
export const N3_ADDRESS = "10.231.0.3";

/** Short intervals so convergence takes seconds; the engines are shared, so not shorter. */
const AGENT_SETTINGS: Partial<AgentSettings> = {
  heartbeatIntervalMs: 500,
  heartbeatFailureThreshold: 2,
  heartbeatTimeoutMs: 2_000,
  relistIntervalMs: 1_000,
  fullResyncMs: 10_000,
  eventRepeatMs: 0,
  lifecycle: { crashLoopInitialMs: 1_000, crashLoopMaxMs: 4_000, retryMs: 1_000, killRetryMs: 2_000 },
};

/** Real time plus an offset the test moves forward (CronJob schedules without waiting minutes). */
export class OffsetClock implements Clock {
  private offsetMs = 0;
  now(): number {
    return Date.now() + this.offsetMs;
  }
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

export interface StartOptions {
  nodes?: NodeConfig[];
  clock?: Clock;
  controllers?: AnyController[];
  prune?: Partial<PruneConfig>;
  /** Changes to berth.yaml besides nodes and prune (runtime backoffs, ...). */
  configure?: (c: BerthConfig) => BerthConfig;
  /** Runs once the daemon exists, before it starts (to watch its store from the first change). */
  beforeStart?: (d: Daemon) => void;
}

export interface Harness {
  runId: string;
  namespace: string;
  dir: string;
  /** The main engine as a node with this run's unique name. */
  main: NodeConfig;
  /** Another node of this run; `engine` is the socket of the engine behind `socket` (a proxy). */
  node(suffix: string, socket: string, address: string, engine?: string): NodeConfig;
  /** Writes (string) or removes (null) files under manifests/ and commits; returns the sha. */
  commit(message: string, files: Record<string, string | null>): string;
  start(opts?: StartOptions): Promise<Daemon>;
  /** Stops the daemon (containers keep running); `start` again continues from its state file. */
  stop(): Promise<void>;
  /** The running daemon (throws before start). */
  readonly daemon: Daemon;
  pods(): Pod[];
  until<T>(
    what: string,
    fn: () => T | undefined | false | Promise<T | undefined | false>,
    ms?: number,
  ): Promise<T>;
  docker(socket?: string): Docker;
  /** App containers (not sandboxes or proxies) of this run's namespace on an engine. */
  appContainers(socket?: string, all?: boolean): Promise<Docker.ContainerInfo[]>;
  cleanup(): Promise<void>;
}

export function isReady(p: Pod): boolean {
  return p.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") === true;
}

export function makeHarness(prefix: string): Harness {
  const runId = `${prefix}${Date.now().toString(36).slice(-5)}${randomBytes(2).toString("hex")}`;
  const namespace = runId;
  const dir = mkdtempSync(join(tmpdir(), `berth-${prefix}-`));
  const repo = join(dir, "repo");
  mkdirSync(join(repo, "manifests"), { recursive: true });
  execFileSync("git", ["init", "-q", "-b", "main", repo]);
  const git = (...args: string[]): string =>
    execFileSync("git", ["-C", repo, "-c", "user.name=t", "-c", "user.email=t@t", ...args], {
      encoding: "utf8",
    });

  const sockets = new Map<string, string>(); // node name → engine socket, for cleanup
  const clients = new Map<string, Docker>();
  const docker = (socket = MAIN_SOCKET): Docker => {
    let d = clients.get(socket);
    if (!d) clients.set(socket, (d = new Docker({ socketPath: socket, version: "v1.41" })));
    return d;
  };
  const node = (suffix: string, socket: string, address: string, engine = socket): NodeConfig => {
    const name = `${runId}-${suffix}`;
    sockets.set(name, engine);
    return unixNode(name, socket, address);
  };
  const main = node("main", MAIN_SOCKET, "127.0.0.1");
  let current: Daemon | undefined;

  const config = (opts: StartOptions): BerthConfig => {
    const c = defaultConfig({});
    return {
      ...c,
      nodes: opts.nodes ?? [main],
      // No listener on a fixed port: other sessions run daemons on this machine too.
      ingress: {},
      api: { listen: "127.0.0.1:0" },
      sources: [
        {
          ...c.sourceDefaults,
          name: runId,
          repo,
          path: "manifests",
          namespace,
          pollInterval: 60_000,
          selfHeal: { enabled: true, interval: 2_000 },
          prune: { ...c.sourceDefaults.prune, ...opts.prune },
        },
      ],
      state: { path: join(dir, "state.json") },
    };
  };

  const h: Harness = {
    runId,
    namespace,
    dir,
    main,
    node,
    commit(message, files) {
      for (const [path, content] of Object.entries(files)) {
        const p = join(repo, "manifests", path);
        if (content === null) unlinkSync(p);
        else writeFileSync(p, content);
      }
      git("add", "-A");
      git("commit", "-q", "--allow-empty", "-m", message);
      return git("rev-parse", "HEAD").trim();
    },
    async start(opts = {}) {
      const cfg = opts.configure ? opts.configure(config(opts)) : config(opts);
      const logFile = process.env.BERTH_IT_LOG;
      const log = logFile
        ? pino({ level: "debug" }, pino.destination({ dest: logFile, append: true, sync: true }))
        : pino({ level: "silent" });
      const metrics = new BerthMetrics();
      let observers: Observers | undefined;
      const d = new Daemon({
        config: cfg,
        statePath: cfg.state.path,
        log,
        ...(opts.clock ? { clock: opts.clock } : {}),
        controllers: opts.controllers ?? allControllers(),
        components: (daemon) => {
          observers = new Observers(daemon, metrics, undefined, log);
          return buildComponents(daemon, { metrics, observers, log, agentSettings: AGENT_SETTINGS });
        },
        onPass: (app, outcome) => observers?.onPass(app, outcome),
      });
      current = d;
      opts.beforeStart?.(d);
      await d.start();
      await d.ready;
      return d;
    },
    async stop() {
      await current?.stop();
      current = undefined;
    },
    get daemon(): Daemon {
      if (!current) throw new Error("the daemon is not started");
      return current;
    },
    pods() {
      return h.daemon.store.list("Pod", { namespace });
    },
    until(what, fn, ms = 60_000) {
      return pollUntil(what, fn, ms, 200);
    },
    docker,
    async appContainers(socket = MAIN_SOCKET, all = false) {
      return docker(socket).listContainers({
        all,
        filters: { label: [`${LABEL.podNamespace}=${namespace}`, `${LABEL.role}=app`] },
      });
    },
    async cleanup() {
      await h.stop();
      for (const [name, socket] of sockets) {
        const d = docker(socket);
        try {
          // One at a time: parallel removals can deadlock Docker 20.10's network code.
          const left = await d.listContainers({ all: true, filters: { label: [`${LABEL.node}=${name}`] } });
          for (const c of left) await d.getContainer(c.Id).remove({ force: true });
          const vols = await d.listVolumes({ filters: { label: [`${LABEL.node}=${name}`] } });
          for (const v of vols.Volumes) await d.getVolume(v.Name).remove({ force: true });
        } catch {
          // Best effort: the next node's leftovers are still worth removing.
        }
      }
      for (const socket of new Set(sockets.values())) {
        await removeNamespaceNetwork(docker(socket), namespace).catch(() => undefined);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return h;
}
