import { describe, expect, it } from "vitest";
import { runSyncPass, appObjects, type SyncInput } from "../../../src/daemon/sync-pass.js";
import { APP_ANNOTATION } from "../../../src/daemon/apply.js";
import { ObjectStore } from "../../../src/state/store.js";
import { FakeClock } from "../../../src/util/clock.js";
import { hashSecretValue } from "../../../src/state/secrets.js";

const cm = (name: string, value = "1") =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${name}}\ndata: {k: "${value}"}\n`;
const deploy = (image: string, labels = "{app: web}") => `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: ${labels}}
  template:
    metadata: {labels: ${labels}}
    spec:
      containers: [{name: web, image: "${image}"}]
`;
const secret = (v: string) =>
  `apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData: {token: "${v}"}\n`;

function input(files: Record<string, string>, extra: Partial<SyncInput> = {}): SyncInput {
  return {
    app: "demo",
    namespace: "default",
    prune: { enabled: true, allowEmpty: false, maxDeleteShare: 1 },
    files: Object.entries(files).map(([path, content]) => ({ path, content })),
    hashSecretValue: (v) => hashSecretValue(v, "salt"),
    ...extra,
  };
}

describe("runSyncPass", () => {
  it("creates objects in dependency order, annotated with their app, and is idempotent", () => {
    const store = new ObjectStore(new FakeClock());
    const order: string[] = [];
    const r = runSyncPass(store, input({ "a.yaml": deploy("web:1"), "b.yaml": cm("cfg") }), {
      onAction: (a, id) => order.push(`${a} ${id.kind}`),
    });
    expect(r.ok).toBe(true);
    expect(order).toEqual(["create ConfigMap", "create Deployment"]);
    expect(appObjects(store, "demo")).toHaveLength(2);
    expect(store.get("Deployment", "default", "web")?.metadata.annotations?.[APP_ANNOTATION]).toBe("demo");
    const again = runSyncPass(store, input({ "a.yaml": deploy("web:1"), "b.yaml": cm("cfg") }));
    expect(again.ok && again.applied).toMatchObject({ created: [], updated: [], deleted: [], unchanged: 2 });
  });

  it("updates changed objects and prunes removed ones", () => {
    const store = new ObjectStore(new FakeClock());
    runSyncPass(store, input({ "a.yaml": deploy("web:1"), "b.yaml": cm("cfg") }));
    const gen = store.get("Deployment", "default", "web")?.metadata.generation;
    const r = runSyncPass(store, input({ "a.yaml": deploy("web:2") }));
    expect(r.ok && r.applied.updated).toEqual(["Deployment/default/web"]);
    expect(r.ok && r.applied.deleted).toEqual(["ConfigMap/default/cfg"]);
    expect(store.get("Deployment", "default", "web")?.metadata.generation).toBe((gen ?? 0) + 1);
    expect(store.get("ConfigMap", "default", "cfg")).toBeUndefined();
  });

  it("replaces an object whose immutable selector changed", () => {
    const store = new ObjectStore(new FakeClock());
    runSyncPass(store, input({ "a.yaml": deploy("web:1") }));
    const uid = store.get("Deployment", "default", "web")?.metadata.uid;
    const r = runSyncPass(store, input({ "a.yaml": deploy("web:1", "{app: web2}") }));
    expect(r.ok && r.applied.replaced).toEqual(["Deployment/default/web"]);
    expect(store.get("Deployment", "default", "web")?.metadata.uid).not.toBe(uid);
  });

  it("applies nothing from an invalid revision and reports its errors", () => {
    const store = new ObjectStore(new FakeClock());
    runSyncPass(store, input({ "b.yaml": cm("cfg") }));
    const r = runSyncPass(
      store,
      input({
        "b.yaml": cm("cfg", "2"),
        "bad.yaml": "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c}]}\n",
      }),
    );
    expect(r).toMatchObject({ ok: false, code: "E_INVALID" });
    if (!r.ok)
      expect(r.errors[0]).toMatch(
        /^bad\.yaml:4:\d+: error E_SCHEMA: Pod default\/p: .*missing required field "image"/,
      );
    expect(store.get("ConfigMap", "default", "cfg")?.data).toEqual({ k: "1" });
  });

  it("refuses an empty revision instead of deleting everything", () => {
    const store = new ObjectStore(new FakeClock());
    runSyncPass(store, input({ "b.yaml": cm("a") + "---\n" + cm("b") }));
    const r = runSyncPass(store, input({}));
    expect(r).toMatchObject({ ok: false, code: "E_PRUNE_EMPTY" });
    expect(appObjects(store, "demo")).toHaveLength(2);
  });

  it("keeps objects annotated berth.io/prune=false and leaves everything when pruning is off", () => {
    const store = new ObjectStore(new FakeClock());
    const kept = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: keep, annotations: {berth.io/prune: "false"}}\n`;
    runSyncPass(store, input({ "a.yaml": kept, "b.yaml": cm("gone"), "c.yaml": cm("stay") }));
    const r = runSyncPass(store, input({ "c.yaml": cm("stay") }));
    expect(r.ok && r.applied.kept).toEqual(["ConfigMap/default/keep"]);
    expect(store.get("ConfigMap", "default", "keep")).toBeDefined();
    expect(store.get("ConfigMap", "default", "gone")).toBeUndefined();
    const off = runSyncPass(
      store,
      input({}, { prune: { enabled: false, allowEmpty: false, maxDeleteShare: 0.5 } }),
    );
    expect(off.ok && off.notPruned).toEqual(["ConfigMap/default/stay"]);
    expect(store.get("ConfigMap", "default", "stay")).toBeDefined();
  });

  it("refuses to take over an object another app manages", () => {
    const store = new ObjectStore(new FakeClock());
    runSyncPass(store, input({ "b.yaml": cm("shared") }, { app: "one" }));
    const r = runSyncPass(store, input({ "b.yaml": cm("shared") }, { app: "two" }));
    expect(r).toMatchObject({ ok: false, code: "E_APP_CONFLICT" });
  });

  it("restores real Secret values over hashes left by a restart without reporting a change", () => {
    const store = new ObjectStore(new FakeClock());
    runSyncPass(store, input({ "s.yaml": secret("v1") }));
    const stored = store.get("Secret", "default", "s");
    if (!stored) throw new Error("no secret");
    // What a restart restores from the state file: hashes only.
    const hashed = structuredClone(stored);
    hashed.data = { token: hashSecretValue(stored.data?.token ?? "", "salt") };
    const restarted = new ObjectStore(new FakeClock());
    restarted.restore([hashed], 10);
    const r = runSyncPass(restarted, input({ "s.yaml": secret("v1") }));
    expect(r.ok && r.applied.unchanged).toBe(1);
    expect(restarted.get("Secret", "default", "s")?.data).toEqual({
      token: Buffer.from("v1").toString("base64"),
    });
  });
});
