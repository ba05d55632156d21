// Shared pieces of the daemon e2e tests: a real git repository with a commit helper, a free
// loopback port, the real `berth run` process started on a berth.yaml of the test's own (API on a
// free port with a token, its own state file, node name and namespace), waits that poll the API or
// `docker ps` with a deadline, and clean-up of the test's containers one at a time.

import { execFileSync, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join } from "node:path";

export const BERTH = join(import.meta.dirname, "../../bin/berth.js");

export const suffix = (): string => Math.random().toString(36).slice(2, 8);

export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const srv = createServer().listen(0, "127.0.0.1", () => {
      const p = (srv.address() as { port: number }).port;
      srv.close(() => resolve(p));
    });
    srv.on("error", reject);
  });

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls `f` until it returns something other than undefined, or throws naming `what` at `ms`. */
export async function until<T>(
  what: string,
  f: () => T | undefined | Promise<T | undefined>,
  ms = 60_000,
): Promise<T> {
  const end = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const v = await f();
      if (v !== undefined) return v;
    } catch (e) {
      last = e; // the daemon may not answer yet: keep polling until the deadline
    }
    if (Date.now() > end)
      throw new Error(
        `timed out after ${ms} ms waiting for ${what}${last instanceof Error ? ` (last error: ${last.message})` : ""}`,
      );
    await sleep(250);
  }
}

/** A git repository whose manifests live under `m/`. */
export class TempRepo {
  constructor(readonly dir: string) {
    mkdirSync(join(dir, "m"), { recursive: true });
    execFileSync("git", ["init", "-q", "-b", "main", dir]);
  }

  write(file: string, content: string): this {
    const path = join(this.dir, "m", file);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
    return this;
  }

  remove(file: string): this {
    rmSync(join(this.dir, "m", file));
    return this;
  }

  /** Commits everything and returns the new commit's full SHA. */
  commit(message: string): string {
    execFileSync("git", ["-C", this.dir, "add", "-A"]);
    execFileSync("git", [
      "-C",
      this.dir,
      "-c",
      "user.name=t",
      "-c",
      "user.email=t@t",
      "commit",
      "-qm",
      message,
    ]);
    return execFileSync("git", ["-C", this.dir, "rev-parse", "HEAD"], { encoding: "utf8" }).trim();
  }
}

/** A Deployment of `replicas` pods of `image`; `extra` goes into its spec (e.g. minReadySeconds). */
export const deployment = (
  name: string,
  image: string,
  replicas: number,
  extra = "",
): string => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}}
spec:
  replicas: ${replicas}
${extra}  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      terminationGracePeriodSeconds: 2
      containers: [{name: web, image: "${image}"}]
`;

export interface AppStatus {
  name: string;
  revision?: { sha: string; subject?: string };
  sync: { status: string; message?: string };
  health: { status: string; message?: string };
  lastSync?: { result: string; revision?: { sha: string }; errors?: string[] };
  lastGoodRevision?: { sha: string };
  errors: string[];
  operation?: { phase: string };
}

export interface DaemonOptions {
  dir: string;
  /** berth.yaml's `sources` list, as YAML flow mappings (one per entry). */
  sources: string[];
  /** More top-level berth.yaml text (notifications, webhooks, ...). */
  extra?: string;
}

/** One `berth run` process and what a test needs to talk to it. */
export class Daemon {
  proc: ChildProcess | undefined;
  readonly token = `tok-${suffix()}${suffix()}`;
  readonly node = `e2e-${suffix()}`;
  readonly config: string;
  readonly state: string;
  readonly logFile: string;
  private starts = 0;

  private constructor(
    private readonly opts: DaemonOptions,
    readonly port: number,
  ) {
    this.config = join(opts.dir, "berth.yaml");
    this.state = join(opts.dir, "state.json");
    this.logFile = join(opts.dir, "berth.log");
    // A node name of its own: an agent removes containers of its node it does not know, so two
    // daemons sharing a node name on one engine would remove each other's containers. No ingress:
    // the default 127.0.0.1:8080 would collide with other daemons on this machine.
    writeFileSync(
      this.config,
      [
        `nodes: [{name: ${this.node}, endpoint: "unix:///var/run/docker.sock"}]`,
        `ingress: {http: null}`,
        `api: {listen: "127.0.0.1:${port}", token: ${this.token}}`,
        `state: {path: ${this.state}}`,
        `log: {format: json}`,
        `sources:`,
        ...opts.sources.map((s) => `  - ${s}`),
        opts.extra ?? "",
      ].join("\n"),
    );
  }

  static async start(opts: DaemonOptions): Promise<Daemon> {
    const d = new Daemon(opts, await freePort());
    await d.spawn();
    return d;
  }

  /** Starts (or restarts, on the same berth.yaml and state file) the process; resolves once it serves. */
  async spawn(): Promise<void> {
    const log = createWriteStream(this.logFile, { flags: "a" });
    log.write(`--- start ${++this.starts}\n`);
    const proc = spawn("node", [BERTH, "run", "-c", this.config, "--log-level", "info"], {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, NO_COLOR: "1", BERTH_CACHE_DIR: join(this.opts.dir, "cache") },
    });
    proc.stdout.pipe(log);
    proc.stderr.pipe(log);
    this.proc = proc;
    await until(
      "the daemon's API",
      async () => {
        if (proc.exitCode !== null)
          throw new Error(`berth exited with ${proc.exitCode}: ${this.log().slice(-2000)}`);
        const r = await fetch(`http://127.0.0.1:${this.port}/healthz`);
        return r.ok ? true : undefined;
      },
      30_000,
    ).catch((e: unknown) => {
      throw new Error(`${String(e)}\n${this.log().slice(-3000)}`);
    });
  }

  log(): string {
    try {
      return readFileSync(this.logFile, "utf8");
    } catch {
      return "";
    }
  }

  /** Ends the process with `signal` and waits for it to exit. */
  async stop(signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
    const proc = this.proc;
    if (proc?.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise((r) => proc.once("exit", r));
    proc.kill(signal);
    await exited;
  }

  async request(
    method: string,
    path: string,
    init: { body?: string; headers?: Record<string, string> } = {},
  ): Promise<Response> {
    return fetch(`http://127.0.0.1:${this.port}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.token}`, ...init.headers },
      ...(init.body !== undefined ? { body: init.body } : {}),
    });
  }

  async get<T>(path: string): Promise<T> {
    const r = await this.request("GET", path);
    if (!r.ok) throw new Error(`GET ${path}: ${r.status} ${await r.text()}`);
    return (await r.json()) as T;
  }

  app(name: string): Promise<AppStatus> {
    return this.get<AppStatus>(`/api/v1/apps/${name}`);
  }

  /** Waits until the app is Synced and Healthy at `sha`. */
  converged(app: string, sha: string, ms = 90_000): Promise<AppStatus> {
    return until(
      `${app} Synced/Healthy at ${sha.slice(0, 7)}`,
      async () => {
        const s = await this.app(app);
        return s.revision?.sha === sha &&
          s.sync.status === "Synced" &&
          s.health.status === "Healthy" &&
          !s.operation
          ? s
          : undefined;
      },
      ms,
    ).catch(async (e: unknown) => {
      throw new Error(`${String(e)}; last status ${JSON.stringify(await this.app(app).catch(() => null))}`);
    });
  }
}

export interface Container {
  id: string;
  image: string;
  pod: string;
  role: string;
  state: string;
}

/** Every container (running or not) berth created for pods of namespace `ns`, per Docker's labels. */
export function containersOf(ns: string, role?: "app" | "sandbox"): Container[] {
  const filters = ["--filter", `label=io.berth.pod.namespace=${ns}`];
  if (role) filters.push("--filter", `label=io.berth.role=${role}`);
  const out = execFileSync(
    "docker",
    [
      "ps",
      "-a",
      ...filters,
      "--format",
      '{{.ID}} {{.Image}} {{.Label "io.berth.pod.name"}} {{.Label "io.berth.role"}} {{.State}}',
    ],
    { encoding: "utf8", timeout: 30_000 },
  );
  return out
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => {
      const [id = "", image = "", pod = "", r = "", state = ""] = l.split(" ");
      return { id, image, pod, role: r, state };
    });
}

const ids = (filters: string[]): string[] =>
  execFileSync("docker", ["ps", "-aq", ...filters.flatMap((f) => ["--filter", `label=${f}`])], {
    encoding: "utf8",
    timeout: 30_000,
  })
    .split("\n")
    .filter((l) => l !== "");

const volumes = (label: string): string[] =>
  execFileSync("docker", ["volume", "ls", "-q", "--filter", `label=${label}`], {
    encoding: "utf8",
    timeout: 30_000,
  })
    .split("\n")
    .filter((l) => l !== "");

/**
 * Removes what a test's daemon made on the engine: the namespace's pod containers and service
 * proxies (and, given the daemon's node name, anything else labelled with it), one at a time —
 * parallel removals can deadlock Docker 20.10 —, their volumes (pod volumes, termination-message
 * volumes, claims), then the namespace network.
 */
export function cleanNamespace(ns: string, node?: string): void {
  const all = new Set([
    ...ids([`io.berth.pod.namespace=${ns}`]),
    ...ids([`io.berth.service.namespace=${ns}`]),
    ...(node ? ids([`io.berth.node=${node}`]) : []),
  ]);
  for (const id of all) spawnSync("docker", ["rm", "-f", id], { stdio: "ignore", timeout: 60_000 });
  const vols = new Set([
    ...volumes(`io.berth.pod.namespace=${ns}`),
    ...volumes(`io.berth.namespace=${ns}`),
    ...(node ? volumes(`io.berth.node=${node}`) : []),
  ]);
  for (const v of vols) spawnSync("docker", ["volume", "rm", v], { stdio: "ignore", timeout: 30_000 });
  const net = `berth-ns-${ns}`;
  // Service proxies of other berths on this engine join every namespace network: detach them so
  // the network can go (they stay running on their own networks).
  const attached = spawnSync(
    "docker",
    ["network", "inspect", net, "--format", "{{range $id, $c := .Containers}}{{$id}} {{end}}"],
    { encoding: "utf8", timeout: 30_000 },
  );
  for (const id of attached.stdout.split(" ").filter((x) => x.trim() !== ""))
    spawnSync("docker", ["network", "disconnect", "-f", net, id.trim()], {
      stdio: "ignore",
      timeout: 30_000,
    });
  spawnSync("docker", ["network", "rm", net], { stdio: "ignore", timeout: 30_000 });
}
