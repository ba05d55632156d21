import { describe, expect, it } from "vitest";
import { check, pod, statefulSet, summary, web } from "./helpers.js";

// Values as YAML may give them: numbers as well as strings.
const withResources = (resources: Record<string, Record<string, string | number>>) =>
  pod({ containers: [web({ resources })] });

describe("resource quantities", () => {
  it("accepts quantities, including numbers from YAML", () => {
    expect(
      check(
        withResources({ requests: { cpu: "250m", memory: "64Mi" }, limits: { cpu: 0.5, memory: "1Gi" } }),
      ),
    ).toEqual([]);
  });

  it("reports an unparsable quantity with an example of what is expected", () => {
    expect(check(withResources({ limits: { cpu: "1x" } }))).toEqual([
      {
        severity: "error",
        code: "E_QUANTITY",
        path: ["spec", "containers", 0, "resources", "limits", "cpu"],
        message: 'not a quantity: unable to parse quantity\'s suffix "x"',
        expected: "a quantity such as 250m, 0.5, 64Mi or 1Gi",
        found: '"1x"',
      },
    ]);
  });

  it("rejects negative quantities", () => {
    expect(summary(check(withResources({ requests: { memory: "-1Gi" } })))).toEqual([
      ["E_QUANTITY", "spec.containers.0.resources.requests.memory", "must be greater than or equal to 0"],
    ]);
  });

  it("requires requests ≤ limits for each resource, at the request", () => {
    expect(
      check(
        withResources({ requests: { cpu: "1", memory: "1Gi" }, limits: { cpu: "1000m", memory: "1024Mi" } }),
      ),
    ).toEqual([]);
    expect(check(withResources({ requests: { cpu: "2" }, limits: { cpu: "1" } }))).toEqual([
      {
        severity: "error",
        code: "E_QUANTITY",
        path: ["spec", "containers", 0, "resources", "requests", "cpu"],
        message: "requests.cpu (2) must be less than or equal to limits.cpu (1)",
        expected: "at most 1",
        found: "2",
        hint: "lower requests.cpu or raise limits.cpu",
      },
    ]);
    expect(summary(check(withResources({ requests: { memory: "1Gi" }, limits: { memory: "1G" } })))).toEqual([
      [
        "E_QUANTITY",
        "spec.containers.0.resources.requests.memory",
        "requests.memory (1Gi) must be less than or equal to limits.memory (1G)",
      ],
    ]);
  });

  it("checks emptyDir size limits and volume claim storage", () => {
    expect(summary(check(pod({ volumes: [{ name: "t", emptyDir: { sizeLimit: "lots" } }] })))).toEqual([
      ["E_QUANTITY", "spec.volumes.0.emptyDir.sizeLimit", expect.stringContaining("not a quantity")],
    ]);
    const claim = (storage?: string) => ({
      metadata: { name: "data" },
      spec: { resources: { requests: storage === undefined ? {} : { storage } } },
    });
    expect(check(statefulSet({ volumeClaimTemplates: [claim("1Gi")] }))).toEqual([]);
    expect(summary(check(statefulSet({ volumeClaimTemplates: [claim("1 Gi")] })))).toEqual([
      [
        "E_QUANTITY",
        "spec.volumeClaimTemplates.0.spec.resources.requests.storage",
        expect.stringContaining("not a quantity"),
      ],
    ]);
    expect(summary(check(statefulSet({ volumeClaimTemplates: [claim()] })))).toEqual([
      [
        "E_QUANTITY",
        "spec.volumeClaimTemplates.0.spec.resources.requests",
        "a volume claim template must request storage",
      ],
    ]);
  });

  it("checks resourceFieldRef divisors", () => {
    const env = (divisor: string) => [
      { name: "CPU", valueFrom: { resourceFieldRef: { resource: "limits.cpu", divisor } } },
    ];
    expect(check(pod({ containers: [web({ env: env("1m") })] }))).toEqual([]);
    expect(summary(check(pod({ containers: [web({ env: env("1q") })] })))).toMatchObject([
      ["E_QUANTITY", "spec.containers.0.env.0.valueFrom.resourceFieldRef.divisor", expect.any(String)],
    ]);
  });
});
