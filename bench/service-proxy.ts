// Service proxy cost on the local engine: memory of each proxy container (anonymous RSS is the
// per-proxy cost; the node binary's pages are file-backed and shared by every proxy of the engine),
// HTTP latency and throughput through a Service's cluster IP against the same pods dialled
// directly (ratios), and how long a readiness change takes to reach the proxy. Prints one JSON
// object.
//
//   npx tsx bench/service-proxy.ts [proxies] [requests]

import { readFile } from "node:fs/promises";
import http from "node:http";
import { listProxies } from "../src/network/services/proxy-docker.js";
import { IDLE, makeCluster, must, WEB } from "../test/integration/services/harness.js";

const PROXIES = Number(process.argv[2] ?? 10);
const REQUESTS = Number(process.argv[3] ?? 400);
const CONCURRENCY = 16;

const agent = new http.Agent({ keepAlive: false });

/** One GET; `hosts` are taken in turn, so the direct path spreads over the pods as the proxy does. */
let turn = 0;
function get(hosts: string[], port: number): Promise<void> {
  const host = hosts[turn++ % hosts.length] ?? "";
  return new Promise((resolve, reject) => {
    const req = http.get({ host, port, path: "/version", agent }, (res) => {
      res.resume();
      res.on("end", () => resolve());
    });
    req.on("error", reject);
    req.setTimeout(5000, () => req.destroy(new Error("timeout")));
  });
}

async function sequential(hosts: string[], port: number, n: number): Promise<number> {
  const t = performance.now();
  for (let i = 0; i < n; i++) await get(hosts, port);
  return (performance.now() - t) / n;
}

async function parallel(hosts: string[], port: number, n: number): Promise<number> {
  let left = n;
  const t = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (left-- > 0) await get(hosts, port);
    }),
  );
  return n / ((performance.now() - t) / 1000);
}

async function memoryOf(pid: number): Promise<{ anonKiB: number; fileKiB: number }> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const kib = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { anonKiB: kib("RssAnon"), fileKiB: kib("RssFile") };
}

const c = await makeCluster(["n1"]);
try {
  const ns = c.namespace();
  for (let i = 0; i < PROXIES; i++) {
    c.service(ns, `web-${i}`, {
      selector: { app: "web" },
      ports: [{ port: 8080, targetPort: 80, protocol: "TCP" }],
    });
  }
  const pods = [
    await c.runPod("n1", ns, "web-a", { containers: [WEB] }, { labels: { app: "web" } }),
    await c.runPod("n1", ns, "web-b", { containers: [WEB] }, { labels: { app: "web" } }),
  ];
  await c.runPod("n1", ns, "idle", { containers: [IDLE] });
  const started = performance.now();
  await c.controller.settled();
  const settleMs = performance.now() - started;
  const clusterIP = must(c.store.get("Service", ns, "web-0")?.spec.clusterIP, "cluster IP");
  const pod = must(pods[0], "pod");

  // Warm up both paths, then measure.
  const direct = pods.map((p) => p.podIP);
  await sequential(direct, 80, 20);
  await sequential([clusterIP], 8080, 20);
  const directMs = await sequential(direct, 80, REQUESTS);
  const proxiedMs = await sequential([clusterIP], 8080, REQUESTS);
  const directRps = await parallel(direct, 80, REQUESTS);
  const proxiedRps = await parallel([clusterIP], 8080, REQUESTS);

  const node = must(c.nodes.get("n1"), "node");
  const proxies = await listProxies(node.docker, node.name);
  const mem: { anonKiB: number; fileKiB: number; cgroupKiB: number }[] = [];
  for (const p of proxies) {
    const info = await node.docker.getContainer(p.id).inspect();
    const stats = (await node.docker.getContainer(p.id).stats({ stream: false })) as {
      memory_stats: { usage?: number; stats?: { cache?: number } };
    };
    const cgroup = (stats.memory_stats.usage ?? 0) - (stats.memory_stats.stats?.cache ?? 0);
    mem.push({ ...(await memoryOf(info.State.Pid)), cgroupKiB: Math.round(cgroup / 1024) });
  }
  const avg = (f: (m: (typeof mem)[number]) => number) =>
    Math.round(mem.reduce((a, m) => a + f(m), 0) / mem.length);

  // Readiness → proxy: from the status write until the proxy logged its new endpoint list.
  const proxy0 = must(
    proxies.find((p) => p.service === "web-0"),
    "proxy of web-0",
  );
  const t0 = performance.now();
  c.setReady(pod.pod, false);
  let propagationMs = -1;
  while (performance.now() - t0 < 10_000) {
    const logs = (await node.docker.getContainer(proxy0.id).logs({ stdout: true, tail: 1 })).toString();
    if (logs.includes("TCP/8080->1")) {
      propagationMs = Math.round(performance.now() - t0);
      break;
    }
    await new Promise((r) => setTimeout(r, 10));
  }

  console.log(
    JSON.stringify({
      proxies: proxies.length,
      settleAllMs: Math.round(settleMs),
      memoryPerProxyKiB: {
        rssAnon: avg((m) => m.anonKiB),
        rssFileShared: avg((m) => m.fileKiB),
        cgroupNoCache: avg((m) => m.cgroupKiB),
      },
      latencyMs: {
        direct: +directMs.toFixed(3),
        proxied: +proxiedMs.toFixed(3),
        ratio: +(proxiedMs / directMs).toFixed(2),
      },
      throughputRps: {
        concurrency: CONCURRENCY,
        direct: Math.round(directRps),
        proxied: Math.round(proxiedRps),
        ratio: +(proxiedRps / directRps).toFixed(2),
      },
      readinessToProxyMs: propagationMs,
    }),
  );
} finally {
  await c.cleanup();
}
