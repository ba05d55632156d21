// From `git commit` to running pods (issue #7), against the raw Docker API floor, in one run on one
// engine (test host n3 by default):
// - berth: the real `berth run` process watching a local repository (chokidar on its refs, no
//   polling). A warm-up Pod is synced first, so the namespace network exists, as it does for any
//   deployment after the first. Then for each size N (1 and 10): a commit adding a Deployment of N
//   replicas; timed from `git commit` until the API shows N pods Running.
// - floor: create + start N containers of the same image and command with dockerode, at most
//   maxParallelPods (8) at once as berth's node agent does, on a user network created beforehand;
//   timed from the first create until the last start returns. No sandbox, no store, no git.
// - sandboxFloor (not part of the goal; it shows what dominates): the Docker work of berth's pod
//   shape without berth — per pod a pause container on the network (create, start, inspect for
//   the IP) and the app container joined to its network namespace (create, start), same parallelism.
// Goal: berth ≤ 1.3 × floor + 0.3 s for each size. Prints one JSON object.
//
// Each size runs BENCH_RUNS (3) times per side; the medians are compared.
//
//   npx tsx bench/commit-to-running.ts [sizes=1,10]
//   BENCH_SOCKET=/run/berth-test/n3.sock BENCH_ADDRESS=10.231.0.3 (the defaults)

import Docker from "dockerode";
import { DEFAULT_AGENT_SETTINGS } from "../src/runtime/agent/settings.js";
import { ensureInfraImage } from "../src/runtime/infra/image.js";
import { BerthDaemon, deployment } from "./lib/berth-daemon.js";
import { pool } from "./lib/pool.js";

const SIZES = (process.argv[2] ?? process.env.BENCH_SIZES ?? "1,10").split(",").map(Number);
const SOCKET = process.env.BENCH_SOCKET ?? "/run/berth-test/n3.sock";
const ADDRESS = process.env.BENCH_ADDRESS ?? "10.231.0.3";
const PARALLEL = DEFAULT_AGENT_SETTINGS.maxParallelPods;
const IMAGE = "berth.local/busybox:1";
const COMMAND = ["sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait"];
const TIMEOUT_MS = 3 * 60_000;
/** Each size is measured this many times on each side; the medians are compared (a shared
 * 2-core machine makes single runs swing by ±50%). */
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const goalMs = (floorMs: number): number => 1.3 * floorMs + 300;

const runId = `c2r${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const docker = new Docker({ socketPath: SOCKET, version: "v1.41" });

/** Milliseconds to create and start n containers (with `sandboxed`, each behind a pause container
 * as berth's pods are); removed afterwards, one at a time. */
async function floor(n: number, network: string, run: number, sandboxed = false): Promise<number> {
  const pause = sandboxed ? await ensureInfraImage(docker) : "";
  const tag = sandboxed ? "sb" : "c";
  const names = Array.from({ length: n }, (_, i) => `${runId}-${tag}${n}-${run}-${i}`);
  const started = performance.now();
  try {
    await pool(names, PARALLEL, async (name) => {
      let netMode = network;
      if (sandboxed) {
        const sb = await docker.createContainer({
          name: `${name}-pause`,
          Image: pause,
          Labels: { "io.berth.test": runId },
          HostConfig: { RestartPolicy: { Name: "no" }, NetworkMode: network },
        });
        await sb.start();
        await sb.inspect();
        netMode = `container:${sb.id}`;
      }
      const c = await docker.createContainer({
        name,
        Image: IMAGE,
        Entrypoint: COMMAND,
        Labels: { "io.berth.test": runId },
        HostConfig: { RestartPolicy: { Name: "no" }, NetworkMode: netMode },
      });
      await c.start();
    });
    return performance.now() - started;
  } finally {
    // One at a time: racing removals are what deadlocks a 20.10 engine (moby#46661). Apps first.
    const all = sandboxed ? [...names, ...names.map((x) => `${x}-pause`)] : names;
    for (const name of all)
      await docker
        .getContainer(name)
        .remove({ force: true })
        .catch(() => undefined);
  }
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? NaN) : ((s[mid - 1] ?? NaN) + (s[mid] ?? NaN)) / 2;
};

function push(m: Map<number, number[]>, n: number, ms: number): void {
  m.set(n, [...(m.get(n) ?? []), ms]);
}

async function floors(): Promise<{ plain: Map<number, number[]>; sandboxed: Map<number, number[]> }> {
  const network = `${runId}-net`;
  await docker.createNetwork({ Name: network, Labels: { "io.berth.test": runId } });
  try {
    await floor(1, network, -1); // warm-up: the image's layers and the network's first endpoint
    await floor(1, network, -1, true);
    const plain = new Map<number, number[]>();
    const sandboxed = new Map<number, number[]>();
    for (let run = 0; run < RUNS; run++)
      for (const n of SIZES) {
        push(plain, n, await floor(n, network, run));
        push(sandboxed, n, await floor(n, network, run, true));
      }
    return { plain, sandboxed };
  } finally {
    await docker
      .getNetwork(network)
      .remove()
      .catch(() => undefined);
  }
}

async function berthTimes(): Promise<Map<number, number[]>> {
  const warm = `apiVersion: v1
kind: Pod
metadata: {name: warm}
spec:
  terminationGracePeriodSeconds: 5
  containers: [{name: c, image: "${IMAGE}", command: ${JSON.stringify(COMMAND)}}]
`;
  const berth = new BerthDaemon({
    tag: "c2r",
    socket: SOCKET,
    address: ADDRESS,
    files: { "warm.yaml": warm },
  });
  const out = new Map<number, number[]>();
  try {
    await berth.start();
    await berth.allRunning(1, IMAGE, TIMEOUT_MS);
    // Each run adds new Deployments (earlier ones keep running: a few dozen pods at most).
    for (let run = 0; run < RUNS; run++)
      for (const n of SIZES) {
        const name = `d${n}-${run}`;
        const file = { [`${name}.yaml`]: deployment({ name, replicas: n, image: IMAGE, command: COMMAND }) };
        const t0 = performance.now();
        berth.commit(file, `deploy ${n}`);
        const done = await berth.allRunning(n, IMAGE, TIMEOUT_MS, { selector: `app=${name}`, pollMs: 25 });
        push(out, n, done - t0);
      }
    return out;
  } finally {
    await berth.stop();
  }
}

async function main(): Promise<void> {
  const { plain: floorMs, sandboxed } = await floors();
  const berthMs = await berthTimes();
  const results = SIZES.map((n) => {
    const f = median(floorMs.get(n) ?? []);
    const sf = median(sandboxed.get(n) ?? []);
    const b = median(berthMs.get(n) ?? []);
    return {
      replicas: n,
      runs: RUNS,
      floorRunsMs: (floorMs.get(n) ?? []).map(Math.round),
      berthRunsMs: (berthMs.get(n) ?? []).map(Math.round),
      floorMs: Math.round(f),
      berthMs: Math.round(b),
      ratio: Number((b / f).toFixed(2)),
      sandboxFloorMs: Math.round(sf),
      ratioToSandboxFloor: Number((b / sf).toFixed(2)),
      goalMs: Math.round(goalMs(f)),
      pass: b <= goalMs(f),
    };
  });
  const out = {
    engine: SOCKET,
    image: IMAGE,
    floorParallelism: PARALLEL,
    goal: "berthMs <= 1.3 * floorMs + 300",
    results,
    pass: results.every((r) => r.pass),
  };
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
}

await main();
