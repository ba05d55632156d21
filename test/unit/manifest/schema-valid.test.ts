// Valid manifests of every supported kind and apiVersion pass the schema stage with no issues:
// the slide deck's manifests, and manifests as real projects write them, full of fields berth
// accepts but ignores.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { loadAll, YAML11_SCHEMA } from "js-yaml";
import { describe, expect, it } from "vitest";
import { validateSchema } from "../../../src/manifest/schema.js";
import { SCHEMA_PAIRS } from "../../../src/manifest/schema-files.js";

const FIXTURES = join(import.meta.dirname, "../../fixtures/manifests/valid");

interface Doc {
  file: string;
  index: number;
  apiVersion: string;
  kind: string;
  doc: unknown;
}

// YAML 1.1, as kubectl reads manifests: `defaultMode: 0644` is octal.
function docsIn(dir: string): Doc[] {
  const out: Doc[] = [];
  for (const name of readdirSync(join(FIXTURES, dir))
    .filter((f) => f.endsWith(".yaml"))
    .sort()) {
    const file = `${dir}/${name}`;
    loadAll(readFileSync(join(FIXTURES, file), "utf8"), { schema: YAML11_SCHEMA }).forEach((doc, index) => {
      const { apiVersion, kind } = doc as { apiVersion: string; kind: string };
      out.push({ file, index, apiVersion, kind, doc });
    });
  }
  return out;
}

const deck = docsIn("deck");
const real = docsIn("real");

describe.each([
  ["the slide deck", deck],
  ["real-world projects", real],
])("manifests from %s", (_, docs) => {
  it.each(docs.map((d) => [`${d.file}#${d.index} ${d.apiVersion} ${d.kind}`, d] as const))(
    "%s has no issues",
    (_name, d) => {
      expect(validateSchema(d.apiVersion, d.kind, d.doc)).toEqual([]);
    },
  );
});

describe("fixture coverage", () => {
  it("has a valid example of every supported apiVersion and kind", () => {
    const covered = new Set([...deck, ...real].map((d) => `${d.apiVersion} ${d.kind}`));
    const missing = SCHEMA_PAIRS.map(([a, k]) => `${a} ${k}`).filter((p) => !covered.has(p));
    expect(missing).toEqual([]);
  });

  it("includes the deck's ScheduledJob, DaemonSet, StatefulSet and ConfigMap listings", () => {
    const kinds = deck.map((d) => `${d.apiVersion} ${d.kind}`);
    expect(kinds).toEqual(
      expect.arrayContaining([
        "batch/v2alpha1 ScheduledJob",
        "extensions/v1beta1 DaemonSet",
        "apps/v1beta1 StatefulSet",
        "v1 ConfigMap",
      ]),
    );
  });
});
