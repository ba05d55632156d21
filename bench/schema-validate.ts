// Schema-stage throughput on the valid fixture manifests (deck + real-world), in objects per second:
// YAML parsing alone, schema validation alone, and both (the goal: 20,000 objects/s for both).
// Run: npx tsx bench/schema-validate.ts
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { loadAll, YAML11_SCHEMA } from "js-yaml";
import { validateSchema } from "../src/manifest/schema.js";

const root = join(import.meta.dirname, "../test/fixtures/manifests/valid");
const texts = ["deck", "real"].flatMap((dir) =>
  readdirSync(join(root, dir))
    .filter((f) => f.endsWith(".yaml"))
    .map((f) => readFileSync(join(root, dir, f), "utf8")),
);
const parse = (t: string) => loadAll(t, { schema: YAML11_SCHEMA }) as { apiVersion: string; kind: string }[];
const parsed = texts.flatMap(parse);
const objectsPerPass = parsed.length;

function validateAll(docs: readonly { apiVersion: string; kind: string }[]): void {
  for (const d of docs) {
    const issues = validateSchema(d.apiVersion, d.kind, d);
    if (issues === undefined || issues.length > 0)
      throw new Error(`${d.kind} is not valid: ${JSON.stringify(issues)}`);
  }
}

// Rates use this process's CPU time, not wall time: the machine is shared, and wall time would
// measure the neighbours.
function cpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

function rate(work: () => void, seconds = 1.5): number {
  for (let i = 0; i < 20; i++) work(); // compile validators, warm the JIT
  let passes = 0;
  const start = cpuSeconds();
  while (cpuSeconds() - start < seconds) {
    work();
    passes++;
  }
  return Math.round((passes * objectsPerPass) / (cpuSeconds() - start));
}

const parseOnly = rate(() => texts.forEach(parse));
const validateOnly = rate(() => validateAll(parsed));
const both = rate(() => texts.forEach((t) => validateAll(parse(t))));
console.log(
  JSON.stringify({
    bench: "schema-validate",
    objectsPerPass,
    parseObjectsPerSecond: parseOnly,
    validateObjectsPerSecond: validateOnly,
    parseAndValidateObjectsPerSecond: both,
    validateMicrosPerObject: Math.round((1e6 / validateOnly) * 10) / 10,
    // 20,000 objects/s leaves 50 µs per object for parsing, every check and conversion.
    budgetMicrosPerObject: 50,
    goalObjectsPerSecond: 20_000,
    ratioToGoal: Math.round((both / 20_000) * 100) / 100,
  }),
);
