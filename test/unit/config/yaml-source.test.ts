import { describe, expect, it } from "vitest";
import { parseYaml } from "../../../src/config/yaml-source.js";

const text = `# berth
nodes:
  - name: "n1"
    labels: {zone: a, 'rack': r1}
  - name: n2
    taints:
      - key: k
        effect: NoSchedule
api:
  listen: &addr 127.0.0.1:7070
  copy: *addr
  empty:
`;

describe("parseYaml", () => {
  const y = parseYaml(text, "berth.yaml");

  it("builds the value", () => {
    expect(y.documents).toBe(1);
    expect(y.value).toEqual({
      nodes: [
        { name: "n1", labels: { zone: "a", rack: "r1" } },
        { name: "n2", taints: [{ key: "k", effect: "NoSchedule" }] },
      ],
      api: { listen: "127.0.0.1:7070", copy: "127.0.0.1:7070", empty: null },
    });
  });

  it.each([
    [["nodes"], { line: 3, column: 3 }],
    [["nodes", 0], { line: 3, column: 5 }],
    [["nodes", 0, "name"], { line: 3, column: 11 }], // the opening quote
    [["nodes", 0, "labels"], { line: 4, column: 13 }],
    [["nodes", 0, "labels", "zone"], { line: 4, column: 20 }],
    [["nodes", 0, "labels", "rack"], { line: 4, column: 31 }],
    [["nodes", 1, "taints", 0, "effect"], { line: 8, column: 17 }],
    [["api", "listen"], { line: 10, column: 11 }], // the anchor
    [["api", "copy"], { line: 11, column: 9 }], // the alias
    [["api", "empty"], { line: 12, column: 3 }], // no value: its key
  ])("value at %j", (path, at) => {
    expect(y.valueAt(path)).toEqual(at);
  });

  it("knows where keys are, and falls back to the nearest known ancestor", () => {
    expect(y.keyAt(["nodes", 1, "taints"])).toEqual({ line: 6, column: 5 });
    expect(y.keyAt(["nodes", 0, "labels", "rack"])).toEqual({ line: 4, column: 23 });
    expect(y.keyAt(["nodes", 0])).toBeUndefined();
    expect(y.locate(["nodes", 1, "missing", "deeper"])).toEqual({ line: 5, column: 5 });
  });

  it("counts documents and treats an empty file as null", () => {
    expect(parseYaml("a: 1\n---\nb: [1]\n", "f").documents).toBe(2);
    expect(parseYaml("", "f").value).toBeNull();
  });

  it("throws on syntax errors and duplicate keys", () => {
    expect(() => parseYaml("a: [1, 2\nb: c", "f")).toThrow(/deficient indentation|unexpected end/);
    expect(() => parseYaml("a: 1\na: 2\n", "f")).toThrow(/duplicated mapping key/);
  });
});
