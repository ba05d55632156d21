import { describe, expect, it } from "vitest";
import {
  isConfigMapKey,
  isDNS1035Label,
  isDNS1123Label,
  isDNS1123Subdomain,
  isEnvVarName,
  isQualifiedName,
  isValidLabelValue,
  isValidPortName,
  isWildcardOrDNS1123Subdomain,
} from "../../../../src/manifest/checks/validation.js";

const messages = (problems: { message: string }[]) => problems.map((p) => p.message);

describe("Kubernetes string validators", () => {
  it.each(["a", "web", "web-1", "1-web", "a".repeat(63)])("DNS-1123 label accepts %s", (v) => {
    expect(isDNS1123Label(v)).toEqual([]);
  });
  it.each(["", "Web", "web_1", "-web", "web-", "a.b", "a".repeat(64)])("DNS-1123 label rejects %j", (v) => {
    expect(isDNS1123Label(v).length).toBeGreaterThan(0);
  });

  it.each(["example.com", "a", "web-1.team-a", "1.2", `${"a".repeat(63)}.${"b".repeat(63)}`])(
    "DNS-1123 subdomain accepts %s",
    (v) => expect(isDNS1123Subdomain(v)).toEqual([]),
  );
  it.each(["", "Example.com", "a..b", ".a", "a.", "a_b", `${"a.".repeat(127)}a`])(
    "DNS-1123 subdomain rejects %j",
    (v) => {
      expect(isDNS1123Subdomain(v).length).toBeGreaterThan(0);
    },
  );
  it("reports length and characters in Kubernetes' words", () => {
    expect(messages(isDNS1123Subdomain("A".repeat(254)))).toEqual([
      "must be no more than 253 characters",
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
    ]);
  });

  it("DNS-1035 label must start with a letter", () => {
    expect(isDNS1035Label("web")).toEqual([]);
    expect(messages(isDNS1035Label("1web"))).toEqual([
      "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character",
    ]);
  });

  it("wildcard hosts allow one leading *", () => {
    expect(isWildcardOrDNS1123Subdomain("*.example.com")).toEqual([]);
    expect(isWildcardOrDNS1123Subdomain("a.*.example.com").length).toBeGreaterThan(0);
  });

  it.each(["app", "App.Name_1", "example.com/app", "a/b", "x".repeat(63), `${"p".repeat(253)}/n`])(
    "qualified name accepts %s",
    (v) => expect(isQualifiedName(v)).toEqual([]),
  );
  it.each([
    ["", "name part must be non-empty"],
    ["/app", "prefix part must be non-empty"],
    ["example.com/", "name part must be non-empty"],
    ["Example.com/app", "prefix part a lowercase RFC 1123 subdomain"],
    ["a/b/c", "a qualified name must consist"],
    ["-app", "name part must consist"],
    ["x".repeat(64), "name part must be no more than 63 characters"],
  ])("qualified name rejects %j", (v, message) => {
    expect(messages(isQualifiedName(v)).join("|")).toContain(message);
  });

  it("label values may be empty but not too long or oddly formed", () => {
    expect(isValidLabelValue("")).toEqual([]);
    expect(isValidLabelValue("v1.2_3-x")).toEqual([]);
    expect(messages(isValidLabelValue("a".repeat(64)))).toEqual(["must be no more than 63 characters"]);
    expect(isValidLabelValue("-x").length).toBe(1);
    expect(isValidLabelValue("a b").length).toBe(1);
  });

  it.each(["http", "web-8080", "h2c", "a"])("port name accepts %s", (v) =>
    expect(isValidPortName(v)).toEqual([]),
  );
  it.each([
    ["http-metrics-long", "must be no more than 15 characters"],
    ["HTTP", "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)"],
    ["8080", "must contain at least one letter (a-z)"],
    ["a--b", "must not contain consecutive hyphens"],
    ["-http", "must not begin or end with a hyphen"],
    ["", "must be no more than 15 characters"],
  ])("port name rejects %j", (v, message) => {
    expect(messages(isValidPortName(v))).toContain(message);
  });

  it("env var names: printable ASCII except '='", () => {
    expect(isEnvVarName("MY_VAR")).toEqual([]);
    expect(isEnvVarName("my.var-2")).toEqual([]);
    expect(isEnvVarName("1ST")).toEqual([]);
    expect(isEnvVarName("A=B").length).toBe(1);
    expect(isEnvVarName("").length).toBe(1);
    expect(isEnvVarName("tab\there").length).toBe(1);
    expect(isEnvVarName("ünï").length).toBe(1);
  });

  it("config keys", () => {
    expect(isConfigMapKey("config.yaml")).toEqual([]);
    expect(isConfigMapKey(".env")).toEqual([]);
    expect(messages(isConfigMapKey("a/b"))).toEqual([
      "a valid config key must consist of alphanumeric characters, '-', '_' or '.'",
    ]);
    expect(messages(isConfigMapKey(".."))).toEqual(["must not be '..'"]);
    expect(messages(isConfigMapKey("."))).toEqual(["must not be '.'"]);
    expect(messages(isConfigMapKey("..data"))).toEqual(["must not start with '..'"]);
    expect(messages(isConfigMapKey("k".repeat(254)))).toEqual(["must be no more than 253 characters"]);
  });
});
