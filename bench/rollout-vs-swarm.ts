// A rolling update of N replicas from web:1 to web:2 (issue #5), berth against Docker Swarm, in one
// run on the same engine (test host n3):
// - swarm: `docker service update --image <web:2's image ID>` of an N-replica service with
//   --update-parallelism P, --update-order stop-first, --update-delay 0s (images by ID: swarm
//   tries to pull a tag before every task, which without a registry waits ~1 min to fail, where
//   berth's IfNotPresent uses the local image); timed from the command
//   until N tasks run web:2 and no other task runs (swarmUpdateCompletedMs is when swarm itself
//   says "completed", which adds its --update-monitor wait, 5 s by default);
// - berth: the real `berth run` process watching a local repository holding a Deployment of N
//   replicas with maxSurge 0 / maxUnavailable P (stop-first with P in flight, as swarm); timed
//   from `git commit` of the new image until N pods run web:2 and no old pod is left.
// Swarm runs first, is removed (one task at a time) and the engine leaves the swarm; then berth.
// The two take turns BENCH_RUNS (3) times; medians are compared. Goal: berth ≤ 0.7 × swarm.
// Prints one JSON object.
//
//   npx tsx bench/rollout-vs-swarm.ts [replicas=30]      BENCH_REPLICAS, BENCH_PARALLEL=5
//   BENCH_SOCKET=/run/berth-test/n3.sock BENCH_ADDRESS=10.231.0.3 (the defaults)

import { BerthDaemon, deployment } from "./lib/berth-daemon.js";
import { SwarmService } from "./lib/swarm.js";

const REPLICAS = Number(process.argv[2] ?? process.env.BENCH_REPLICAS ?? 30);
const PARALLEL = Number(process.env.BENCH_PARALLEL ?? 5);
const SOCKET = process.env.BENCH_SOCKET ?? "/run/berth-test/n3.sock";
const ADDRESS = process.env.BENCH_ADDRESS ?? "10.231.0.3";
const V1 = "berth.local/web:1";
const V2 = "berth.local/web:2";
const GOAL = 0.7;
/** Generous: a rollout on a busy 2-core machine; a stuck one fails the run rather than hang it. */
const TIMEOUT_MS = 5 * 60_000;
/** Swarm and berth take turns this many times; medians are compared (the machine is shared, and
 * one rollout can take half as long again as the next). */
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? NaN) : ((s[mid - 1] ?? NaN) + (s[mid] ?? NaN)) / 2;
};

async function swarmRollout(): Promise<{ ms: number; completedMs: number | undefined }> {
  const svc = new SwarmService(SOCKET, ADDRESS, `bench-roll-${Math.random().toString(36).slice(2, 8)}`);
  try {
    await svc.init();
    const [v1, v2] = [await svc.imageId(V1), await svc.imageId(V2)];
    svc.create(REPLICAS, v1, PARALLEL);
    await svc.allRunning(REPLICAS, v1, TIMEOUT_MS);
    const t0 = performance.now();
    svc.updateImage(v2);
    const converged = svc.allRunning(REPLICAS, v2, TIMEOUT_MS);
    // Swarm's own verdict, watched alongside (without blocking the convergence timing).
    const completed = (async () => {
      const end = Date.now() + TIMEOUT_MS;
      while (Date.now() < end) {
        if ((await svc.updateState()) === "completed") return performance.now() - t0;
        await new Promise((r) => setTimeout(r, 200));
      }
      return undefined;
    })();
    const ms = (await converged) - t0;
    return { ms, completedMs: await completed };
  } finally {
    await svc.remove(REPLICAS);
  }
}

async function berthRollout(): Promise<number> {
  const spec = (image: string) => ({
    "web.yaml": deployment({ replicas: REPLICAS, image, maxSurge: 0, maxUnavailable: PARALLEL }),
  });
  const berth = new BerthDaemon({ tag: "roll", socket: SOCKET, address: ADDRESS, files: spec(V1) });
  try {
    await berth.start();
    await berth.allRunning(REPLICAS, V1, TIMEOUT_MS);
    const t0 = performance.now();
    berth.commit(spec(V2), "web:2");
    return (await berth.allRunning(REPLICAS, V2, TIMEOUT_MS)) - t0;
  } finally {
    await berth.stop();
  }
}

async function main(): Promise<void> {
  const swarmRuns: number[] = [];
  const completedRuns: number[] = [];
  const berthRuns: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const swarm = await swarmRollout();
    swarmRuns.push(swarm.ms);
    if (swarm.completedMs !== undefined) completedRuns.push(swarm.completedMs);
    berthRuns.push(await berthRollout());
  }
  const swarmMs = median(swarmRuns);
  const berthMs = median(berthRuns);
  const ratio = berthMs / swarmMs;
  const out = {
    replicas: REPLICAS,
    parallelism: PARALLEL,
    engine: SOCKET,
    runs: RUNS,
    swarmRunsMs: swarmRuns.map(Math.round),
    berthRunsMs: berthRuns.map(Math.round),
    swarmMs: Math.round(swarmMs),
    ...(completedRuns.length > 0 ? { swarmUpdateCompletedMs: Math.round(median(completedRuns)) } : {}),
    berthMs: Math.round(berthMs),
    ratio: Number(ratio.toFixed(2)),
    goal: `ratio <= ${GOAL}`,
    pass: ratio <= GOAL,
  };
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
}

await main();
