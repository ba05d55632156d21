// The daemon's cost while nothing changes (issue #7): the real `berth run` process with a
// Deployment of N pods (busybox sleep; 200 by default) running on test host n3, then its CPU over a
// window starting a minute after the last pod runs (utime + stime of /proc/<pid>/stat, children
// included) and its memory (VmRSS, VmHWM of /proc/<pid>/status). Nothing polls the daemon during
// the window. Goals: CPU < 1% of one core,
// RSS < 150 MB. Afterwards the Deployment is scaled down in steps through git (berth removes pods
// with its sandbox network operations serialised), then berth stops and what is left is removed one
// container at a time. Prints one JSON object.
//
//   npx tsx bench/idle-daemon.ts [pods=200] [windowSeconds=30]     BENCH_PODS, BENCH_IDLE_SECONDS
//   BENCH_SOCKET=/run/berth-test/n3.sock BENCH_ADDRESS=10.231.0.3 (the defaults)

import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { BerthDaemon, deployment, until } from "./lib/berth-daemon.js";

const PODS = Number(process.argv[2] ?? process.env.BENCH_PODS ?? 200);
const WINDOW_SECONDS = Number(process.argv[3] ?? process.env.BENCH_IDLE_SECONDS ?? 30);
/** After the last pod runs: let start-up work finish — event aggregation, the first relists, and
 * V8's memory reducer, which runs full garbage collections of the start-up heap for a while after
 * allocation calms down (a profile of a 15 s settle showed 250 ms of GC in the 30 s window, most
 * of the daemon's CPU). BENCH_SETTLE_SECONDS to change. */
const SETTLE_SECONDS = Number(process.env.BENCH_SETTLE_SECONDS ?? 60);
const SOCKET = process.env.BENCH_SOCKET ?? "/run/berth-test/n3.sock";
const ADDRESS = process.env.BENCH_ADDRESS ?? "10.231.0.3";
const IMAGE = "berth.local/busybox:1";
const COMMAND = ["sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait"];
const SCALE_DOWN_STEP = 25;
const GOAL_CPU_PERCENT = 1;
const GOAL_RSS_MB = 150;
const CLK_TCK = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim());

/** CPU seconds the process (and its reaped children) used so far. */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // Fields after the command name (which may hold spaces), from field 3 (state) on.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0); // utime stime cutime cstime
  return ticks / CLK_TCK;
}

function statusMb(pid: number, field: "VmRSS" | "VmHWM"): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8")
    .split("\n")
    .find((l) => l.startsWith(`${field}:`));
  return Number(line?.split(/\s+/)[1] ?? NaN) / 1024;
}

const spec = (replicas: number) => ({
  "sleep.yaml": deployment({ name: "sleep", replicas, image: IMAGE, command: COMMAND }),
});

async function main(): Promise<void> {
  const berth = new BerthDaemon({
    tag: "idle",
    socket: SOCKET,
    address: ADDRESS,
    files: spec(PODS),
    podCapacity: PODS + 10,
  });
  let out: Record<string, unknown>;
  try {
    const t0 = performance.now();
    await berth.start();
    await berth.allRunning(PODS, IMAGE, 15 * 60_000, { pollMs: 1000 });
    const startupMs = performance.now() - t0;
    await new Promise((r) => setTimeout(r, SETTLE_SECONDS * 1000));

    const pid = berth.pid;
    const cpu0 = cpuSeconds(pid);
    const w0 = performance.now();
    await new Promise((r) => setTimeout(r, WINDOW_SECONDS * 1000));
    const cpuPercent = ((cpuSeconds(pid) - cpu0) / ((performance.now() - w0) / 1000)) * 100;
    if (process.env.BENCH_BERTH_NODE_ARGS !== undefined)
      process.stderr.write(
        `window: ${Math.round(w0 - berth.spawnedAt)}..${Math.round(performance.now() - berth.spawnedAt)} ms after spawn\n`,
      );
    const rssMb = statusMb(pid, "VmRSS");
    const hwmMb = statusMb(pid, "VmHWM");
    // Still all there: the window measured a daemon holding N pods, not one losing them.
    const stillRunning = (await berth.pods()).length;

    out = {
      pods: PODS,
      podsAtEnd: stillRunning,
      engine: SOCKET,
      startupToAllRunningMs: Math.round(startupMs),
      settleSeconds: SETTLE_SECONDS,
      windowSeconds: WINDOW_SECONDS,
      cpuPercentOfOneCore: Number(cpuPercent.toFixed(2)),
      rssMb: Number(rssMb.toFixed(1)),
      peakRssMb: Number(hwmMb.toFixed(1)),
      goals: { cpuPercentOfOneCore: `< ${GOAL_CPU_PERCENT}`, rssMb: `< ${GOAL_RSS_MB}` },
      pass: { cpu: cpuPercent < GOAL_CPU_PERCENT, rss: rssMb < GOAL_RSS_MB },
    };

    // Scale down in steps, so the engine never sees many containers leave a network at once.
    for (let n = PODS - SCALE_DOWN_STEP; ; n -= SCALE_DOWN_STEP) {
      const target = Math.max(n, 0);
      berth.commit(spec(target), `scale to ${target}`);
      await until(
        `${target} pods`,
        10 * 60_000,
        async () => ((await berth.pods()).length === target ? true : undefined),
        1000,
      );
      if (target === 0) break;
    }
  } finally {
    await berth.stop();
  }
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
}

await main();
