// Scheduler throughput: 10,000 pods from 100 ReplicaSets onto 1,000 simulated nodes with
// scheduleAll, once with kube-scheduler's adaptive percentageOfNodesToScore (the default) and once
// scoring every node, side by side. Prints one JSON object.
//
//   npx tsx bench/scheduler.ts [pods] [nodes]

import type { Pod } from "../src/manifest/types.js";
import { buildNodeInfos } from "../src/scheduler/node-info.js";
import { scheduleAll } from "../src/scheduler/schedule.js";
import type { NodeStatus, ScheduleOptions } from "../src/scheduler/types.js";

const PODS = Number(process.argv[2] ?? 10_000);
const NODES = Number(process.argv[3] ?? 1_000);
const OWNERS = 100;

function nodes(): NodeStatus[] {
  return Array.from({ length: NODES }, (_, i) => {
    const n: NodeStatus = {
      name: `node-${String(i).padStart(4, "0")}`,
      labels: { zone: `z${i % 3}`, disk: i % 4 === 0 ? "ssd" : "hdd" },
      ready: i % 97 !== 0,
      unschedulable: i % 101 === 0,
      allocatable: { cpuMillis: 8000 - 100, memoryBytes: 32 * 2 ** 30 - 256 * 2 ** 20, pods: 110 },
    };
    if (i % 10 === 0) n.taints = [{ key: "dedicated", value: "gpu", effect: "NoSchedule" }];
    if (i % 7 === 0) n.taints = [...(n.taints ?? []), { key: "spot", effect: "PreferNoSchedule" }];
    return n;
  });
}

function pods(): Pod[] {
  return Array.from({ length: PODS }, (_, i) => {
    const owner = i % OWNERS;
    const pod: Pod = {
      apiVersion: "v1",
      kind: "Pod",
      metadata: {
        name: `rs-${owner}-${i}`,
        namespace: "default",
        uid: `pod-${i}`,
        ownerReferences: [
          {
            apiVersion: "apps/v1",
            kind: "ReplicaSet",
            name: `rs-${owner}`,
            uid: `rs-${owner}`,
            controller: true,
          },
        ],
      },
      spec: {
        containers: [
          {
            name: "app",
            image: "berth.local/web:1",
            resources: {
              requests: {
                cpu: owner % 5 === 0 ? "250m" : "100m",
                memory: owner % 3 === 0 ? "256Mi" : "64Mi",
              },
            },
          },
          // Every fourth ReplicaSet has a sidecar without requests (scored with the defaults).
          ...(owner % 4 === 0 ? [{ name: "sidecar", image: "berth.local/busybox:1" }] : []),
        ],
      },
    };
    if (owner % 10 === 1) pod.spec.nodeSelector = { disk: "ssd" };
    if (owner % 10 === 2)
      pod.spec.tolerations = [{ key: "dedicated", operator: "Equal", value: "gpu", effect: "NoSchedule" }];
    if (owner % 10 === 3) {
      pod.spec.affinity = {
        nodeAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [
            {
              weight: 50,
              preference: { matchExpressions: [{ key: "zone", operator: "In", values: ["z1"] }] },
            },
          ],
        },
      };
    }
    if (owner === 4) {
      const c = pod.spec.containers[0];
      if (c) c.ports = [{ containerPort: 80, hostPort: 8080, protocol: "TCP" }];
    }
    return pod;
  });
}

function run(opts: ScheduleOptions): {
  seconds: number;
  cpuSeconds: number;
  placed: number;
  perNodeMax: number;
  perNodeMin: number;
} {
  const infos = buildNodeInfos(nodes(), []);
  const ps = pods();
  const t0 = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  const results = scheduleAll(ps, infos, opts);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  // Spread over the nodes every pod may use and none avoids: Ready, schedulable, untainted.
  const counts = infos
    .filter((n) => n.ready && !n.unschedulable && n.taints.length === 0)
    .map((n) => n.podCount);
  return {
    seconds,
    cpuSeconds,
    placed: results.filter((r) => r.ok).length,
    perNodeMax: Math.max(...counts),
    perNodeMin: Math.min(...counts),
  };
}

run({}); // warm-up: let V8 optimise the hot paths before measuring
const adaptive = run({});
const all = run({ percentageOfNodesToScore: 100 });
const rate = (r: { seconds: number }): number => Math.round(PODS / r.seconds);
console.log(
  JSON.stringify({
    pods: PODS,
    nodes: NODES,
    podsPerSecond: rate(adaptive),
    seconds: Number(adaptive.seconds.toFixed(3)),
    // On a busy shared machine wall-clock rates drop with the load; CPU time shows the code's cost.
    podsPerCpuSecond: Math.round(PODS / adaptive.cpuSeconds),
    placed: adaptive.placed,
    podsPerNodeMin: adaptive.perNodeMin,
    podsPerNodeMax: adaptive.perNodeMax,
    allNodesPodsPerSecond: rate(all),
    allNodesPlaced: all.placed,
    adaptiveVsAllNodes: Number((rate(adaptive) / rate(all)).toFixed(2)),
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  }),
);
