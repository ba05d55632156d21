// The real `berth run` process for the end-to-end benchmarks: a local git repository it watches,
// one node on a chosen engine, its HTTP API polled on loopback. Everything it creates is removed
// at the end, one container at a time (parallel removals can deadlock Docker 20.10, moby#46661).

import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Docker from "dockerode";
import { LABEL } from "../../src/runtime/labels.js";
import type { Pod } from "../../src/manifest/types.js";
import { freePort } from "../ingress/processes.js";

const BERTH = join(import.meta.dirname, "../../bin/berth.js");

export interface BerthDaemonOptions {
  /** Namespace and node name prefix; a random suffix keeps runs apart. */
  tag: string;
  /** Engine socket path, e.g. /run/berth-test/n3.sock. */
  socket: string;
  /** The node's address (where its published ports answer). */
  address: string;
  /** Initial files of the repository's manifest directory. */
  files: Record<string, string>;
  /** Most pods on the node (default 110 is too few for the idle benchmark). */
  podCapacity?: number;
}

export class BerthDaemon {
  readonly ns: string;
  readonly node: string;
  readonly docker: Docker;
  private readonly dir: string;
  private readonly repo: string;
  private process: ChildProcess | undefined;
  private port = 0;
  /** performance.now() when the process was spawned (to line up a --cpu-prof profile). */
  spawnedAt = 0;

  constructor(private readonly opts: BerthDaemonOptions) {
    const id = Math.random().toString(36).slice(2, 8);
    this.ns = `${opts.tag}-${id}`;
    this.node = `${opts.tag}-${id}`;
    this.docker = new Docker({ socketPath: opts.socket, version: "v1.41" });
    this.dir = mkdtempSync(join(tmpdir(), `berth-${opts.tag}-`));
    this.repo = join(this.dir, "repo");
    mkdirSync(join(this.repo, "m"), { recursive: true });
    execFileSync("git", ["init", "-q", "-b", "main", this.repo]);
  }

  get pid(): number {
    const pid = this.process?.pid;
    if (pid === undefined) throw new Error("berth is not running");
    return pid;
  }

  /** Writes the manifest files and commits them; resolves after `git commit` returns. */
  commit(files: Record<string, string>, message: string): void {
    for (const [f, c] of Object.entries(files)) writeFileSync(join(this.repo, "m", f), c);
    execFileSync("git", ["-C", this.repo, "add", "-A"]);
    execFileSync("git", [
      "-C",
      this.repo,
      "-c",
      "user.name=b",
      "-c",
      "user.email=b@b",
      "commit",
      "-qm",
      message,
    ]);
  }

  async start(): Promise<void> {
    this.commit(this.opts.files, "init");
    this.port = await freePort();
    const config = join(this.dir, "berth.yaml");
    const capacity =
      this.opts.podCapacity !== undefined ? `, capacity: {pods: ${this.opts.podCapacity}}` : "";
    writeFileSync(
      config,
      [
        `nodes:`,
        `  - {name: ${this.node}, endpoint: "unix://${this.opts.socket}", address: ${this.opts.address}${capacity}}`,
        `sources:`,
        `  - {name: ${this.ns}, repo: ${this.repo}, path: m, namespace: ${this.ns}}`,
        `api: {listen: "127.0.0.1:${this.port}"}`,
        `ingress: {http: null}`,
        `state: {path: ${join(this.dir, "state.json")}}`,
        ``,
      ].join("\n"),
    );
    // BENCH_BERTH_LOG_LEVEL=debug shows (on stderr, JSON lines) where the time goes.
    const logLevel = process.env.BENCH_BERTH_LOG_LEVEL ?? "warn";
    // BENCH_BERTH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the daemon.
    const nodeArgs = (process.env.BENCH_BERTH_NODE_ARGS ?? "").split(" ").filter((a) => a !== "");
    this.spawnedAt = performance.now();
    const child = spawn(
      process.execPath,
      [...nodeArgs, BERTH, "run", "-c", config, "--log-level", logLevel],
      {
        stdio: ["ignore", logLevel === "warn" ? "ignore" : "pipe", "inherit"],
      },
    );
    child.stdout?.pipe(process.stderr);
    this.process = child;
    child.on("exit", (code, signal) => {
      if (this.process === child) process.stderr.write(`berth exited early: ${code ?? signal}\n`);
    });
    await until("the berth API", 30_000, async () => ((await this.get("/healthz")) ? true : undefined));
  }

  private async get(path: string): Promise<string | undefined> {
    try {
      const res = await fetch(`http://127.0.0.1:${this.port}${path}`);
      return res.ok ? await res.text() : undefined;
    } catch {
      return undefined;
    }
  }

  /** The namespace's pods, those matching a label selector (kubectl's -l) if given. */
  async pods(selector?: string): Promise<Pod[]> {
    const query = selector !== undefined ? `&selector=${encodeURIComponent(selector)}` : "";
    const body = await this.get(`/api/v1/objects?kind=pods&namespace=${this.ns}${query}`);
    return body === undefined ? [] : (JSON.parse(body) as { items: Pod[] }).items;
  }

  /** Resolves with performance.now() once exactly `count` pods exist, all running `image`. */
  async allRunning(
    count: number,
    image: string,
    timeoutMs: number,
    opts: { selector?: string; pollMs?: number } = {},
  ): Promise<number> {
    const { selector, pollMs = 100 } = opts;
    const check = async (): Promise<number | undefined> => {
      const pods = await this.pods(selector);
      const ok =
        pods.length === count &&
        pods.every(
          (p) =>
            p.metadata.deletionTimestamp === undefined &&
            p.spec.containers.every((c) => c.image === image) &&
            isRunning(p),
        );
      return ok ? performance.now() : undefined;
    };
    return until(`${count} pods running ${image}`, timeoutMs, check, pollMs);
  }

  /** Stops berth (SIGTERM), then removes what it left on the engine. */
  async stop(): Promise<void> {
    const child = this.process;
    this.process = undefined;
    if (child?.exitCode === null) {
      const exited = new Promise<boolean>((r) => child.once("exit", () => r(true)));
      child.kill("SIGTERM");
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<boolean>((r) => (timer = setTimeout(() => r(false), 20_000)));
      if (!(await Promise.race([exited, timeout]))) child.kill("SIGKILL");
      clearTimeout(timer);
    }
    await removeBerthObjects(this.docker, this.node, this.ns);
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export function isRunning(p: Pod): boolean {
  return p.status?.phase === "Running" && (p.status.containerStatuses ?? []).every((s) => s.state.running);
}

/** Containers of the node one at a time (a 20.10 engine deadlocks on parallel removals), then the
 * node's volumes and the namespace network. */
export async function removeBerthObjects(docker: Docker, node: string, ns: string): Promise<void> {
  const filters = { label: [`${LABEL.node}=${node}`] };
  for (const c of await docker.listContainers({ all: true, filters }))
    await docker.getContainer(c.Id).remove({ force: true });
  const vols = await docker.listVolumes({ filters });
  for (const v of vols.Volumes)
    await docker
      .getVolume(v.Name)
      .remove({ force: true })
      .catch(() => undefined);
  await docker
    .getNetwork(`berth-ns-${ns}`)
    .remove()
    .catch(() => undefined);
}

export async function until<T>(
  what: string,
  timeoutMs: number,
  f: () => Promise<T | undefined>,
  pollMs = 100,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await f();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, pollMs));
  }
}

export function deployment(opts: {
  /** Deployment name and its pods' app label; default "app". */
  name?: string;
  replicas: number;
  image: string;
  maxSurge?: number;
  maxUnavailable?: number;
  command?: string[];
}): string {
  const strategy =
    opts.maxSurge !== undefined || opts.maxUnavailable !== undefined
      ? `  strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: ${opts.maxSurge ?? 0}, maxUnavailable: ${opts.maxUnavailable ?? 0}}}\n`
      : "";
  const command = opts.command ? `, command: ${JSON.stringify(opts.command)}` : "";
  const name = opts.name ?? "app";
  return `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}}
spec:
  replicas: ${opts.replicas}
  selector: {matchLabels: {app: ${name}}}
${strategy}  template:
    metadata: {labels: {app: ${name}}}
    spec:
      terminationGracePeriodSeconds: 5
      containers: [{name: c, image: "${opts.image}"${command}}]
`;
}
