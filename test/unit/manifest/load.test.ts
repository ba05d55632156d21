import { describe, expect, it } from "vitest";
import { loadManifests, type ManifestStages } from "../../../src/manifest/load.js";
import { formatDiagnostic } from "../../../src/manifest/diagnostics.js";
import type { Issue } from "../../../src/manifest/issue.js";
import type { KObject } from "../../../src/manifest/types.js";

// Minimal stages so the pipeline is tested on its own: the real schema, conversion, defaults and
// checks have their own tests.
const stages: ManifestStages = {
  hasSchema: (v, k) =>
    (v === "v1" && ["Pod", "Namespace", "ConfigMap"].includes(k)) ||
    (v === "apps/v1" && k === "Deployment") ||
    (v === "extensions/v1beta1" && k === "Deployment"),
  validateSchema: (_v, _k, doc) => {
    const issues: Issue[] = [];
    const d = doc as { spec?: { replicas?: unknown } };
    if (d.spec?.replicas !== undefined && typeof d.spec.replicas !== "number") {
      issues.push({
        severity: "error",
        code: "E_SCHEMA",
        message: "wrong type",
        path: ["spec", "replicas"],
        expected: "integer",
        found: JSON.stringify(d.spec.replicas),
      });
    }
    return issues;
  },
  convertLegacy: (doc) =>
    doc.apiVersion === "extensions/v1beta1"
      ? {
          object: { ...doc, apiVersion: "apps/v1" },
          issues: [
            {
              severity: "warning",
              code: "W_DEPRECATED",
              message: "extensions/v1beta1 Deployment is deprecated; converted to apps/v1",
              path: ["apiVersion"],
            },
          ],
        }
      : { object: doc, issues: [] },
  applyDefaults: (o: KObject) => {
    const c = structuredClone(o);
    c.metadata.labels ??= {};
    return c;
  },
  checkObject: (o: KObject) =>
    o.metadata.name.includes("_")
      ? [{ severity: "error", code: "E_NAME", message: "invalid name", path: ["metadata", "name"] }]
      : [],
};

const load = (files: Record<string, string>, opts = {}) =>
  loadManifests(
    Object.entries(files).map(([path, content]) => ({ path, content })),
    opts,
    stages,
  );

describe("loadManifests", () => {
  it("reads multi-document YAML, skips empty documents and records each object's line", () => {
    const r = load({
      "app.yaml":
        "# leading comment\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n---\n---\n\napiVersion: v1\nkind: Pod\nmetadata: {name: b}\n",
    });
    expect(r.diagnostics).toEqual([]);
    expect(r.objects.map((o) => [o.object.metadata.name, o.location.line, o.location.column])).toEqual([
      ["a", 3, 1],
      ["b", 10, 1],
    ]);
    expect(r.objects[0]?.object.metadata.namespace).toBe("default");
  });

  it("accepts YAML flow style with trailing commas and comments", () => {
    const r = load({
      "flow.yaml":
        '{ apiVersion: "v1", kind: Pod, # a comment\n  metadata: { name: flow, labels: { app: x, }, },\n}\n',
    });
    expect(r.diagnostics).toEqual([]);
    expect(r.objects[0]?.object.metadata).toMatchObject({ name: "flow", labels: { app: "x" } });
  });

  it("reads JSON files", () => {
    const r = load({
      "p.json": JSON.stringify({ apiVersion: "v1", kind: "Pod", metadata: { name: "j" } }, null, 2),
    });
    expect(r.objects).toHaveLength(1);
  });

  it("expands kind: List and locates problems inside its items", () => {
    const r = load({
      "list.yaml":
        "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata: {name: one}\n- apiVersion: apps/v1\n  kind: Deployment\n  metadata: {name: two}\n  spec:\n    replicas: three\n",
    });
    expect(r.objects.map((o) => o.object.metadata.name)).toEqual(["one"]);
    expect(r.diagnostics.map(formatDiagnostic)).toEqual([
      'list.yaml:11:5: error E_SCHEMA: Deployment default/two: spec.replicas: wrong type (expected integer, found "three")',
    ]);
  });

  it("skips files with no apiVersion/kind, such as kustomization.yaml, with a warning", () => {
    const r = load({ "kustomization.yaml": "resources:\n- app.yaml\n" });
    expect(r.errors).toBe(0);
    expect(r.files[0]?.skipped).toMatch(/no apiVersion\/kind/);
    expect(r.diagnostics[0]).toMatchObject({ code: "W_SKIPPED_FILE", severity: "warning" });
  });

  it("warns about kinds berth does not run and keeps going", () => {
    const r = load({
      "sa.yaml":
        "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: x}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: p}\n",
    });
    expect(r.objects).toHaveLength(1);
    expect(r.diagnostics.map(formatDiagnostic)).toEqual([
      "sa.yaml:2:1: warning W_UNSUPPORTED_KIND: ServiceAccount default/x: kind: kind ServiceAccount (apiVersion v1) is not supported by berth; skipped",
    ]);
  });

  it("rejects a supported kind under an apiVersion that does not serve it", () => {
    const r = load({ "d.yaml": "apiVersion: apps/v9\nkind: Deployment\nmetadata: {name: d}\n" });
    expect(r.diagnostics.map(formatDiagnostic)).toEqual([
      'd.yaml:1:1: error E_SCHEMA: Deployment default/d: apiVersion: apiVersion "apps/v9" does not serve kind Deployment (expected "apps/v1", found "apps/v9")',
    ]);
  });

  it("reports a missing kind", () => {
    const r = load({ "x.yaml": "apiVersion: v1\nmetadata: {name: x}\n" });
    expect(r.diagnostics[0]).toMatchObject({ code: "E_SCHEMA", message: 'missing required field "kind"' });
  });

  it("reports YAML syntax errors with their position", () => {
    const r = load({ "bad.yaml": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: [a\n" });
    expect(r.errors).toBe(1);
    expect(r.diagnostics[0]).toMatchObject({ code: "E_YAML", location: { file: "bad.yaml", line: 5 } });
  });

  it("reports documents that are not mappings", () => {
    const r = load({ "s.yaml": "apiVersion: v1\nkind: Pod\nmetadata: {name: a}\n---\n- just\n- a list\n" });
    expect(r.diagnostics.map(formatDiagnostic)).toEqual([
      "s.yaml:5:1: error E_NOT_OBJECT: a document must be a mapping with apiVersion, kind and metadata (found a list)",
    ]);
  });

  it("converts legacy versions with the stage's warning and applies defaults", () => {
    const r = load({ "l.yaml": "apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata: {name: old}\n" });
    expect(r.objects[0]?.object.apiVersion).toBe("apps/v1");
    expect(r.objects[0]?.sourceApiVersion).toBe("extensions/v1beta1");
    expect(r.objects[0]?.object.metadata.labels).toEqual({});
    expect(r.warnings).toBe(1);
    expect(r.errors).toBe(0);
  });

  it("reports semantic check failures at the field", () => {
    const r = load({
      "n.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  namespace: team\n  name: bad_name\n",
    });
    expect(r.diagnostics.map(formatDiagnostic)).toEqual([
      "n.yaml:5:3: error E_NAME: ConfigMap team/bad_name: metadata.name: invalid name",
    ]);
    expect(r.objects).toEqual([]);
  });

  it("names both places when an identity is defined twice", () => {
    const r = load({
      "a.yaml": "apiVersion: v1\nkind: Pod\nmetadata: {name: dup}\n",
      "b.yaml": "\n\napiVersion: v1\nkind: Pod\nmetadata: {name: dup, namespace: default}\n",
    });
    expect(r.diagnostics.map(formatDiagnostic)).toEqual([
      "b.yaml:3:1: error E_DUPLICATE: Pod default/dup: Pod default/dup is defined more than once: here and at a.yaml:1:1; keep one definition; identity is kind + namespace + name",
    ]);
    expect(r.objects).toHaveLength(1);
  });

  it("uses the default namespace option and clears namespaces of cluster-scoped objects", () => {
    const r = load(
      {
        "ns.yaml":
          "apiVersion: v1\nkind: Namespace\nmetadata: {name: team, namespace: x}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: p}\n",
      },
      { namespace: "team" },
    );
    expect(r.objects.map((o) => o.object.metadata.namespace)).toEqual([undefined, "team"]);
  });

  it("turns warnings into errors in strict mode", () => {
    const r = load(
      { "sa.yaml": "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: x}\n" },
      { strict: true },
    );
    expect(r.errors).toBe(1);
    expect(r.warnings).toBe(0);
  });
});
