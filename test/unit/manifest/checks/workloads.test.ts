import { describe, expect, it } from "vitest";
import { check, cronJob, daemonSet, deployment, job, statefulSet, summary, template } from "./helpers.js";

describe("restart policies", () => {
  it("reports the defaulted Always in a Job template as Kubernetes does", () => {
    expect(check(job({ template: template() }))).toEqual([
      {
        severity: "error",
        code: "E_RESTART_POLICY",
        path: ["spec", "template", "spec", "restartPolicy"],
        message: 'Unsupported value: "Always": supported values: "OnFailure", "Never"',
        expected: "OnFailure or Never",
        found: '"Always"',
        hint: "set spec.template.spec.restartPolicy to OnFailure or Never; Kubernetes defaults it to Always, which Jobs do not allow",
      },
    ]);
    expect(check(job({ template: template({ restartPolicy: "OnFailure" }) }))).toEqual([]);
  });

  it("checks CronJob job templates the same way", () => {
    expect(check(cronJob())).toEqual([]);
    const bad = cronJob({ jobTemplate: { spec: { template: template({ restartPolicy: "Always" }) } } });
    expect(summary(check(bad))).toEqual([
      [
        "E_RESTART_POLICY",
        "spec.jobTemplate.spec.template.spec.restartPolicy",
        'Unsupported value: "Always": supported values: "OnFailure", "Never"',
      ],
    ]);
  });

  it.each([
    ["Deployment", deployment({ template: template({ restartPolicy: "Never" }) })],
    ["DaemonSet", daemonSet({ template: template({ restartPolicy: "OnFailure" }) })],
    ["StatefulSet", statefulSet({ template: template({ restartPolicy: "Never" }) })],
  ])("allows only Always in a %s template", (_kind, obj) => {
    expect(summary(check(obj))).toEqual([
      [
        "E_RESTART_POLICY",
        "spec.template.spec.restartPolicy",
        expect.stringMatching(/supported values: "Always"$/),
      ],
    ]);
  });
});

describe("rolling-update parameters", () => {
  const rolling = (rollingUpdate: object) =>
    deployment({ strategy: { type: "RollingUpdate", rollingUpdate } });

  it("accepts numbers and percentages", () => {
    expect(check(rolling({ maxSurge: 2, maxUnavailable: "10%" }))).toEqual([]);
    expect(check(rolling({ maxSurge: "150%", maxUnavailable: 0 }))).toEqual([]);
  });

  it("rejects negative numbers and malformed percentages", () => {
    expect(summary(check(rolling({ maxSurge: -1, maxUnavailable: "ten%" })))).toEqual([
      ["E_VALUE", "spec.strategy.rollingUpdate.maxSurge", "must be greater than or equal to 0"],
      [
        "E_VALUE",
        "spec.strategy.rollingUpdate.maxUnavailable",
        "a valid percent string must be a numeric string followed by an ending '%'",
      ],
    ]);
    expect(check(rolling({ maxUnavailable: "1" }))).toMatchObject([
      { hint: "write 1 without quotes for a number of pods" },
    ]);
  });

  it("caps maxUnavailable at 100%", () => {
    expect(summary(check(rolling({ maxUnavailable: "101%" })))).toEqual([
      ["E_VALUE", "spec.strategy.rollingUpdate.maxUnavailable", "must not be greater than 100%"],
    ]);
  });

  it("rejects maxSurge and maxUnavailable both zero", () => {
    expect(summary(check(rolling({ maxSurge: 0, maxUnavailable: "0%" })))).toEqual([
      ["E_VALUE", "spec.strategy.rollingUpdate.maxUnavailable", "may not be 0 when `maxSurge` is 0"],
    ]);
    const ds = daemonSet({ updateStrategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0 } } });
    expect(summary(check(ds))).toEqual([
      ["E_VALUE", "spec.updateStrategy.rollingUpdate.maxUnavailable", "may not be 0 when `maxSurge` is 0"],
    ]);
    expect(
      check(
        daemonSet({
          updateStrategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
        }),
      ),
    ).toEqual([]);
  });

  it("allows rollingUpdate only with the RollingUpdate strategy", () => {
    const d = deployment({ strategy: { type: "Recreate", rollingUpdate: { maxSurge: 1 } } });
    expect(summary(check(d))).toEqual([
      ["E_VALUE", "spec.strategy.rollingUpdate", "may not be specified when strategy `type` is 'Recreate'"],
    ]);
    const sts = statefulSet({ updateStrategy: { type: "OnDelete", rollingUpdate: { partition: 1 } } });
    expect(summary(check(sts))).toEqual([
      [
        "E_VALUE",
        "spec.updateStrategy.rollingUpdate",
        "may not be specified when strategy `type` is 'OnDelete'",
      ],
    ]);
  });

  it("requires a StatefulSet's maxUnavailable above 0", () => {
    expect(
      check(statefulSet({ updateStrategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 2 } } })),
    ).toEqual([]);
    expect(
      summary(
        check(
          statefulSet({ updateStrategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0 } } }),
        ),
      ),
    ).toEqual([["E_VALUE", "spec.updateStrategy.rollingUpdate.maxUnavailable", "must be greater than 0"]]);
  });
});

describe("Jobs", () => {
  it("requires completions for Indexed jobs", () => {
    expect(check(job({ completionMode: "Indexed", completions: 3 }))).toEqual([]);
    expect(summary(check(job({ completionMode: "Indexed", parallelism: 3 })))).toEqual([
      ["E_VALUE", "spec.completions", "when completion mode is Indexed, completions must be set"],
    ]);
  });
});
