// Runs benchmarks one after another, each in its own process (`npx tsx bench/<name>.ts`, so one
// bench's heap, timers and Docker objects cannot disturb the next), and prints one JSON object:
// {"<name>": <that bench's JSON>, ...}. A bench that fails is reported as {"error": ...} and the
// others still run; the exit code is 1 if any failed. Each bench's own stderr passes through.
//
//   npx tsx bench/run.ts                      every bench below
//   npx tsx bench/run.ts diff idle-daemon     only these, in this order
//   npm run bench -- rollout-vs-swarm         (BENCH_* variables reach every bench)

import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

/** Pure computations first, then the ones on Docker, the heaviest (and slowest) last. */
const ALL = [
  "validate",
  "schema-validate",
  "diff",
  "git-revision",
  "scheduler",
  "ingress-transport",
  "ingress",
  "service-proxy",
  "runtime",
  "commit-to-running",
  "rollout-vs-swarm",
  "idle-daemon",
];

function runBench(name: string): Promise<unknown> {
  const file = join(import.meta.dirname, `${name}.ts`);
  if (!existsSync(file)) return Promise.resolve({ error: `no such bench: ${file}` });
  const child = spawn(process.execPath, ["--import", "tsx", file], { stdio: ["ignore", "pipe", "inherit"] });
  let out = "";
  child.stdout.on("data", (c: Buffer) => (out += c.toString()));
  return new Promise((resolve) => {
    child.on("exit", (code, signal) => {
      if (code !== 0) {
        resolve({ error: `exited with ${code ?? signal}`, output: out.trim() });
        return;
      }
      try {
        resolve(JSON.parse(out) as unknown);
      } catch {
        resolve({ output: out.trim() });
      }
    });
  });
}

const names = process.argv.slice(2).map((a) => a.replace(/^bench\//, "").replace(/\.ts$/, ""));
const results: Record<string, unknown> = {};
let failed = false;
for (const name of names.length > 0 ? names : ALL) {
  process.stderr.write(`[bench] ${name}\n`);
  const started = performance.now();
  const r = await runBench(name);
  process.stderr.write(`[bench] ${name}: ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  if (typeof r === "object" && r !== null && "error" in r) failed = true;
  results[name] = r;
}
process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
process.exitCode = failed ? 1 : 0;
