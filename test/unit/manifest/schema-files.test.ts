// The schema files themselves: every one compiles, every supported pair has exactly one file, and
// the conventions the error messages rely on hold everywhere.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { hasSchema, newAjv, validateSchema } from "../../../src/manifest/schema.js";
import {
  DEFS_DIR,
  SCHEMA_DIR,
  SCHEMA_PAIRS,
  schemaFileName,
  type JsonSchema,
} from "../../../src/manifest/schema-files.js";

// schemas/ also holds schemas that are not about manifests (state-file.json); manifest schemas
// are the files named <group>.<version>.<Kind>.json.
const kindFiles = readdirSync(SCHEMA_DIR).filter((f) =>
  /^[a-z0-9.-]+\.v[0-9a-z]+\.[A-Z][A-Za-z]*\.json$/.test(f),
);
const defFiles = readdirSync(DEFS_DIR).filter((f) => f.endsWith(".json"));
const read = (path: string) => JSON.parse(readFileSync(path, "utf8")) as JsonSchema;

describe("schema files", () => {
  it("names files <group>.<version>.<Kind>.json with core for the core group", () => {
    expect(schemaFileName("v1", "Pod")).toBe("core.v1.Pod.json");
    expect(schemaFileName("apps/v1", "Deployment")).toBe("apps.v1.Deployment.json");
    expect(schemaFileName("batch/v2alpha1", "ScheduledJob")).toBe("batch.v2alpha1.ScheduledJob.json");
    expect(schemaFileName("networking.k8s.io/v1", "Ingress")).toBe("networking.k8s.io.v1.Ingress.json");
  });

  it("finds schemas/ at the repo root, one level above src/ and dist/", () => {
    expect(SCHEMA_DIR).toBe(join(import.meta.dirname, "../../../schemas/"));
  });

  it("has one manifest schema file per supported pair and no others", () => {
    expect(kindFiles.sort()).toEqual(SCHEMA_PAIRS.map(([a, k]) => schemaFileName(a, k)).sort());
  });

  it.each(kindFiles)("%s compiles in both validator modes", (file) => {
    const schema = read(join(SCHEMA_DIR, file));
    expect(() => newAjv(false).compile(schema)).not.toThrow();
    expect(() => newAjv(true).compile(schema)).not.toThrow();
  });

  it.each(defFiles)("defs/%s compiles on its own", (file) => {
    const ajv = newAjv(true);
    const id = read(join(DEFS_DIR, file)).$id as string;
    expect(ajv.getSchema(id)).toBeTypeOf("function");
  });

  it.each(kindFiles)("%s declares its own apiVersion and kind", (file) => {
    const schema = read(join(SCHEMA_DIR, file));
    const props = schema.properties as Record<string, { const?: string }>;
    const apiVersion = props.apiVersion?.const ?? "";
    const kind = props.kind?.const ?? "";
    expect(schemaFileName(apiVersion, kind)).toBe(file);
    expect(schema.$id).toBe(`https://berth.io/schemas/${file}`);
  });

  it("knows exactly the supported pairs", () => {
    for (const [a, k] of SCHEMA_PAIRS) expect(hasSchema(a, k)).toBe(true);
    expect(hasSchema("v1", "PersistentVolumeClaim")).toBe(false);
    expect(hasSchema("apps/v1beta1", "DaemonSet")).toBe(false);
    expect(hasSchema("core/v1", "Pod")).toBe(false);
    expect(validateSchema("v1", "Widget", { apiVersion: "v1", kind: "Widget" })).toBeUndefined();
  });
});

/** Every sub-schema of every file, with where it is. */
function* walk(node: unknown, where: string): Generator<[JsonSchema, string]> {
  if (Array.isArray(node)) {
    for (const [i, item] of node.entries()) yield* walk(item, `${where}/${i}`);
    return;
  }
  if (typeof node !== "object" || node === null) return;
  yield [node as JsonSchema, where];
  for (const [k, v] of Object.entries(node)) {
    // enum and const hold values, not schemas; x-* annotations hold message text.
    if (k === "enum" || k === "const" || k.startsWith("x-")) continue;
    yield* walk(v, `${where}/${k}`);
  }
}

const allSchemas = [
  ...kindFiles.map((f) => [f, read(join(SCHEMA_DIR, f))] as const),
  ...defFiles.map((f) => [`defs/${f}`, read(join(DEFS_DIR, f))] as const),
];

describe("schema conventions", () => {
  it("closes every described object (additionalProperties: false), so unknown fields are reported", () => {
    const open: string[] = [];
    for (const [file, schema] of allSchemas) {
      for (const [node, where] of walk(schema, file)) {
        if (node.type === "object" && node.properties !== undefined && node.additionalProperties !== false) {
          open.push(where);
        }
      }
    }
    expect(open).toEqual([]);
  });

  it("requires only fields the same object describes", () => {
    const stray: string[] = [];
    for (const [file, schema] of allSchemas) {
      for (const [node, where] of walk(schema, file)) {
        const props = node.properties as Record<string, unknown> | undefined;
        if (!Array.isArray(node.required) || props === undefined) continue;
        for (const r of node.required as string[]) if (!(r in props)) stray.push(`${where}: ${r}`);
      }
    }
    expect(stray).toEqual([]);
  });

  it("points x-hints and x-replaced-by at fields that exist in some schema", () => {
    const known = new Set<string>();
    for (const [, schema] of allSchemas) {
      for (const [node] of walk(schema, "")) {
        if (node.properties) for (const k of Object.keys(node.properties)) known.add(k);
      }
    }
    const bad: string[] = [];
    for (const [file, schema] of allSchemas) {
      for (const [node, where] of walk(schema, file)) {
        for (const targets of Object.values((node["x-replaced-by"] ?? {}) as Record<string, string[]>)) {
          for (const t of targets) if (!known.has(t)) bad.push(`${where}: x-replaced-by → ${t}`);
        }
        const required = (node.required ?? []) as string[];
        if (node["x-replaced-by"] !== undefined && required.length === 0)
          bad.push(`${where}: x-replaced-by without required`);
      }
    }
    expect(bad).toEqual([]);
  });
});
