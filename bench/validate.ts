// Validation throughput: 5,000 objects in 500 files (a mix of Deployments, Services, ConfigMaps,
// Jobs and legacy-version objects), read from disk, parsed, schema-checked, converted, defaulted and
// checked. Prints JSON. Goal: at least 20,000 objects/s on the CI machine.
import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadManifestPaths } from "../src/manifest/index.js";

const FILES = 500;
const PER_FILE = 10;

function deployment(i: number): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-${i}
  namespace: team-${i % 7}
  labels: {app: app-${i}, tier: web}
spec:
  replicas: ${(i % 5) + 1}
  selector:
    matchLabels: {app: app-${i}}
  template:
    metadata:
      labels: {app: app-${i}, tier: web}
    spec:
      containers:
      - name: web
        image: registry.example.com/app-${i}:1.${i % 10}
        ports:
        - {name: http, containerPort: 8080}
        env:
        - {name: MODE, value: production}
        - name: DB_PASSWORD
          valueFrom: {secretKeyRef: {name: db, key: password}}
        resources:
          requests: {cpu: 100m, memory: 64Mi}
          limits: {cpu: "1", memory: 256Mi}
        readinessProbe:
          httpGet: {path: /healthz, port: http}
`;
}

function service(i: number): string {
  return `apiVersion: v1
kind: Service
metadata: {name: app-${i}, namespace: team-${i % 7}}
spec:
  selector: {app: app-${i}}
  ports:
  - {name: http, port: 80, targetPort: http}
`;
}

function configMap(i: number): string {
  return `apiVersion: v1
kind: ConfigMap
metadata: {name: cfg-${i}, namespace: team-${i % 7}}
data:
  setting.a: "1"
  config.yaml: |
    server:
      port: 8080
`;
}

function job(i: number): string {
  return `apiVersion: batch/v1
kind: Job
metadata: {name: job-${i}, namespace: team-${i % 7}}
spec:
  completions: 3
  template:
    spec:
      restartPolicy: Never
      containers:
      - {name: run, image: "busybox:1.36", command: [sh, -c, "echo ${i}"]}
`;
}

function legacyDeployment(i: number): string {
  return `apiVersion: extensions/v1beta1
kind: Deployment
metadata: {name: old-${i}, namespace: team-${i % 7}}
spec:
  replicas: 2
  template:
    metadata: {labels: {app: old-${i}}}
    spec:
      containers:
      - {name: web, image: "nginx:1.25", ports: [{containerPort: 80}]}
`;
}

const makers = [deployment, service, configMap, job, legacyDeployment];

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "berth-bench-validate-"));
  try {
    for (let f = 0; f < FILES; f++) {
      const sub = join(dir, `dir-${f % 20}`);
      await mkdir(sub, { recursive: true });
      const docs: string[] = [];
      for (let j = 0; j < PER_FILE; j++) {
        const i = f * PER_FILE + j;
        docs.push((makers[i % makers.length] ?? deployment)(i));
      }
      await writeFile(join(sub, `file-${f}.yaml`), docs.join("---\n"));
    }
    // Warm up once (module loading, schema compilation), then measure the median of several runs.
    await loadManifestPaths([dir]);
    const runs: number[] = [];
    const cpuRuns: number[] = [];
    let objects = 0;
    let errors = 0;
    let peakRss = process.memoryUsage().rss;
    for (let r = 0; r < 5; r++) {
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      const res = await loadManifestPaths([dir]);
      const c = process.cpuUsage(c0);
      runs.push(performance.now() - t0);
      cpuRuns.push((c.user + c.system) / 1000);
      objects = res.objects.length;
      errors = res.errors;
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }
    runs.sort((a, b) => a - b);
    cpuRuns.sort((a, b) => a - b);
    const median = runs[Math.floor(runs.length / 2)] ?? 0;
    const cpuMedian = cpuRuns[Math.floor(cpuRuns.length / 2)] ?? 0;
    console.log(
      JSON.stringify({
        benchmark: "validate",
        files: FILES,
        objects,
        errors,
        medianMs: Math.round(median),
        objectsPerSecond: Math.round(objects / (median / 1000)),
        // CPU time is steadier than wall-clock time on a shared machine.
        cpuMs: Math.round(cpuMedian),
        objectsPerCpuSecond: Math.round(objects / (cpuMedian / 1000)),
        goalObjectsPerSecond: 20000,
        peakRssMB: Math.round(peakRss / 1024 / 1024),
        heapUsedMB: Math.round(process.memoryUsage().heapUsed / 1024 / 1024),
      }),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
