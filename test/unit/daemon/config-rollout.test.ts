import { describe, expect, it } from "vitest";
import { CONFIG_HASH, referencedConfig } from "../../../src/daemon/config-rollout.js";
import { runSyncPass, type SyncInput } from "../../../src/daemon/sync-pass.js";
import { ObjectStore } from "../../../src/state/store.js";
import { FakeClock } from "../../../src/util/clock.js";
import { hashSecretValue } from "../../../src/state/secrets.js";

const deploy = (name: string, optIn: boolean) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  annotations: {${optIn ? `berth.io/rollout-on-config-change: "true"` : ""}}
spec:
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers:
        - name: c
          image: x:1
          env: [{name: A, valueFrom: {configMapKeyRef: {name: cfg, key: a}}}]
          envFrom: [{secretRef: {name: s}}]
`;
const cfg = (a: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\ndata: {a: "${a}"}\n`;
const sec = (t: string) => `apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData: {T: "${t}"}\n`;

const input = (a: string, t: string): SyncInput => ({
  app: "demo",
  namespace: "default",
  prune: { enabled: true, allowEmpty: false, maxDeleteShare: 1 },
  files: [
    { path: "d.yaml", content: deploy("opted", true) + "---\n" + deploy("plain", false) },
    { path: "c.yaml", content: cfg(a) + "---\n" + sec(t) },
  ],
  hashSecretValue: (v) => hashSecretValue(v, "salt"),
});

const hashOf = (store: ObjectStore, name: string) =>
  store.get("Deployment", "default", name)?.spec.template.metadata.annotations?.[CONFIG_HASH];

describe("rollout on config change", () => {
  it("finds what a template references", () => {
    const refs = referencedConfig({
      metadata: {},
      spec: {
        containers: [{ name: "c", image: "x", envFrom: [{ configMapRef: { name: "a" } }] }],
        volumes: [
          { name: "v", secret: { secretName: "b" } },
          { name: "w", configMap: { name: "c" } },
        ],
      },
    });
    expect([...refs.configMaps].sort()).toEqual(["a", "c"]);
    expect([...refs.secrets]).toEqual(["b"]);
  });

  it("changes the template of opted-in workloads only, when a referenced value changes", () => {
    const store = new ObjectStore(new FakeClock());
    runSyncPass(store, input("1", "t1"));
    const h1 = hashOf(store, "opted");
    expect(h1).toMatch(/^[0-9a-f]{16}$/);
    expect(hashOf(store, "plain")).toBeUndefined();

    const same = runSyncPass(store, input("1", "t1"));
    expect(same.ok && same.applied.updated).toEqual([]);

    const cm = runSyncPass(store, input("2", "t1"));
    expect(cm.ok && cm.applied.updated.sort()).toEqual(["ConfigMap/default/cfg", "Deployment/default/opted"]);
    if (cm.ok) {
      const entry = cm.plan.entries.find((e) => e.key === "Deployment/default/opted");
      expect(entry?.implications.map((i) => i.code)).toContain("ROLLING_UPDATE");
    }
    const h2 = hashOf(store, "opted");
    expect(h2).not.toBe(h1);

    const secret = runSyncPass(store, input("2", "t2"));
    expect(secret.ok && secret.applied.updated.sort()).toEqual([
      "Deployment/default/opted",
      "Secret/default/s",
    ]);
    // The hash is keyed: the plain value never appears in it.
    expect(hashOf(store, "opted")).not.toContain("t2");
  });
});
