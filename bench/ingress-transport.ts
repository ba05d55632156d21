// Which transport berth's ingress forwards with: the smallest reverse proxy written on node:http
// (keep-alive Agent), on undici's Pool.stream and on undici's dispatch API, same header handling,
// each in its own process, against the same backend; a direct connection as the baseline.
// Measured like bench/ingress.ts (interleaved slices, 1 and 16 connections, CPU per request).
// Run: npx tsx bench/ingress-transport.ts   (BENCH_SECONDS, default 6)
import { join } from "node:path";
import { interleaved } from "./ingress/load.js";
import { startScript, stopAll } from "./ingress/processes.js";

const seconds = Number(process.env.BENCH_SECONDS ?? 6);
const here = join(import.meta.dirname, "ingress");
const ratio = (a: number, b: number): number => (b === 0 ? 0 : Math.round((a / b) * 100) / 100);

process.on("SIGINT", () => void stopAll().then(() => process.exit(130)));

try {
  const backend = await startScript("backend", join(here, "backend.ts"), []);
  const proxy = async (kind: string): Promise<{ port: number; pid: number }> => {
    const c = await startScript(kind, join(here, "minimal-proxy.ts"), [kind, String(backend.port)]);
    return { port: c.port, pid: c.process.pid ?? 0 };
  };
  const targets = {
    direct: { port: backend.port },
    nodeHttp: await proxy("node"),
    undiciStream: await proxy("undici"),
    undiciDispatch: await proxy("undici-dispatch"),
  };
  const latency = await interleaved(targets, "bench.local", 1, seconds, 6);
  const throughput = await interleaved(targets, "bench.local", 16, seconds, 6);
  const vsNode = (k: "undiciStream" | "undiciDispatch"): Record<string, number> => ({
    latencyP50: ratio(latency[k].p50Ms, latency.nodeHttp.p50Ms),
    latencyP99: ratio(latency[k].p99Ms, latency.nodeHttp.p99Ms),
    requestsPerSecond: ratio(throughput[k].requestsPerSecond, throughput.nodeHttp.requestsPerSecond),
    cpuPerRequest: ratio(
      throughput[k].cpuMicrosPerRequest ?? 0,
      throughput.nodeHttp.cpuMicrosPerRequest ?? 0,
    ),
  });
  console.log(
    JSON.stringify({
      bench: "ingress-transport",
      secondsPerMeasurement: seconds,
      latency,
      throughput,
      ratiosToNodeHttp: { undiciStream: vsNode("undiciStream"), undiciDispatch: vsNode("undiciDispatch") },
    }),
  );
} finally {
  await stopAll();
}
