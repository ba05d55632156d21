import { describe, expect, it } from "vitest";
import { check, daemonSet, deployment, job, statefulSet, summary, template } from "./helpers.js";

describe("controller selectors", () => {
  it("accepts a selector that matches the template's labels", () => {
    expect(check(deployment())).toEqual([]);
    expect(
      check(
        deployment({
          selector: { matchExpressions: [{ key: "app", operator: "In", values: ["web", "api"] }] },
        }),
      ),
    ).toEqual([]);
  });

  it("reports a selector that does not match, showing both sides", () => {
    expect(check(deployment({ selector: { matchLabels: { app: "api" } } }))).toEqual([
      {
        severity: "error",
        code: "E_SELECTOR",
        path: ["spec", "selector"],
        message: "selector does not match template labels",
        expected: "template labels matching app=api",
        found: "app=web",
        hint: "make spec.template.metadata.labels carry every label the selector asks for",
      },
    ]);
    expect(check(daemonSet({ template: template({}, {}) }))).toMatchObject([
      { code: "E_SELECTOR", found: "no labels" },
    ]);
  });

  it("rejects an empty selector", () => {
    expect(summary(check(statefulSet({ selector: {} })))).toEqual([
      ["E_SELECTOR", "spec.selector", "empty selector is invalid for statefulset"],
    ]);
  });

  it("requires a selector", () => {
    const d = deployment();
    delete (d.spec as Partial<typeof d.spec>).selector;
    expect(summary(check(d))).toEqual([["E_SELECTOR", "spec.selector", "a Deployment needs a selector"]]);
  });

  it("requires values for In and NotIn, and none for Exists and DoesNotExist", () => {
    const d = deployment({
      selector: {
        matchLabels: { app: "web" },
        matchExpressions: [
          { key: "tier", operator: "NotIn", values: [] },
          { key: "app", operator: "Exists", values: ["web"] },
          { key: "gone", operator: "DoesNotExist" },
        ],
      },
    });
    expect(summary(check(d))).toEqual([
      [
        "E_SELECTOR",
        "spec.selector.matchExpressions.0.values",
        "values must be specified when `operator` is 'In' or 'NotIn'",
      ],
      [
        "E_SELECTOR",
        "spec.selector.matchExpressions.1.values",
        "values may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
      ],
    ]);
  });

  it("checks selector keys and values as labels", () => {
    const d = deployment({
      selector: { matchExpressions: [{ key: "-bad", operator: "In", values: ["web", "no good"] }] },
    });
    expect(summary(check(d)).map(([code, path]) => [code, path])).toEqual([
      ["E_NAME", "spec.selector.matchExpressions.0.key"],
      ["E_NAME", "spec.selector.matchExpressions.0.values.1"],
      ["E_SELECTOR", "spec.selector"],
    ]);
  });

  it("lets a Job generate its selector unless manualSelector is true", () => {
    expect(check(job())).toEqual([]);
    expect(summary(check(job({ selector: { matchLabels: { app: "web" } } })))).toEqual([
      [
        "E_SELECTOR",
        "spec.selector",
        "the Job controller generates the selector unless manualSelector is true",
      ],
    ]);
    expect(check(job({ manualSelector: true, selector: { matchLabels: { app: "web" } } }))).toEqual([]);
    expect(summary(check(job({ manualSelector: true, selector: { matchLabels: { app: "x" } } })))).toEqual([
      ["E_SELECTOR", "spec.selector", "selector does not match template labels"],
    ]);
  });
});
