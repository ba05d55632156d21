// Where a proxied request's time goes inside each proxy: the user-space time on the request's
// critical path, from the return of read() (a request from the client, an answer from the backend)
// to the next write()/writev() (that request to the backend, that answer to the client), taken with
// perf's syscall tracepoints under the 1-connection load of bench/ingress.ts. Everything else a
// proxy does (logging, timers, clean-up after the answer is out) runs while the client reads.
// Contenders: nginx; node:http's server over a raw socket (a floor: Node's server, no HTTP client);
// the smallest undici proxy (bench/ingress/minimal-proxy.ts); berth. Needs perf (linux-perf,
// installed if missing) and root. The p50 shown is under tracing, so higher than bench/ingress.ts's.
// Run: npx tsx bench/ingress-critical-path.ts   (BENCH_ROUNDS, default 4: 1.5 s slices per target)
import { spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runLoad } from "./ingress/load.js";
import { startNginx, startScript, stopAll } from "./ingress/processes.js";

const rounds = Number(process.env.BENCH_ROUNDS ?? 4);
const here = join(import.meta.dirname, "ingress");
const median = (a: number[]): number => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)] ?? 0;
const round2 = (v: number): number => Math.round(v * 100) / 100;

function ensurePerf(): void {
  if (spawnSync("sh", ["-c", "command -v perf"]).status === 0) return;
  const install = spawnSync(
    "sh",
    ["-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq linux-perf"],
    { stdio: "inherit" },
  );
  if (install.status !== 0) throw new Error("perf is missing and apt-get install linux-perf failed");
}

interface Target {
  port: number;
  /** The process doing the proxying (nginx's worker, not its master). */
  pid: number;
  /** nginx writes both ways with writev, so its two directions alternate. */
  alternating: boolean;
}

/** Read→write gaps (µs) of one traced slice: [to the backend, to the client]. */
async function traceSlice(t: Target, file: string): Promise<[number[], number[], number]> {
  const events = ["sys_exit_read", "sys_exit_recvfrom", "sys_enter_write", "sys_enter_writev"];
  const perf = spawn(
    "perf",
    ["record", "-q", "-o", file, "-e", events.map((e) => `syscalls:${e}`).join(","), "-p", String(t.pid)],
    { stdio: "ignore" },
  );
  await new Promise((r) => setTimeout(r, 300));
  const load = await runLoad(t.port, "bench.local", 1, 1.5);
  perf.kill("SIGINT");
  await new Promise((r) => perf.once("exit", r));
  const script = spawnSync("perf", ["script", "--ns", "-i", file, "-F", "time,event"], {
    encoding: "utf8",
    maxBuffer: 1 << 28,
  });
  const toBackend: number[] = [];
  const toClient: number[] = [];
  let readAt = -1;
  let n = 0;
  for (const line of script.stdout.split("\n")) {
    const m = /([\d.]+):\s+syscalls:(\w+)/.exec(line);
    if (!m) continue;
    const at = Number(m[1]) * 1e6;
    if (m[2] === "sys_exit_read" || m[2] === "sys_exit_recvfrom") readAt = at;
    else if (readAt >= 0) {
      // Node sends the request with write() (undici, raw socket) and the answer with writev().
      const request = t.alternating ? n++ % 2 === 0 : m[2] === "sys_enter_write";
      (request ? toBackend : toClient).push(at - readAt);
      readAt = -1;
    }
  }
  return [toBackend, toClient, median(load.latencies)];
}

process.on("SIGINT", () => void stopAll().then(() => process.exit(130)));

try {
  ensurePerf();
  const backend = await startScript("backend", join(here, "backend.ts"), []);
  const script = async (name: string, file: string, args: string[]): Promise<Target> => {
    const c = await startScript(name, join(here, file), args);
    return { port: c.port, pid: c.process.pid ?? 0, alternating: false };
  };
  const nginx = await startNginx(backend.port);
  await new Promise((r) => setTimeout(r, 500));
  const master = nginx.process.pid ?? 0;
  const worker = Number(
    readFileSync(`/proc/${master}/task/${master}/children`, "utf8").trim().split(/\s+/)[0],
  );
  const targets: Record<string, Target> = {
    nginx: { port: nginx.port, pid: worker, alternating: true },
    nodeServerRawUpstream: await script("raw", "minimal-proxy.ts", ["raw-upstream", String(backend.port)]),
    undiciMinimal: await script("undici", "minimal-proxy.ts", ["undici-dispatch", String(backend.port)]),
    berth: await script("berth", "berth-proxy.ts", [String(backend.port)]),
  };
  const gaps: Record<string, { toBackend: number[]; toClient: number[]; p50: number[] }> = {};
  for (const [name, t] of Object.entries(targets)) {
    gaps[name] = { toBackend: [], toClient: [], p50: [] };
    await runLoad(t.port, "bench.local", 1, 1); // warm up
  }
  for (let r = 0; r < rounds; r += 1) {
    for (const [name, t] of Object.entries(targets)) {
      const [toBackend, toClient, p50] = await traceSlice(t, join(tmpdir(), `berth-bench-${name}.perf`));
      const g = gaps[name];
      if (!g) continue;
      g.toBackend.push(...toBackend);
      g.toClient.push(...toClient);
      g.p50.push(p50);
    }
  }
  const result: Record<string, Record<string, number>> = {};
  for (const [name, g] of Object.entries(gaps)) {
    const req = median(g.toBackend);
    const res = median(g.toClient);
    result[name] = {
      requestPathUs: round2(req),
      responsePathUs: round2(res),
      criticalPathUs: round2(req + res),
      tracedP50Us: round2(median(g.p50) * 1000),
    };
  }
  console.log(JSON.stringify({ bench: "ingress-critical-path", rounds, result }));
} finally {
  await stopAll();
}
