// planDiff throughput: 5,000 canonical objects (Deployments, Services, ConfigMaps, Secrets) against
// the same objects as the state file records them (uids, versions, berth's annotations, status,
// Secret values hashed), once with 1% changed and once with none. Prints JSON with the median of
// several runs. Goals: 50 ms with 1% changed, 10 ms with none.

import { planDiff } from "../src/diff/plan.js";
import type { KObject } from "../src/manifest/types.js";
import { hashSecretValue } from "../src/state/secrets.js";

const OBJECTS = 5000;
const RUNS = 15;
const WARMUP = 3;
const SALT = "5f1c0ffee";

function deployment(i: number, image: string): KObject {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: {
      name: `app-${i}`,
      namespace: `team-${i % 7}`,
      labels: { app: `app-${i}`, tier: "web" },
      annotations: {},
    },
    spec: {
      replicas: (i % 5) + 1,
      selector: { matchLabels: { app: `app-${i}` } },
      template: {
        metadata: { labels: { app: `app-${i}`, tier: "web" }, annotations: {} },
        spec: {
          containers: [
            {
              name: "web",
              image,
              imagePullPolicy: "IfNotPresent",
              ports: [{ name: "http", containerPort: 8080, protocol: "TCP" }],
              env: [
                { name: "MODE", value: "production" },
                { name: "DB_PASSWORD", valueFrom: { secretKeyRef: { name: `db-${i}`, key: "password" } } },
              ],
              resources: { requests: { cpu: "100m", memory: "64Mi" }, limits: { cpu: "1", memory: "256Mi" } },
              readinessProbe: {
                httpGet: { path: "/healthz", port: "http", scheme: "HTTP" },
                initialDelaySeconds: 0,
                timeoutSeconds: 1,
                periodSeconds: 10,
                successThreshold: 1,
                failureThreshold: 3,
              },
              terminationMessagePath: "/dev/termination-log",
              terminationMessagePolicy: "File",
            },
          ],
          restartPolicy: "Always",
          terminationGracePeriodSeconds: 30,
          dnsPolicy: "ClusterFirst",
        },
      },
      strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: "25%" } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    },
  };
}

function service(i: number, targetPort: string | number): KObject {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: `app-${i}`, namespace: `team-${i % 7}`, labels: {}, annotations: {} },
    spec: {
      selector: { app: `app-${i}` },
      ports: [{ name: "http", protocol: "TCP", port: 80, targetPort }],
      type: "ClusterIP",
      sessionAffinity: "None",
    },
  };
}

function configMap(i: number, level: string): KObject {
  return {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: `cfg-${i}`, namespace: `team-${i % 7}`, labels: {}, annotations: {} },
    data: { LOG_LEVEL: level, "app.conf": `listen 8080\nworkers ${i % 8}\ncache on\n` },
  };
}

function secret(i: number, password: string): KObject {
  return {
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name: `db-${i}`, namespace: `team-${i % 7}`, labels: {}, annotations: {} },
    type: "Opaque",
    data: { password: Buffer.from(password).toString("base64"), user: "YXBw" },
  };
}

function make(i: number, changed: boolean): KObject {
  switch (i % 10) {
    case 0:
    case 1:
    case 2:
    case 3:
      return deployment(i, changed ? "registry.example.com/app:2" : "registry.example.com/app:1");
    case 4:
    case 5:
    case 6:
      return service(i, changed ? 8080 : "http");
    case 7:
    case 8:
      return configMap(i, changed ? "debug" : "info");
    default:
      return secret(i, changed ? "new-password" : "old-password");
  }
}

/** The object as the state file holds it after a sync. */
function recorded(obj: KObject, i: number): KObject {
  const r = JSON.parse(JSON.stringify(obj)) as KObject & { status?: unknown; data?: Record<string, string> };
  r.metadata.uid = `00000000-0000-0000-0000-${String(i).padStart(12, "0")}`;
  r.metadata.resourceVersion = String(1000 + i);
  r.metadata.generation = 1;
  r.metadata.creationTimestamp = "2026-01-01T00:00:00Z";
  r.metadata.annotations = { ...r.metadata.annotations, "berth.io/app": "bench" };
  if (r.kind === "Deployment") r.status = { observedGeneration: 1, replicas: 3, readyReplicas: 3 };
  if (r.kind === "Service") r.spec.clusterIP = `10.96.${i >> 8}.${i & 255}`;
  if (r.kind === "Secret" && r.data) {
    r.data = Object.fromEntries(Object.entries(r.data).map(([k, v]) => [k, hashSecretValue(v, SALT)]));
  }
  return r;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

interface Timing {
  /** Wall-clock median. */
  medianMs: number;
  minMs: number;
  /** Median CPU time (user + system) of this process: steadier than wall time on a shared machine. */
  cpuMedianMs: number;
}

function timed(runOnce: () => void): Timing {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < WARMUP + RUNS; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    runOnce();
    const ms = performance.now() - t0;
    const c = process.cpuUsage(c0);
    if (r >= WARMUP) {
      wall.push(ms);
      cpu.push((c.user + c.system) / 1000);
    }
  }
  return {
    medianMs: Number(median(wall).toFixed(2)),
    minMs: Number(Math.min(...wall).toFixed(2)),
    cpuMedianMs: Number(median(cpu).toFixed(2)),
  };
}

function measure(desired: KObject[], rec: KObject[]): Timing & { changes: number } {
  const hash = (v: string) => hashSecretValue(v, SALT);
  let changes = 0;
  const t = timed(() => {
    const plan = planDiff(desired, rec, { hashSecretValue: hash });
    changes = plan.summary.update + plan.summary.create + plan.summary.delete;
  });
  return { ...t, changes };
}

/**
 * Baseline for the ratio: the naive plan, JSON.stringify of every pair (order-sensitive, so it
 * would not even be correct), with the same lookups by key.
 */
function naive(desired: KObject[], rec: KObject[]): Timing {
  return timed(() => {
    const byKey = new Map(rec.map((o) => [`${o.kind}/${o.metadata.namespace ?? ""}/${o.metadata.name}`, o]));
    let changed = 0;
    for (const d of desired) {
      const o = byKey.get(`${d.kind}/${d.metadata.namespace ?? ""}/${d.metadata.name}`);
      if (JSON.stringify(d) !== JSON.stringify(o)) changed++;
    }
    if (changed < 0) throw new Error("unreachable");
  });
}

const base = Array.from({ length: OBJECTS }, (_, i) => make(i, false));
const rec = base.map((o, i) => recorded(o, i));
const unchangedDesired = Array.from({ length: OBJECTS }, (_, i) => make(i, false));
// One object in each hundred changes (1%), cycling through the kinds.
const changedDesired = Array.from({ length: OBJECTS }, (_, i) =>
  make(i, i % 100 === Math.floor(i / 100) % 10),
);

const baseline = naive(unchangedDesired, rec);
const none = measure(unchangedDesired, rec);
const onePercent = measure(changedDesired, rec);

const result = {
  bench: "diff",
  objects: OBJECTS,
  runs: RUNS,
  baseline: { what: "JSON.stringify of every pair", ...baseline },
  noneChanged: {
    ...none,
    goalMs: 10,
    withinGoal: none.medianMs <= 10,
    cpuWithinGoal: none.cpuMedianMs <= 10,
    ratioToBaseline: Number((none.cpuMedianMs / baseline.cpuMedianMs).toFixed(2)),
  },
  onePercentChanged: {
    ...onePercent,
    goalMs: 50,
    withinGoal: onePercent.medianMs <= 50,
    cpuWithinGoal: onePercent.cpuMedianMs <= 50,
  },
};
process.stdout.write(JSON.stringify(result) + "\n");
