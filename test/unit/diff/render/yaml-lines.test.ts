import { load } from "js-yaml";
import { describe, expect, it } from "vitest";
import { yamlLines } from "../../../../src/diff/render/yaml-lines.js";

const text = (v: unknown) =>
  yamlLines(v)
    .map((l) => l.text)
    .join("\n");

describe("yamlLines", () => {
  it("prints kubectl-style YAML that parses back to the same value", () => {
    const value = {
      kind: "ConfigMap",
      apiVersion: "v1",
      metadata: { name: "x", labels: { "app.kubernetes.io/name": "x" } },
      data: {
        plain: "hello",
        number: "123",
        bool: "true",
        no: "n",
        colon: "a: b",
        file: "line 1\nline 2\n",
        noNewline: "a\nb",
        manyNewlines: "a\n\n\n",
        indented: "  starts with spaces\nnext\n",
        withCr: "a\r\nb",
        empty: "",
      },
      list: [1, "two", { a: 1, b: [] }, [], {}, ["nested", "list"], null, false],
    };
    expect(load(text(value))).toEqual(value);
  });

  it("puts apiVersion, kind and metadata first, names first in list items, dashes level with keys", () => {
    expect(
      text({
        spec: { containers: [{ image: "i", name: "web" }] },
        metadata: { namespace: "ns", name: "x" },
        kind: "K",
        apiVersion: "v1",
      }),
    ).toBe(`apiVersion: v1
kind: K
metadata:
  name: x
  namespace: ns
spec:
  containers:
  - name: web
    image: i`);
  });

  it("records the field path of each line, list items by merge key", () => {
    const lines = yamlLines({ spec: { containers: [{ name: "web", image: "i", args: ["a"] }] } });
    expect(lines.map((l) => l.path)).toEqual([
      "spec",
      "spec.containers",
      "spec.containers[name=web].name",
      "spec.containers[name=web].args",
      "spec.containers[name=web].args[0]",
      "spec.containers[name=web].image",
    ]);
  });

  it("prints redaction markers as they are and flags changed ones", () => {
    const lines = yamlLines({ data: { a: "<redacted: changed>", b: "<redacted>" } });
    expect(lines.map((l) => [l.text, l.changedSecret])).toEqual([
      ["data:", undefined],
      ["  a: <redacted: changed>", true],
      ["  b: <redacted>", undefined],
    ]);
  });
});
