// Pod start-up through the node agent against the raw Docker API, in one run on one engine:
// - raw: create + start N containers (same image and command) one after another — what a script
//   does; with BENCH_RAW_PARALLEL=1 also with the agent's parallelism (risky on Docker 20.10: racing
//   network attach/detach can deadlock the engine, moby/moby#46661, which berth avoids by starting
//   and stopping sandboxes one at a time);
// - berth: N pods bound to the node appear in the store; timed until every pod is Running. Each
//   pod costs a sandbox (pause container, network, termination volume) plus its app container.
// Then the agent's CPU use while the pods idle. Prints one JSON object.
//
//   npx tsx bench/runtime.ts [pods=30] [idleSeconds=10]
//   BENCH_SOCKET=/run/berth-test/n2.sock npx tsx bench/runtime.ts     (another engine)

import { randomBytes } from "node:crypto";
import Docker from "dockerode";
import type { NodeConfig } from "../src/config/types.js";
import type { Pod } from "../src/manifest/types.js";
import { NodeAgent } from "../src/runtime/agent/node-agent.js";
import { DEFAULT_AGENT_SETTINGS } from "../src/runtime/agent/settings.js";
import { removeNamespaceNetwork } from "../src/runtime/docker/network.js";
import { LABEL } from "../src/runtime/labels.js";
import { DENY_ALL_POLICY } from "../src/runtime/node.js";
import { ObjectStore } from "../src/state/store.js";
import { pool } from "./lib/pool.js";

const PODS = Number(process.argv[2] ?? 30);
const IDLE_SECONDS = Number(process.argv[3] ?? 10);
/** Pods started side by side (the agent's maxParallelPods); the raw parallel run uses the same. */
const PARALLEL = Number(process.env.BENCH_PARALLEL ?? DEFAULT_AGENT_SETTINGS.maxParallelPods);
const IMAGE = "berth.local/busybox:1";
const COMMAND = ["sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait"];
const SOCKET = process.env.BENCH_SOCKET ?? "/var/run/docker.sock";
const RAW_PARALLEL = process.env.BENCH_RAW_PARALLEL === "1";

const runId = `bench${Date.now().toString(36)}${randomBytes(2).toString("hex")}`;
const docker = new Docker({ socketPath: SOCKET, version: "v1.41" });

async function raw(parallel: number, tag: string): Promise<number> {
  const names = Array.from({ length: PODS }, (_, i) => `${runId}-${tag}-${i}`);
  const started = performance.now();
  await pool(names, parallel, async (name) => {
    const c = await docker.createContainer({
      name,
      Image: IMAGE,
      Entrypoint: COMMAND,
      Labels: { "io.berth.test": runId },
      HostConfig: { RestartPolicy: { Name: "no" } },
    });
    await c.start();
  });
  const ms = performance.now() - started;
  // One at a time: racing removals are what deadlocks a 20.10 engine.
  for (const name of names) await docker.getContainer(name).remove({ force: true });
  return ms;
}

function nodeConfig(): NodeConfig {
  return {
    name: runId,
    endpoint: { kind: "unix", url: `unix://${SOCKET}`, socketPath: SOCKET },
    address: process.env.BENCH_ADDRESS ?? "127.0.0.1",
    labels: {},
    taints: [],
    unschedulable: false,
    capacity: { pods: 1000 },
    reserve: { cpuMillis: 0, memoryBytes: 0 },
  };
}

function pod(i: number): Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: `p${i}`, namespace: runId, labels: {}, annotations: {} },
    spec: {
      nodeName: runId,
      restartPolicy: "Always",
      terminationGracePeriodSeconds: 5,
      dnsPolicy: "ClusterFirst",
      containers: [{ name: "app", image: IMAGE, command: COMMAND, imagePullPolicy: "IfNotPresent" }],
    },
  };
}

function running(p: Pod): boolean {
  return p.status?.phase === "Running" && (p.status.containerStatuses ?? []).every((s) => s.state.running);
}

async function berth(): Promise<{ ms: number; agent: NodeAgent; store: ObjectStore }> {
  const store = new ObjectStore();
  const agent = new NodeAgent({
    node: nodeConfig(),
    policy: DENY_ALL_POLICY,
    store,
    settings: { ...DEFAULT_AGENT_SETTINGS, maxParallelPods: PARALLEL },
  });
  await agent.start();
  // Namespace network and pause image already there, as for any pod after the first.
  await docker.getImage(IMAGE).inspect();
  const done = new Promise<number>((resolve) => {
    const up = new Set<string>();
    const unwatch = store.watch((e) => {
      if (e.object.kind !== "Pod" || !running(e.object)) return;
      up.add(e.object.metadata.name);
      if (up.size === PODS) {
        unwatch();
        resolve(performance.now());
      }
    });
  });
  const started = performance.now();
  for (let i = 0; i < PODS; i++) store.create(pod(i));
  const ms = (await done) - started;
  return { ms, agent, store };
}

async function idleCpu(): Promise<number> {
  const before = process.cpuUsage();
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, IDLE_SECONDS * 1000));
  const used = process.cpuUsage(before);
  return ((used.user + used.system) / 1000 / (performance.now() - t0)) * 100;
}

async function cleanup(): Promise<void> {
  const left = await docker.listContainers({ all: true, filters: { label: [`${LABEL.node}=${runId}`] } });
  for (const c of left) await docker.getContainer(c.Id).remove({ force: true });
  const vols = await docker.listVolumes({ filters: { label: [`${LABEL.node}=${runId}`] } });
  for (const v of vols.Volumes) await docker.getVolume(v.Name).remove({ force: true });
  await removeNamespaceNetwork(docker, runId);
  const raws = await docker.listContainers({ all: true, filters: { label: [`io.berth.test=${runId}`] } });
  for (const c of raws) await docker.getContainer(c.Id).remove({ force: true });
}

async function main(): Promise<void> {
  const parallel = PARALLEL;
  try {
    // Warm the engine (image, first network) so neither side pays for it.
    await raw(1, "warm").catch(() => undefined);
    const rawSequentialMs = await raw(1, "seq");
    const rawParallelMs = RAW_PARALLEL ? await raw(parallel, "par") : undefined;
    const b = await berth();
    const idleCpuPercent = await idleCpu();
    await b.agent.stop();
    const out = {
      pods: PODS,
      image: IMAGE,
      parallelism: parallel,
      rawSequentialMs: Math.round(rawSequentialMs),
      ...(rawParallelMs !== undefined ? { rawParallelMs: Math.round(rawParallelMs) } : {}),
      berthMs: Math.round(b.ms),
      ratio: Number((b.ms / rawSequentialMs).toFixed(2)),
      ...(rawParallelMs !== undefined
        ? { ratioVsRawParallel: Number((b.ms / rawParallelMs).toFixed(2)) }
        : {}),
      idleSeconds: IDLE_SECONDS,
      idleCpuPercentOfOneCore: Number(idleCpuPercent.toFixed(2)),
      engine: SOCKET,
    };
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  } finally {
    await cleanup();
  }
}

await main();
