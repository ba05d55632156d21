import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { planDiff } from "../../../src/diff/plan.js";
import type { KObject } from "../../../src/manifest/types.js";
import { hashSecretValue } from "../../../src/state/secrets.js";
import {
  configMap,
  container,
  deployment,
  namespace,
  pod,
  recordedFromGit,
  replicaSet,
  secret,
  service,
} from "./fixtures.js";

/** The same object with every map's keys in reverse order, as another manifest might write it. */
function reorderKeys<T>(v: T): T {
  if (Array.isArray(v)) return v.map(reorderKeys) as T;
  if (typeof v !== "object" || v === null) return v;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v).reverse()) out[k] = reorderKeys((v as Record<string, unknown>)[k]);
  return out as T;
}

function paths(plan: ReturnType<typeof planDiff>, key: string): string[] {
  return plan.entries.find((e) => e.key === key)?.changes.map((c) => c.path) ?? [];
}

describe("planDiff", () => {
  it("finds nothing to do when only generated metadata, status and berth's annotations differ", () => {
    const desired = [deployment("web"), service("web"), configMap("cfg", { a: "1" })];
    const recorded = desired.map((o) => recordedFromGit(reorderKeys(o) as KObject));
    const plan = planDiff(desired, recorded);
    expect(plan.hasChanges).toBe(false);
    expect(plan.summary).toEqual({ create: 0, update: 0, delete: 0, unchanged: 3, keep: 0 });
    expect(plan.entries.every((e) => e.action === "unchanged" && e.changes.length === 0)).toBe(true);
  });

  it("orders many entries by kind, namespace and name, whatever the input order and action", () => {
    // Namespaces and names that are prefixes of each other, or differ only after a '-' or '.',
    // across kinds, with unchanged, created, updated and deleted entries mixed.
    const names = ["a", "a-b", "a.b", "a0", "ab", "b", "web-10", "web-2", "web-1"];
    const namespaces = ["team", "team-a", "team2", "default"];
    const desired: KObject[] = [];
    const recorded: KObject[] = [];
    let i = 0;
    for (const ns of namespaces) {
      for (const name of names) {
        const cm = configMap(name, { n: String(i) }, ns);
        const svc = service(name);
        svc.metadata.namespace = ns;
        if (i % 4 !== 0) desired.push(cm, svc);
        if (i % 4 !== 1)
          recorded.push(recordedFromGit(configMap(name, { n: i % 4 === 2 ? "x" : String(i) }, ns)));
        if (i % 4 !== 1) recorded.push(recordedFromGit(svc));
        i++;
      }
    }
    desired.push(namespace("zeta"), namespace("alpha"));
    // An unknown kind (the loader rejects them; the order still puts it last, by kind).
    const odd = { ...configMap("odd", {}), kind: "Widget" } as unknown as KObject;
    desired.push(odd);
    // Shuffled, deterministically (Fisher-Yates with a fixed linear congruential sequence).
    let seed = 7;
    for (let j = desired.length - 1; j > 0; j--) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      const k = seed % (j + 1);
      const x = desired[j];
      const y = desired[k];
      if (x === undefined || y === undefined) throw new Error("index out of range");
      desired[j] = y;
      desired[k] = x;
    }
    recorded.reverse();
    const plan = planDiff(desired, recorded);
    const rank = (kind: string) => {
      const order = ["Namespace", "Pod", "ConfigMap", "Secret", "Service", "Deployment"];
      return order.includes(kind) ? order.indexOf(kind) : 100;
    };
    const expected = plan.entries
      .map((e) => [rank(e.kind), e.kind, e.namespace, e.name, e.key] as const)
      .sort((x, y) => {
        for (let k = 0; k < 4; k++) if (x[k] !== y[k]) return (x[k] ?? "") < (y[k] ?? "") ? -1 : 1;
        return 0;
      })
      .map((x) => x[4]);
    expect(plan.entries.map((e) => e.key)).toEqual(expected);
    expect(plan.entries.length).toBe(namespaces.length * names.length * 2 + 3);
    expect(plan.entries.slice(0, 2).map((e) => e.key)).toEqual(["Namespace//alpha", "Namespace//zeta"]);
    expect(plan.entries.at(-1)?.key).toBe("Widget/default/odd");
    expect(plan.summary).toMatchObject({ create: 21, update: 9, delete: 18, unchanged: 27 });
  });

  it("treats absent and empty labels or annotations alike", () => {
    const d = configMap("cfg", { a: "1" });
    const r = structuredClone(d);
    delete r.metadata.annotations;
    expect(planDiff([d], [r]).hasChanges).toBe(false);
  });

  it("plans create, update and delete, sorted by kind in apply order, then namespace and name", () => {
    const desired = [
      deployment("web", { image: "berth.local/web:2" }),
      configMap("b", {}),
      namespace("team-a"),
    ];
    const recorded = [recordedFromGit(deployment("web")), recordedFromGit(configMap("old", {}))];
    const plan = planDiff(desired, recorded);
    expect(plan.entries.map((e) => `${e.action} ${e.key}`)).toEqual([
      "create Namespace//team-a",
      "create ConfigMap/default/b",
      "delete ConfigMap/default/old",
      "update Deployment/default/web",
    ]);
    expect(plan.summary).toMatchObject({ create: 2, update: 1, delete: 1 });
    expect(plan.byKind.ConfigMap).toEqual({ create: 1, update: 0, delete: 1, unchanged: 0, keep: 0 });
    expect(plan.hasChanges).toBe(true);
    const update = plan.entries[3];
    expect(update?.changes).toEqual([
      {
        path: "spec.template.spec.containers[name=web].image",
        segments: ["spec", "template", "spec", "containers", { key: "name", value: "web" }, "image"],
        op: "replace",
        before: "berth.local/web:1",
        after: "berth.local/web:2",
      },
    ]);
    expect(update?.before?.metadata.uid).toBeUndefined();
    expect(update?.before?.metadata.annotations).toBeUndefined();
  });

  it("names list items by their merge key, other list items by index", () => {
    const before = deployment("web", {
      containers: [
        container("web", "w:1", {
          args: ["--a", "--b"],
          env: [
            { name: "A", value: "1" },
            { name: "B", value: "2" },
          ],
          ports: [{ name: "http", containerPort: 80, protocol: "TCP" }],
          volumeMounts: [{ name: "data", mountPath: "/data" }],
        }),
        container("side", "s:1"),
      ],
    });
    const after = deployment("web", {
      containers: [
        container("web", "w:1", {
          args: ["--a", "--c"],
          env: [{ name: "A", value: "9" }],
          ports: [{ name: "http", containerPort: 8080, protocol: "TCP" }],
          volumeMounts: [{ name: "data", mountPath: "/data", readOnly: true }],
        }),
        container("side", "s:2"),
      ],
    });
    after.metadata.labels = { app: "web", "app.kubernetes.io/part-of": "shop" };
    const plan = planDiff([after], [before]);
    const c = "spec.template.spec.containers";
    expect(paths(plan, "Deployment/default/web")).toEqual([
      'metadata.labels["app.kubernetes.io/part-of"]',
      `${c}[name=web].args[1]`,
      `${c}[name=web].env[name=A].value`,
      `${c}[name=web].env[name=B]`,
      `${c}[name=web].ports[name=http].containerPort`,
      `${c}[name=web].volumeMounts[mountPath=/data].readOnly`,
      `${c}[name=side].image`,
    ]);
    const ops = plan.entries[0]?.changes.map((ch) => ch.op);
    expect(ops).toEqual(["add", "replace", "replace", "remove", "replace", "add", "replace"]);
  });

  it("falls back to indexes when a merge key is missing or repeated, and reports reordered keyed lists", () => {
    const before = service("web", {
      ports: [
        { protocol: "TCP", port: 80, targetPort: 80 },
        { protocol: "UDP", port: 80, targetPort: 80 },
      ],
    });
    const after = service("web", {
      ports: [
        { protocol: "TCP", port: 80, targetPort: 81 },
        { protocol: "UDP", port: 80, targetPort: 80 },
      ],
    });
    expect(paths(planDiff([after], [before]), "Service/default/web")).toEqual(["spec.ports[0].targetPort"]);

    const d1 = deployment("web", { containers: [container("a", "x"), container("b", "y")] });
    const d2 = deployment("web", { containers: [container("b", "y"), container("a", "x")] });
    const reordered = planDiff([d2], [d1]).entries[0]?.changes;
    expect(reordered).toEqual([
      {
        path: "spec.template.spec.containers",
        segments: ["spec", "template", "spec", "containers"],
        op: "reorder",
        before: ["a", "b"],
        after: ["b", "a"],
      },
    ]);
  });

  it("keeps user-meaningful berth.io annotations such as berth.io/prune", () => {
    const d = configMap("cfg", {});
    d.metadata.annotations = { "berth.io/prune": "false" };
    const plan = planDiff([d], [recordedFromGit(configMap("cfg", {}))]);
    expect(paths(plan, "ConfigMap/default/cfg")).toEqual(['metadata.annotations["berth.io/prune"]']);
  });

  it("ignores kubectl's last-applied-configuration and deployment.kubernetes.io annotations", () => {
    const r = recordedFromGit(deployment("web"));
    r.metadata.annotations = {
      ...r.metadata.annotations,
      "kubectl.kubernetes.io/last-applied-configuration": "{}",
      "deployment.kubernetes.io/max-replicas": "4",
    };
    expect(planDiff([deployment("web")], [r]).hasChanges).toBe(false);
  });

  it("never creates, updates or deletes generated objects; they inform implications only", () => {
    const web = recordedFromGit(deployment("web"), "uid-web");
    const rs = replicaSet("web-abc", web, 3, "uid-rs");
    const pods = [pod("web-abc-1", rs), pod("web-abc-2", rs)];
    const plan = planDiff([deployment("web")], [web, rs, ...pods]);
    expect(plan.entries.map((e) => `${e.action} ${e.key}`)).toEqual(["unchanged Deployment/default/web"]);
  });

  it("deletes objects from git without owner even when they lack berth.io/app", () => {
    const plan = planDiff([], [configMap("cfg", {})]);
    expect(plan.entries.map((e) => e.action)).toEqual(["delete"]);
  });

  it("deletes only the given app's objects", () => {
    const mine = recordedFromGit(configMap("mine", {}));
    const theirs = recordedFromGit(configMap("theirs", {}));
    theirs.metadata.annotations = { "berth.io/app": "other" };
    const plan = planDiff([], [mine, theirs], { app: "demo" });
    expect(plan.entries.map((e) => `${e.action} ${e.name}`)).toEqual(["delete mine"]);
  });

  it("keeps objects annotated berth.io/prune=false instead of deleting them", () => {
    const kept = recordedFromGit(configMap("legacy", {}));
    kept.metadata.annotations = { ...kept.metadata.annotations, "berth.io/prune": "false" };
    const plan = planDiff([], [kept]);
    expect(plan.entries[0]).toMatchObject({
      action: "keep",
      implications: [{ code: "PRUNE_SKIPPED", message: "kept (berth.io/prune=false)" }],
    });
    expect(plan.summary.keep).toBe(1);
    expect(plan.hasChanges).toBe(false);
  });

  it("takes fields the server assigns from the recorded object when the manifest leaves them unset", () => {
    const d = service("web", { type: "NodePort" });
    const r = recordedFromGit(
      service("web", {
        type: "NodePort",
        clusterIP: "10.96.0.7",
        clusterIPs: ["10.96.0.7"],
        ports: [{ name: "http", protocol: "TCP", port: 80, targetPort: 8080, nodePort: 30080 }],
      }),
    );
    expect(planDiff([d], [r]).hasChanges).toBe(false);
    const pinned = service("web", { type: "NodePort", clusterIP: "10.96.0.9" });
    expect(paths(planDiff([pinned], [r]), "Service/default/web")).toEqual(["spec.clusterIP"]);
  });

  it("refuses the same object desired twice", () => {
    expect(() => planDiff([configMap("a", {}), configMap("a", {})], [])).toThrow(/desired twice/);
  });

  it("tells objects sharing a name apart by kind and namespace", () => {
    // Objects are looked up by name first (slots.ts): every one here is named "web".
    const desired = [
      deployment("web"),
      service("web"),
      configMap("web", { a: "1" }),
      configMap("web", { b: "2" }, "team"),
      namespace("web"),
    ];
    const recorded = [
      namespace("web"),
      configMap("web", { b: "old" }, "team"),
      configMap("web", { c: "3" }, "other"),
      service("web"),
      configMap("web", { a: "1" }),
      deployment("web"),
    ].map((o) => recordedFromGit(o));
    const plan = planDiff(desired, recorded);
    expect(plan.entries.map((e) => `${e.action} ${e.key}`)).toEqual([
      "unchanged Namespace//web",
      "unchanged ConfigMap/default/web",
      "delete ConfigMap/other/web",
      "update ConfigMap/team/web",
      "unchanged Service/default/web",
      "unchanged Deployment/default/web",
    ]);
    expect(paths(plan, "ConfigMap/team/web")).toEqual(["data.b"]);
    expect(() => planDiff([...desired, configMap("web", {}, "team")], recorded)).toThrow(
      /ConfigMap\/team\/web is desired twice/,
    );
    expect(() => planDiff([...desired, configMap("web", {}, "other")], recorded)).not.toThrow();
  });

  it("compares against the git object when a generated one has the same identity, in either order", () => {
    const fromGit = recordedFromGit(configMap("cfg", { a: "1" }));
    const owner = recordedFromGit(deployment("web"));
    const generated = configMap("cfg", { a: "generated" });
    generated.metadata.ownerReferences = [
      { apiVersion: "apps/v1", kind: "Deployment", name: "web", uid: owner.metadata.uid ?? "" },
    ];
    for (const recorded of [
      [fromGit, generated],
      [generated, fromGit],
    ]) {
      expect(planDiff([configMap("cfg", { a: "1" })], recorded).hasChanges).toBe(false);
      expect(planDiff([], recorded).entries.map((e) => `${e.action} ${e.key}`)).toEqual([
        "delete ConfigMap/default/cfg",
      ]);
    }
    // Of two generated ones, the later counts (and neither is ever deleted).
    const later = structuredClone(generated);
    later.data = { a: "1" };
    expect(planDiff([configMap("cfg", { a: "1" })], [generated, later]).hasChanges).toBe(false);
    expect(planDiff([], [generated, later]).entries).toEqual([]);
  });
});

describe("planDiff with Secrets", () => {
  const salt = "0123456789abcdef";
  const hash = (v: string) => hashSecretValue(v, salt);
  const pw1 = Buffer.from("hunter2-old").toString("base64");
  const pw2 = Buffer.from("hunter2-new").toString("base64");
  const user = Buffer.from("admin").toString("base64");

  /** A Secret as the state file stores it: values replaced by their hashes. */
  function stored(data: Record<string, string>) {
    const s = recordedFromGit(secret("db", data));
    s.data = Object.fromEntries(Object.entries(data).map(([k, v]) => [k, hash(v)]));
    return s;
  }

  it("compares a recorded hash with the desired value through the injected hasher", () => {
    const plan = planDiff([secret("db", { password: pw1, user })], [stored({ password: pw1, user })], {
      hashSecretValue: hash,
    });
    expect(plan.hasChanges).toBe(false);
  });

  it("finds Secrets unchanged against hashes stored by earlier versions (createHmac)", () => {
    // A state file written before the current hasher: values hashed with createHmac directly.
    const stateSalt = "9e107d9d372bb6826bd81d3542a419d6e277d4d731479571562f82fd0bcf1a7f";
    const legacy = (v: string) => `hmac-sha256:${createHmac("sha256", stateSalt).update(v).digest("hex")}`;
    const long = Buffer.from("é".repeat(300)).toString("base64");
    const data = { password: pw1, user, long, empty: "" };
    const s = recordedFromGit(secret("db", data));
    s.data = Object.fromEntries(Object.entries(data).map(([k, v]) => [k, legacy(v)]));
    const hasher = (v: string) => hashSecretValue(v, stateSalt);
    expect(planDiff([secret("db", data)], [s], { hashSecretValue: hasher }).hasChanges).toBe(false);
    const changed = planDiff([secret("db", { ...data, password: pw2 })], [s], { hashSecretValue: hasher });
    expect(changed.entries[0]?.changes.map((c) => c.path)).toEqual(["data.password"]);
  });

  it("reports changed, added and removed keys with markers, never values", () => {
    const plan = planDiff([secret("db", { password: pw2, token: user })], [stored({ password: pw1, user })], {
      hashSecretValue: hash,
    });
    const entry = plan.entries[0];
    expect(entry?.changes).toEqual([
      {
        path: "data.password",
        segments: ["data", "password"],
        op: "replace",
        before: "<redacted: changed>",
        after: "<redacted: changed>",
        redacted: true,
      },
      {
        path: "data.token",
        segments: ["data", "token"],
        op: "add",
        after: "<redacted: added>",
        redacted: true,
      },
      {
        path: "data.user",
        segments: ["data", "user"],
        op: "remove",
        before: "<redacted: removed>",
        redacted: true,
      },
    ]);
    expect(entry?.before).toMatchObject({
      data: { password: "<redacted: changed>", user: "<redacted: removed>" },
    });
    expect(entry?.after).toMatchObject({
      data: { password: "<redacted: changed>", token: "<redacted: added>" },
    });
    const text = JSON.stringify(plan);
    for (const secretText of [pw1, pw2, user, hash(pw1), hash(user)]) expect(text).not.toContain(secretText);
  });

  it("sees a change without a hasher when the recorded side is hashed, and redacts created and deleted Secrets", () => {
    expect(planDiff([secret("db", { password: pw1 })], [stored({ password: pw1 })]).hasChanges).toBe(true);
    const plan = planDiff(
      [secret("new", { password: pw1 })],
      [recordedFromGit(secret("gone", { password: pw2 }))],
    );
    expect(
      plan.entries.map((e) => [
        e.action,
        e.after?.kind === "Secret" ? e.after.data : undefined,
        e.before?.kind === "Secret" ? e.before.data : undefined,
      ]),
    ).toEqual([
      ["delete", undefined, { password: "<redacted: removed>" }],
      ["create", { password: "<redacted: added>" }, undefined],
    ]);
    expect(JSON.stringify(plan)).not.toContain(pw1);
    expect(JSON.stringify(plan)).not.toContain(pw2);
  });

  it("diffs a Secret's other fields normally", () => {
    const d = secret("db", { password: pw1 });
    d.metadata.labels = { tier: "db" };
    const plan = planDiff([d], [secret("db", { password: pw1 })]);
    expect(plan.entries[0]?.changes.map((c) => c.path)).toEqual([
      "metadata.labels.app",
      "metadata.labels.tier",
    ]);
    expect(plan.entries[0]?.after).toMatchObject({ data: { password: "<redacted>" } });
  });
});
