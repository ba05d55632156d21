// docs/configuration.md must document every field of the schema, and the schema's every field
// must carry a type, so the docs and editor completion never fall behind the loader.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

type Schema = Record<string, unknown>;

const schema = JSON.parse(
  readFileSync(new URL("../../../schemas/berth-config.json", import.meta.url), "utf8"),
) as Schema;
const docs = readFileSync(new URL("../../../docs/configuration.md", import.meta.url), "utf8");
const definitions = schema.definitions as Record<string, Schema>;

function deref(s: Schema): Schema {
  let out = s;
  for (let ref = out.$ref; typeof ref === "string"; ref = out.$ref) {
    const { $ref: _ref, ...rest } = out;
    out = { ...definitions[ref.split("/").pop() ?? ""], ...rest };
  }
  return out;
}

/** Dotted paths of every documented field: leaves, with secrets counted as leaves. */
function fields(s: Schema, path: string, out: string[]): string[] {
  const d = deref(s);
  const props = d.properties as Record<string, Schema> | undefined;
  if (props && d["x-secret"] !== true) {
    for (const [k, v] of Object.entries(props)) fields(v, path ? `${path}.${k}` : k, out);
    return out;
  }
  const items = d.items as Schema | undefined;
  if (d.type === "array" && items && deref(items).properties) return fields(items, `${path}[]`, out);
  out.push(path);
  return out;
}

describe("docs/configuration.md", () => {
  const all = fields(schema, "", []);

  it("finds the fields", () => {
    expect(all).toContain("nodes[].capacity.cpu");
    expect(all).toContain("api.token");
    expect(all.length).toBeGreaterThan(60);
  });

  it.each(all)("documents %s", (field) => {
    expect(docs).toContain(`| \`${field}\` |`);
  });
});
