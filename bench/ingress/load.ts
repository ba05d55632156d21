// A closed-loop load generator: `connections` workers, each sending its next GET as soon as the
// previous answer is read, over an undici pool, for a fixed time (and at most maxRequests).
// Latency is measured per request with performance.now(), so sub-millisecond loopback latencies keep
// their resolution (autocannon's histogram rounds to whole milliseconds).
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { Pool } from "undici";

export interface LoadSample {
  latencies: number[];
  seconds: number;
  errors: number;
  non200: number;
  /** CPU seconds the target's processes used meanwhile (0 when not measured). */
  cpuSeconds: number;
}

export interface LoadResult {
  connections: number;
  seconds: number;
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  meanMs: number;
  /** CPU time of the proxy's processes per request (µs); absent for the backend alone. */
  cpuMicrosPerRequest?: number;
  errors: number;
  non200: number;
}

export async function runLoad(
  port: number,
  host: string,
  connections: number,
  seconds: number,
  maxRequests = 5_000_000,
): Promise<LoadSample> {
  const pool = new Pool(`http://127.0.0.1:${port}`, { connections, pipelining: 1, keepAliveTimeout: 60_000 });
  const latencies: number[] = [];
  let errors = 0;
  let non200 = 0;
  let sent = 0;
  const started = performance.now();
  const end = started + seconds * 1000;
  const worker = async (): Promise<void> => {
    while (performance.now() < end && sent < maxRequests) {
      sent += 1;
      const t0 = performance.now();
      try {
        const { statusCode, body } = await pool.request({ path: "/", method: "GET", headers: { host } });
        await body.text();
        if (statusCode !== 200) non200 += 1;
        latencies.push(performance.now() - t0);
      } catch {
        errors += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  const elapsed = (performance.now() - started) / 1000;
  await pool.close();
  return { latencies, seconds: elapsed, errors, non200, cpuSeconds: 0 };
}

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** utime + stime of a process and its direct children (nginx's workers), in seconds. */
export function cpuSecondsOf(pid: number): number {
  const pids = [pid];
  try {
    const kids = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim();
    if (kids !== "") pids.push(...kids.split(/\s+/).map(Number));
  } catch {
    // Not Linux, or the process is gone: no CPU figure.
  }
  let ticks = 0;
  for (const p of pids) {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // Exited meanwhile.
    }
  }
  return ticks / TICKS_PER_SECOND;
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return Math.round((sorted[Math.max(0, i)] ?? 0) * 1000) / 1000;
}

export function summarize(connections: number, samples: LoadSample[], measureCpu: boolean): LoadResult {
  const all = samples.flatMap((s) => s.latencies);
  const seconds = samples.reduce((t, s) => t + s.seconds, 0);
  const cpu = samples.reduce((t, s) => t + s.cpuSeconds, 0);
  const sorted = Float64Array.from(all).sort();
  const result: LoadResult = {
    connections,
    seconds: Math.round(seconds * 100) / 100,
    requests: all.length,
    requestsPerSecond: Math.round(all.length / seconds),
    p50Ms: percentile(sorted, 50),
    p90Ms: percentile(sorted, 90),
    p99Ms: percentile(sorted, 99),
    meanMs: Math.round((all.reduce((t, v) => t + v, 0) / Math.max(1, all.length)) * 1000) / 1000,
    errors: samples.reduce((t, s) => t + s.errors, 0),
    non200: samples.reduce((t, s) => t + s.non200, 0),
  };
  if (measureCpu) result.cpuMicrosPerRequest = Math.round((cpu * 1e6) / Math.max(1, all.length));
  return result;
}

export interface Target {
  port: number;
  /** Whose CPU to count (the proxy); undefined for the backend alone. */
  pid?: number;
}

/**
 * Each target measured in `rounds` short slices taken in turn (A B C A B C …), so a neighbour's
 * load on this shared machine falls on all of them alike instead of on whichever ran at the time.
 */
export async function interleaved<K extends string>(
  targets: Record<K, Target>,
  host: string,
  connections: number,
  seconds: number,
  rounds: number,
): Promise<Record<K, LoadResult>> {
  const names = Object.keys(targets) as K[];
  const samples = new Map<K, LoadSample[]>(names.map((n) => [n, []]));
  for (const n of names) await runLoad(targets[n].port, host, connections, 0.5); // warm up JIT, pools, connections
  for (let r = 0; r < rounds; r += 1) {
    for (const n of names) {
      const { port, pid } = targets[n];
      const before = pid === undefined ? 0 : cpuSecondsOf(pid);
      const s = await runLoad(port, host, connections, seconds / rounds);
      s.cpuSeconds = pid === undefined ? 0 : cpuSecondsOf(pid) - before;
      samples.get(n)?.push(s);
    }
  }
  const out = {} as Record<K, LoadResult>;
  for (const n of names) out[n] = summarize(connections, samples.get(n) ?? [], targets[n].pid !== undefined);
  return out;
}
