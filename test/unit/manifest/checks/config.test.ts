import { describe, expect, it } from "vitest";
import { base64ErrorOffset } from "../../../../src/manifest/checks/config.js";
import { check, configMap, secret, summary } from "./helpers.js";

describe("ConfigMaps", () => {
  it("accepts file-name keys in data and base64 binaryData", () => {
    expect(
      check(
        configMap({
          data: { "config.yaml": "a: 1", ".env": "A=1" },
          binaryData: { "logo.png": "iVBORw0KGgo=" },
        }),
      ),
    ).toEqual([]);
  });

  it("rejects keys that are not file names", () => {
    expect(summary(check(configMap({ data: { "conf/app.yaml": "x", "..data": "y" } })))).toEqual([
      [
        "E_NAME",
        "data.conf/app.yaml",
        "key: a valid config key must consist of alphanumeric characters, '-', '_' or '.'",
      ],
      ["E_NAME", "data...data", "key: must not start with '..'"],
    ]);
  });

  it("rejects a key in both data and binaryData", () => {
    expect(summary(check(configMap({ data: { a: "x" }, binaryData: { a: "eA==" } })))).toEqual([
      ["E_DUPLICATE", "binaryData.a", 'key "a" is in both data and binaryData'],
    ]);
  });

  it("rejects binaryData that is not base64", () => {
    expect(summary(check(configMap({ binaryData: { a: "not base64!" } })))).toEqual([
      ["E_VALUE", "binaryData.a", "the value is not valid base64 (illegal base64 data at input byte 3)"],
    ]);
  });

  it("limits data to 1 MiB", () => {
    expect(summary(check(configMap({ data: { a: "x".repeat(1024 * 1024 + 1) } })))).toEqual([
      ["E_VALUE", "data", "a ConfigMap may hold at most 1048576 bytes of data"],
    ]);
  });
});

describe("Secrets", () => {
  it("accepts base64 data and plain stringData", () => {
    expect(check(secret({ data: { password: "aHVudGVyMg==" }, stringData: { user: "admin" } }))).toEqual([]);
    expect(check(secret({ data: { wrapped: "aHVu\ndGVyMg==" } }))).toEqual([]);
  });

  it("rejects data that is not base64 without showing the value", () => {
    const issues = check(secret({ data: { password: "hunter2" } }));
    expect(issues).toEqual([
      {
        severity: "error",
        code: "E_VALUE",
        path: ["data", "password"],
        message: "the value is not valid base64 (illegal base64 data at input byte 4)",
        expected: "standard base64",
        found: "a value that is not base64",
        hint: "put plain text under stringData instead, or encode the value with base64",
      },
    ]);
    expect(JSON.stringify(issues)).not.toContain("hunter2");
  });

  it("checks keys, stringData's included", () => {
    expect(summary(check(secret({ stringData: { "a b": "x" } })))).toEqual([
      ["E_NAME", "data.a b", expect.stringContaining("a valid config key")],
    ]);
  });

  it("requires the keys of built-in Secret types", () => {
    const tls = { "tls.crt": "Y2VydA==", "tls.key": "a2V5" };
    expect(check(secret({ type: "kubernetes.io/tls", data: tls }))).toEqual([]);
    expect(summary(check(secret({ type: "kubernetes.io/tls", data: { "tls.crt": "Y2VydA==" } })))).toEqual([
      ["E_VALUE", "data", "a kubernetes.io/tls Secret needs the key tls.key"],
    ]);
    expect(check(secret({ type: "kubernetes.io/basic-auth", stringData: { username: "u" } }))).toEqual([]);
    expect(summary(check(secret({ type: "kubernetes.io/basic-auth", data: {} })))).toEqual([
      ["E_VALUE", "data", "a kubernetes.io/basic-auth Secret needs the keys one of username or password"],
    ]);
    expect(check(secret({ type: "example.com/custom", data: {} }))).toEqual([]);
  });
});

describe("base64ErrorOffset", () => {
  it.each([
    ["", -1],
    ["YQ==", -1],
    ["YWI=", -1],
    ["YWJj", -1],
    ["YQ", 0],
    ["YQ=a", 3],
    ["Y===", 1],
    ["YW!j", 2],
    ["YWJjZA", 4],
  ])("%j → %d", (s, offset) => {
    expect(base64ErrorOffset(s)).toBe(offset);
  });
});
