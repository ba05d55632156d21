// The fast builder must give exactly what js-yaml's constructFromEvents gives, and hand every
// input it does not fully understand back to js-yaml.
import { constructFromEvents, CORE_SCHEMA, JSON_SCHEMA, parseEvents } from "js-yaml";
import { describe, expect, it } from "vitest";
import { buildDocuments } from "../../../src/manifest/construct.js";
import { hasNullField } from "../../../src/manifest/nulls.js";
import { KUBERNETES_YAML_SCHEMA } from "../../../src/manifest/parse.js";

const BUILT = [
  "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata:\n  mode: '0644'\n",
  "a: 0644\nb: yes\nc: on\nd: ~\ne: null\nf: 1.5\ng: .inf\nh: 0x1F\ni: 1_000\nj: 2001-12-14\n",
  '? \n: empty key\n1: one\nyes: bool key\n0x10: hex key\n"q": quoted\n',
  "list:\n- a\n- [1, 2, {x: y}]\n- - nested\n- {}\n- []\n- ~\n",
  "literal: |\n  line 1\n  line 2\nfolded: >-\n  a\n  b\nsingle: 'it''s'\ndouble: \"tab\\tnl\\n\"\n",
  "---\na: 1\n---\n---\n- 1\n--- plain scalar\n...\n",
  "",
  "# only a comment\n",
  '{"json": [1, 2.5, true, null, "s"], "nested": {"k": {}}}',
  "kind: List\nitems:\n- {kind: ConfigMap, data: {a: null}}\n- kind: Service\n",
];

/** Needs js-yaml's general constructor (or its error). */
const FALLBACK = [
  "a: &x 1\nb: *x\n",
  "a: !!str 1\n",
  "base: &b {x: 1}\nderived:\n  <<: *b\n  y: 2\n",
  "a: 1\na: 2\n",
  "a: 1\n'1': 2\nb: 1\n1: 3\n",
  "__proto__: {polluted: true}\n",
  "? [a, b]\n: complex key\n",
  "? {a: 1}\n: complex key\n",
  "%TAG !e! tag:example.com,2000:\n---\na: !e!x 1\n",
];

function viaJsYaml(text: string, schema = KUBERNETES_YAML_SCHEMA): unknown[] {
  return constructFromEvents(parseEvents(text, {}), { source: text, schema });
}

describe("buildDocuments", () => {
  it.each(BUILT)("builds what js-yaml builds: %j", (text) => {
    const built = buildDocuments(parseEvents(text, {}), text, KUBERNETES_YAML_SCHEMA);
    expect(built).toBeDefined();
    const expected = viaJsYaml(text);
    expect(built?.map((d) => d.value)).toStrictEqual(expected);
    // Key order matters to messages and output.
    expect(built?.map((d) => JSON.stringify(d.value))).toEqual(expected.map((v) => JSON.stringify(v)));
    expect(built?.map((d) => d.nullFields)).toEqual(expected.map(hasNullField));
  });

  it.each(FALLBACK)("leaves unusual YAML to js-yaml: %j", (text) => {
    expect(buildDocuments(parseEvents(text, {}), text, KUBERNETES_YAML_SCHEMA)).toBeUndefined();
  });

  it("follows the schema's resolution of plain scalars", () => {
    const text = "a: 0644\nb: yes\nc: 0o17\nd: null\n";
    for (const schema of [CORE_SCHEMA, JSON_SCHEMA]) {
      const built = buildDocuments(parseEvents(text, {}), text, schema);
      expect(built?.map((d) => d.value)).toStrictEqual(viaJsYaml(text, schema));
    }
    expect(buildDocuments(parseEvents(text, {}), text, KUBERNETES_YAML_SCHEMA)?.[0]?.value).toEqual({
      a: 420,
      b: true,
      c: "0o17",
      d: null,
    });
  });

  it("records where each document and each root key starts, keys as written", () => {
    const text = "a: 1\nyes: 2\n---\n- x\n---\n  s\n";
    const built = buildDocuments(parseEvents(text, {}), text, KUBERNETES_YAML_SCHEMA) ?? [];
    expect(built.map((d) => d.offset)).toEqual([0, 16, 26]);
    expect([...(built[0]?.keys ?? [])]).toEqual([
      ["a", 0],
      ["yes", 5],
    ]);
    expect(built[1]?.keys.size).toBe(0);
  });
});
