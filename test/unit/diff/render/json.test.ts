import { describe, expect, it } from "vitest";
import { renderJson, toJsonPlan } from "../../../../src/diff/render/json.js";
import { scenario, SECRET_ADDED, SECRET_NEW, SECRET_OLD } from "./scenario.js";

describe("renderJson", () => {
  it("follows the documented, versioned schema", () => {
    const doc = JSON.parse(
      renderJson(scenario(), { mode: "revisions", from: "main", to: "feature" }),
    ) as ReturnType<typeof toJsonPlan>;
    expect(doc.kind).toBe("BerthDiff");
    expect(doc.version).toBe(1);
    expect(doc.source).toEqual({ mode: "revisions", from: "main", to: "feature" });
    expect(doc.hasChanges).toBe(true);
    expect(doc.summary).toEqual({ create: 0, update: 3, delete: 1, unchanged: 1, keep: 1 });
    expect(doc.byKind.Secret).toEqual({ create: 0, update: 1, delete: 0, unchanged: 0, keep: 0 });
    expect(doc.objects.map((o) => `${o.action} ${o.kind} ${o.namespace}/${o.name}`)).toEqual([
      "keep ConfigMap default/legacy",
      "delete ConfigMap default/old",
      "unchanged ConfigMap default/unchanged",
      "update ConfigMap default/web-config",
      "update Secret default/db",
      "update Deployment default/web",
    ]);
    const web = doc.objects[5];
    expect(web?.changes).toEqual([
      {
        path: "spec.template.spec.containers[name=web].image",
        segments: ["spec", "template", "spec", "containers", { key: "name", value: "web" }, "image"],
        op: "replace",
        before: "berth.local/web:1",
        after: "berth.local/web:2",
      },
    ]);
    expect(web?.implications).toEqual([
      {
        code: "ROLLING_UPDATE",
        message: "pod template changed → rolling update of 3 pods (maxSurge 1, maxUnavailable 0)",
      },
    ]);
    expect(doc.objects[1]?.object).toMatchObject({ kind: "ConfigMap", data: { x: "y" } });
    expect(doc.objects[2]).toEqual({
      action: "unchanged",
      kind: "ConfigMap",
      namespace: "default",
      name: "unchanged",
      changes: [],
      implications: [],
    });
  });

  it("carries redaction markers for Secrets, never values", () => {
    const text = renderJson(scenario());
    for (const v of [SECRET_OLD, SECRET_NEW, SECRET_ADDED]) {
      expect(text).not.toContain(v);
      expect(text).not.toContain(Buffer.from(v, "base64").toString());
    }
    const db = toJsonPlan(scenario()).objects.find((o) => o.kind === "Secret");
    expect(db?.changes.map((c) => [c.path, c.op, c.before, c.after, c.redacted])).toEqual([
      ["data.password", "replace", "<redacted: changed>", "<redacted: changed>", true],
      ["data.token", "add", undefined, "<redacted: added>", true],
    ]);
  });
});
