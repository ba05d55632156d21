import { describe, expect, it } from "vitest";
import { check, configMap, pod, summary } from "./helpers.js";

describe("labels and annotations", () => {
  it("accepts well-formed labels, empty values included", () => {
    expect(
      check(configMap({ metadata: { name: "c", labels: { "app.kubernetes.io/name": "web", tier: "" } } })),
    ).toEqual([]);
  });

  it("rejects bad label keys and values at the label's path", () => {
    const cm = configMap({
      metadata: { name: "c", labels: { "bad key": "ok", good: "bad value", "x/y/z": "v" } },
    });
    expect(summary(check(cm))).toEqual([
      ["E_NAME", "metadata.labels.bad key", expect.stringMatching(/^label key: name part must consist/)],
      [
        "E_NAME",
        "metadata.labels.good",
        expect.stringMatching(/^label value: a valid label must be an empty string/),
      ],
      ["E_NAME", "metadata.labels.x/y/z", expect.stringMatching(/^label key: a qualified name/)],
    ]);
  });

  it("rejects label values over 63 characters", () => {
    const issues = check(configMap({ metadata: { name: "c", labels: { v: "x".repeat(64) } } }));
    expect(issues).toMatchObject([
      { message: "label value: must be no more than 63 characters", found: "64 characters" },
    ]);
  });

  it("checks annotation keys (case-insensitively, like Kubernetes) but not their values", () => {
    expect(
      check(configMap({ metadata: { name: "c", annotations: { "Example.com/Note": "any thing: at all" } } })),
    ).toEqual([]);
    expect(summary(check(configMap({ metadata: { name: "c", annotations: { "/note": "x" } } })))).toEqual([
      ["E_NAME", "metadata.annotations./note", "annotation key: prefix part must be non-empty"],
    ]);
  });

  it("limits annotations to 256 KiB in all", () => {
    const big = { a: "x".repeat(200 * 1024), b: "y".repeat(60 * 1024) };
    expect(summary(check(configMap({ metadata: { name: "c", annotations: big } })))).toEqual([
      ["E_VALUE", "metadata.annotations", "annotations may have at most 262144 bytes in all"],
    ]);
  });

  it("checks template labels and node selectors too", () => {
    const p = pod({ nodeSelector: { "disk type": "ssd" } });
    expect(summary(check(p))).toEqual([
      ["E_NAME", "spec.nodeSelector.disk type", expect.stringContaining("label key")],
    ]);
  });
});
