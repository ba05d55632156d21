import { describe, expect, it } from "vitest";
import type { KObject } from "../../../../src/manifest/types.js";
import { check, configMap, cronJob, deployment, job, service } from "./helpers.js";

const ns = (name: string): KObject => ({ apiVersion: "v1", kind: "Namespace", metadata: { name } });

describe("object names", () => {
  it("takes DNS-1123 subdomains for most kinds", () => {
    expect(check(deployment({}, "web.v2"))).toEqual([]);
    expect(check(deployment({}, "Web_App"))).toEqual([
      {
        severity: "error",
        code: "E_NAME",
        path: ["metadata", "name"],
        message:
          "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
        expected:
          "a value such as 'example.com' (regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
        found: '"Web_App"',
      },
    ]);
    const long = configMap();
    long.metadata.name = "a".repeat(254);
    expect(check(long)).toMatchObject([
      { code: "E_NAME", message: "must be no more than 253 characters", found: "254 characters" },
    ]);
  });

  it("takes DNS-1123 labels for Namespaces", () => {
    expect(check(ns("team-a"))).toEqual([]);
    expect(check(ns("team.a"))).toMatchObject([
      { code: "E_NAME", message: expect.stringContaining("RFC 1123 label") as string },
    ]);
  });

  it("takes DNS-1035 labels for Services", () => {
    expect(check(service({}, "web"))).toEqual([]);
    expect(check(service({}, "1web"))).toMatchObject([
      {
        code: "E_NAME",
        path: ["metadata", "name"],
        message: expect.stringContaining("DNS-1035 label") as string,
      },
    ]);
  });

  it("limits CronJob names to 52 characters", () => {
    expect(check(cronJob({}, "c".repeat(52)))).toEqual([]);
    expect(check(cronJob({}, "c".repeat(53)))).toMatchObject([
      {
        code: "E_NAME",
        message: "must be no more than 52 characters",
        found: "53 characters",
        hint: expect.stringContaining("11 characters") as string,
      },
    ]);
  });

  it("limits Job names to 63 characters", () => {
    expect(check(job({}, "j".repeat(63)))).toEqual([]);
    expect(check(job({}, "j".repeat(64)))).toMatchObject([
      { code: "E_NAME", message: "must be no more than 63 characters" },
    ]);
  });

  it("requires namespaces to be DNS-1123 labels", () => {
    const inTeam = configMap();
    inTeam.metadata.namespace = "team-a";
    expect(check(inTeam)).toEqual([]);
    inTeam.metadata.namespace = "Team_A";
    expect(check(inTeam)).toMatchObject([{ code: "E_NAME", path: ["metadata", "namespace"] }]);
  });
});
