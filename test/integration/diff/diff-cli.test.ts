// The real `berth diff` against a real git repository: a base commit, a change, a broken commit,
// and a state file written by the state module from the base commit's objects. The three exit
// codes are checked on a spawned berth process; the other cases run the same CLI in process.

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JsonPlan } from "../../../src/diff/render/json.js";
import { loadManifestFiles } from "../../../src/manifest/index.js";
import type { KObject } from "../../../src/manifest/types.js";
import { emptyStateContent, prepareForSave, serializeState } from "../../../src/state/snapshot.js";
import { readTreeAtRevision } from "../../../src/sync/tree.js";
import { berth, berthProcess, commit, deployment, git, removeDir, tempDir } from "./repo.js";

const PASSWORD_OLD = Buffer.from("correct horse battery").toString("base64");
const PASSWORD_NEW = Buffer.from("staple tripod lantern").toString("base64");

const webEnv = `        env:
        - name: MODE
          valueFrom:
            configMapKeyRef: {name: web-config, key: mode}
        - name: DB_PASSWORD
          valueFrom:
            secretKeyRef: {name: db, key: password}
`;

function configMap(mode: string): string {
  return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-config\ndata:\n  mode: ${mode}\n`;
}

function secret(password: string): string {
  return `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ntype: Opaque\ndata:\n  password: ${password}\n`;
}

const service = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: web}
  ports:
  - {name: http, port: 80, targetPort: 8080}
`;

let dir: string;
let repo: string;
let base: string;
let head: string;

beforeAll(() => {
  dir = tempDir();
  repo = join(dir, "repo");
  git(dir, "init", "-q", "-b", "main", repo);
  commit(repo, "empty", { "README.md": "manifests live in manifests/\n" });
  base = commit(repo, "base", {
    "manifests/web.yaml": deployment("web", "berth.local/web:1", 3, webEnv),
    "manifests/worker.yaml": deployment("worker", "berth.local/busybox:1", 2),
    "manifests/config.yaml": configMap("green"),
    "manifests/secret.yaml": secret(PASSWORD_OLD),
    "manifests/service.yaml": service,
    ".github/workflows/ci.yml": "on: push\njobs: {}\n",
  });
  head = commit(repo, "head", {
    "manifests/web.yaml": deployment("web", "berth.local/web:2", 3, webEnv),
    "manifests/worker.yaml": null,
    "manifests/config.yaml": configMap("blue"),
    "manifests/secret.yaml": secret(PASSWORD_NEW),
  });
  commit(repo, "broken", {
    "manifests/web.yaml": deployment("web", "berth.local/web:2", 3, webEnv).replace(
      "replicas: 3",
      "replicas: three",
    ),
  });
});

afterAll(() => removeDir(dir));

function revisions(from: string, to: string, ...more: string[]): string[] {
  return ["diff", "--repo", repo, "--path", "manifests", "--from", from, "--to", to, ...more];
}

function expectNoSecret(text: string): void {
  for (const v of [PASSWORD_OLD, PASSWORD_NEW]) {
    expect(text).not.toContain(v);
    expect(text).not.toContain(Buffer.from(v, "base64").toString());
  }
}

describe("berth diff --from --to", () => {
  it("exits 0 and says so when nothing differs", async () => {
    const r = await berthProcess(revisions("base", "base"));
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe("No differences: 5 objects unchanged.\n");
    expect(r.code).toBe(0);
  });

  it("exits 1 and prints a kubectl-style diff with implications, Secrets redacted", async () => {
    const r = await berthProcess(revisions("base", "head"));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`Deployment default/web (update)
  • pod template changed → rolling update of 3 pods (maxSurge 1, maxUnavailable 0)
--- a/Deployment/default/web
+++ b/Deployment/default/web
`);
    expect(r.stdout).toMatch(
      /@@ -\d+,\d+ \+\d+,\d+ @@ spec\.template\.spec\.containers\[name=web\]\.image\n/,
    );
    expect(r.stdout).toContain("-        image: berth.local/web:1\n+        image: berth.local/web:2\n");
    expect(r.stdout).toContain(
      "  • used by Deployment default/web: as environment variables (pods keep old values until restarted)",
    );
    expect(r.stdout).toContain("-  password: <redacted: changed>\n+  password: <redacted: changed>\n");
    expect(r.stdout).toContain(`Deployment default/worker (delete)
  • Deployment default/worker deleted → its ReplicaSets and 2 pods are deleted`);
    expect(r.stdout).toMatch(/\nPlan: 0 to create, 3 to update, 1 to delete, 1 unchanged\.\n$/);
    expect(r.stdout).not.toContain("\x1b[");
    expectNoSecret(r.stdout + r.stderr);
  });

  it("colours the diff when forced, never under NO_COLOR", async () => {
    const forced = await berth(revisions("base", "head"), { FORCE_COLOR: "1" });
    expect(forced.stdout).toContain("\x1b[31m-        image: berth.local/web:1\x1b[0m");
    const off = await berth(revisions("base", "head"), { FORCE_COLOR: "1", NO_COLOR: "1" });
    expect(off.stdout).not.toContain("\x1b[");
  });

  it("writes a pull-request comment with -o markdown", async () => {
    const r = await berth(revisions("base", "head", "-o", "markdown"));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      `Changes from \`base\` (\`${base.slice(0, 7)}\`) to \`head\` (\`${head.slice(0, 7)}\`) in \`manifests/\`.`,
    );
    expect(r.stdout).toContain(
      "| Kind | Create | Update | Delete | Unchanged |\n| --- | ---: | ---: | ---: | ---: |\n",
    );
    expect(r.stdout).toContain("| Deployment | 0 | 1 | 1 | 0 |\n");
    expect(r.stdout).toContain("<summary><b>update</b> Deployment default/web</summary>");
    expect(r.stdout).toContain("```diff\n--- a/Deployment/default/web\n");
    expectNoSecret(r.stdout);
  });

  it("prints the documented JSON with -o json", async () => {
    const r = await berth(revisions("base", "head", "-o", "json"));
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout) as JsonPlan;
    expect(doc).toMatchObject({
      kind: "BerthDiff",
      version: 1,
      hasChanges: true,
      source: {
        mode: "revisions",
        path: "manifests",
        from: "base",
        fromCommit: base,
        to: "head",
        toCommit: head,
      },
      summary: { create: 0, update: 3, delete: 1, unchanged: 1, keep: 0 },
    });
    const secretChanges = doc.objects.find((o) => o.kind === "Secret")?.changes;
    expect(secretChanges).toEqual([
      {
        path: "data.password",
        segments: ["data", "password"],
        op: "replace",
        before: "<redacted: changed>",
        after: "<redacted: changed>",
        redacted: true,
      },
    ]);
    expectNoSecret(r.stdout);
  });

  it("treats a directory missing at the base as empty: everything is created", async () => {
    const r = await berth(revisions("empty", "base", "-o", "json"));
    expect(r.code).toBe(1);
    expect((JSON.parse(r.stdout) as JsonPlan).summary).toMatchObject({ create: 5, delete: 0 });
    expect(r.stderr).toContain("manifests does not exist at empty; every object is new");
  });

  it("exits 2 with the validation errors when a revision does not validate", async () => {
    const r = await berthProcess(revisions("head", "broken"));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^berth diff: revision broken \([0-9a-f]{7}\) does not validate: 1 error\n/);
    expect(r.stderr).toMatch(
      /\n {2}manifests\/web\.yaml:\d+:\d+: error E_\w+: Deployment default\/web: spec\.replicas: /,
    );
  });

  it("exits 2 on an unknown revision, a missing repository and bad usage", async () => {
    const unknown = await berth(revisions("base", "no-such-branch"));
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("revision no-such-branch is not a commit");
    const noRepo = await berth(["diff", "--repo", join(dir, "nope"), "--from", "a", "--to", "b"]);
    expect(noRepo.code).toBe(2);
    const neither = await berth(["diff", "--repo", repo]);
    expect(neither.code).toBe(2);
    expect(neither.stderr).toContain("say what to compare");
    const format = await berth(revisions("base", "head", "-o", "yaml"));
    expect(format.code).toBe(2);
    expect(format.stderr).toContain('unknown output format "yaml"');
  });
});

describe("berth diff --state", () => {
  let statePath: string;

  beforeAll(async () => {
    // What berth run would have recorded after syncing `base`: the git objects with berth's
    // metadata, plus the ReplicaSets and pods the controllers generated.
    const files = await readTreeAtRevision(repo, base, "manifests");
    const loaded = loadManifestFiles(files, {});
    expect(loaded.errors).toBe(0);
    const objects: KObject[] = [];
    let uid = 0;
    /** Metadata the store writes on every object. */
    const stored = () => ({
      uid: `uid-${++uid}`,
      resourceVersion: String(uid),
      generation: 1,
      creationTimestamp: "2026-01-01T00:00:00Z",
    });
    for (const { object } of loaded.objects) {
      const o = structuredClone(object);
      Object.assign(o.metadata, stored());
      o.metadata.annotations = { ...o.metadata.annotations, "berth.io/app": "demo" };
      objects.push(o);
      if (o.kind !== "Deployment") continue;
      const rs = {
        apiVersion: "apps/v1",
        kind: "ReplicaSet",
        metadata: {
          name: `${o.metadata.name}-5d4f8`,
          namespace: "default",
          ...stored(),
          labels: {},
          annotations: {},
          ownerReferences: [
            {
              apiVersion: "apps/v1",
              kind: "Deployment",
              name: o.metadata.name,
              uid: o.metadata.uid,
              controller: true,
            },
          ],
        },
        spec: { replicas: o.spec.replicas, selector: o.spec.selector, template: o.spec.template },
      } as KObject;
      objects.push(rs);
      for (let i = 0; i < (o.spec.replicas ?? 1); i++) {
        objects.push({
          apiVersion: "v1",
          kind: "Pod",
          metadata: {
            name: `${rs.metadata.name}-p${i}`,
            namespace: "default",
            ...stored(),
            labels: {},
            annotations: {},
            ownerReferences: [
              {
                apiVersion: "apps/v1",
                kind: "ReplicaSet",
                name: rs.metadata.name,
                uid: rs.metadata.uid ?? "",
                controller: true,
              },
            ],
          },
          spec: o.spec.template.spec,
        });
      }
    }
    const content = {
      ...emptyStateContent(),
      resourceVersion: uid,
      apps: [{ name: "demo", source: { repoURL: "file:///repo", ref: "main", path: "manifests" } }],
      objects,
    };
    const data = prepareForSave(content, {
      secretSalt: "a".repeat(64),
      savedAt: Date.parse("2026-01-01T00:00:00Z"),
    });
    statePath = join(dir, "state.json");
    writeFileSync(statePath, serializeState(data));
  });

  function state(ref: string, ...more: string[]): string[] {
    return ["diff", "--state", statePath, "--repo", repo, "--path", "manifests", "--ref", ref, ...more];
  }

  it("exits 0 when the state matches the revision, hashed Secret values included", async () => {
    const r = await berth(state("base"));
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe("No differences: 5 objects unchanged.\n");
    expect(r.code).toBe(0);
  });

  it("exits 1 with what a sync would do, counting the recorded pods of a deleted Deployment", async () => {
    const r = await berth(state("head"));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("Deployment default/web (update)");
    expect(r.stdout).toContain("-  password: <redacted: changed>\n+  password: <redacted: changed>\n");
    expect(r.stdout).toContain("Deployment default/worker deleted → its ReplicaSets and 2 pods are deleted");
    expect(r.stdout).not.toContain("ReplicaSet default/");
    expect(r.stdout).not.toContain("(delete)\n--- a/Pod");
    expectNoSecret(r.stdout);
    const json = await berth(state("head", "-o", "json"));
    expect((JSON.parse(json.stdout) as JsonPlan).source).toMatchObject({
      mode: "state",
      app: "demo",
      commit: head,
    });
  });

  it("exits 2 when the state file is missing or names another app", async () => {
    const missing = await berth([
      "diff",
      "--state",
      join(dir, "none.json"),
      "--repo",
      repo,
      "--path",
      "manifests",
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("does not exist");
    const other = await berth(state("head", "--app", "other"));
    expect(other.code).toBe(2);
    expect(other.stderr).toContain("records no app named other");
  });
});
