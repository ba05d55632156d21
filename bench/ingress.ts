// berth's ingress against a direct connection to the backend and against nginx (Debian's, installed
// if missing) proxying to the same backend, side by side in one run. Each runs as its own process;
// the load generator (bench/ingress/load.ts) runs here and measures them in interleaved slices.
// Two phases: 1 connection (the latency of one request at a time: what a proxy adds) and 16
// connections (throughput). CPU per request is each proxy's own CPU time, the figure least
// disturbed by other work on the machine. Goal: berth's latency within 1.5× nginx's.
// Run: npx tsx bench/ingress.ts   (BENCH_SECONDS, default 6: measured seconds per target and phase)
import { join } from "node:path";
import { interleaved } from "./ingress/load.js";
import { startNginx, startScript, stopAll } from "./ingress/processes.js";

const seconds = Number(process.env.BENCH_SECONDS ?? 6);
const rounds = 6;
const here = join(import.meta.dirname, "ingress");
const ratio = (a: number, b: number): number => (b === 0 ? 0 : Math.round((a / b) * 100) / 100);
const ms = (v: number): number => Math.round(v * 1000) / 1000;

process.on("SIGINT", () => void stopAll().then(() => process.exit(130)));

try {
  const backend = await startScript("backend", join(here, "backend.ts"), []);
  const berth = await startScript("berth", join(here, "berth-proxy.ts"), [String(backend.port)]);
  const nginx = await startNginx(backend.port);
  const pid = (c: { process: { pid?: number | undefined } }): number => c.process.pid ?? 0;
  const targets = {
    direct: { port: backend.port },
    berth: { port: berth.port, pid: pid(berth) },
    nginx: { port: nginx.port, pid: pid(nginx) },
  };
  const latency = await interleaved(targets, "bench.local", 1, seconds, rounds);
  const throughput = await interleaved(targets, "bench.local", 16, seconds, rounds);
  const errors = [...Object.values(latency), ...Object.values(throughput)].reduce(
    (n, r) => n + r.errors + r.non200,
    0,
  );
  const p50Ratio = ratio(latency.berth.p50Ms, latency.nginx.p50Ms);
  console.log(
    JSON.stringify({
      bench: "ingress",
      secondsPerMeasurement: seconds,
      latency,
      throughput,
      addedLatencyP50Ms: {
        berth: ms(latency.berth.p50Ms - latency.direct.p50Ms),
        nginx: ms(latency.nginx.p50Ms - latency.direct.p50Ms),
      },
      addedLatencyP99Ms: {
        berth: ms(latency.berth.p99Ms - latency.direct.p99Ms),
        nginx: ms(latency.nginx.p99Ms - latency.direct.p99Ms),
      },
      ratios: {
        berthToNginxLatencyP50: p50Ratio,
        berthToNginxLatencyP99: ratio(latency.berth.p99Ms, latency.nginx.p99Ms),
        berthToNginxLatencyMean: ratio(latency.berth.meanMs, latency.nginx.meanMs),
        berthToNginxAddedLatencyP50: ratio(
          latency.berth.p50Ms - latency.direct.p50Ms,
          latency.nginx.p50Ms - latency.direct.p50Ms,
        ),
        berthToNginxLatencyP50Loaded: ratio(throughput.berth.p50Ms, throughput.nginx.p50Ms),
        berthToNginxLatencyP99Loaded: ratio(throughput.berth.p99Ms, throughput.nginx.p99Ms),
        berthToNginxRequestsPerSecond: ratio(
          throughput.berth.requestsPerSecond,
          throughput.nginx.requestsPerSecond,
        ),
        berthToDirectRequestsPerSecond: ratio(
          throughput.berth.requestsPerSecond,
          throughput.direct.requestsPerSecond,
        ),
        nginxToDirectRequestsPerSecond: ratio(
          throughput.nginx.requestsPerSecond,
          throughput.direct.requestsPerSecond,
        ),
        berthToNginxCpuPerRequest: ratio(
          throughput.berth.cpuMicrosPerRequest ?? 0,
          throughput.nginx.cpuMicrosPerRequest ?? 0,
        ),
      },
      goal: "berth's p50 latency (1 connection) within 1.5x nginx's",
      goalMet: p50Ratio <= 1.5,
      errors,
    }),
  );
} finally {
  await stopAll();
}
