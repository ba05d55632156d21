import { describe, expect, it } from "vitest";
import { checkObject } from "../../../../src/manifest/checks/index.js";
import { applyDefaults } from "../../../../src/manifest/defaults/index.js";
import { KINDS, type KObject } from "../../../../src/manifest/types.js";
import { PAIRS } from "./fixtures.js";

function deepFreeze<T>(v: T): T {
  if (typeof v === "object" && v !== null) {
    for (const x of Object.values(v)) deepFreeze(x);
    Object.freeze(v);
  }
  return v;
}

describe("applyDefaults on every kind", () => {
  it("has a fixture pair for every kind", () => {
    expect(Object.keys(PAIRS).sort()).toEqual([...KINDS].sort());
  });

  describe.each(KINDS.map((k) => [k, PAIRS[k]] as const))("%s", (_kind, pair) => {
    it("gives a manifest that omits the defaults the same object as one that spells them out", () => {
      expect(applyDefaults(pair.min)).toEqual(applyDefaults(pair.full));
    });

    it("fills every default (the spelled-out manifest is already canonical)", () => {
      expect(applyDefaults(pair.full)).toEqual(pair.full);
    });

    it("is idempotent", () => {
      const once = applyDefaults(pair.min);
      expect(applyDefaults(once)).toEqual(once);
    });

    it("does not touch its input", () => {
      const input = deepFreeze(structuredClone(pair.min));
      expect(() => applyDefaults(input)).not.toThrow();
      expect(input).toEqual(pair.min);
    });

    it("passes the checks once defaulted", () => {
      expect(checkObject(applyDefaults(pair.min))).toEqual([]);
    });
  });
});

describe("applyDefaults keeps what the manifest says", () => {
  it("keeps non-default values", () => {
    const d = structuredClone(PAIRS.Deployment.min) as Extract<KObject, { kind: "Deployment" }>;
    d.spec.replicas = 3;
    d.spec.strategy = { type: "Recreate" };
    d.spec.revisionHistoryLimit = 0;
    const out = applyDefaults(d);
    expect(out.spec.replicas).toBe(3);
    expect(out.spec.strategy).toEqual({ type: "Recreate" });
    expect(out.spec.revisionHistoryLimit).toBe(0);
  });

  it("keeps explicit labels and annotations", () => {
    const ns: KObject = {
      apiVersion: "v1",
      kind: "Namespace",
      metadata: { name: "a", labels: { x: "1" }, annotations: { y: "2" } },
    };
    expect(applyDefaults(ns).metadata).toEqual({ name: "a", labels: { x: "1" }, annotations: { y: "2" } });
  });

  it("does not set the namespace (the loader does)", () => {
    const cm: KObject = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "a" } };
    expect(applyDefaults(cm).metadata.namespace).toBeUndefined();
  });
});
