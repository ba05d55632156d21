import { describe, expect, it } from "vitest";
import { appProblems, appsTable } from "../../../src/cli/apps-table.js";
import { formatResult } from "../../../src/cli/commands/sync.js";
import { app } from "../../support/fake-daemon-view.js";

const NOW = Date.parse("2026-01-01T00:05:01Z");
const good = { sha: "2222222bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", subject: "Fix web" };
const bad = { sha: "3333333ccccccccccccccccccccccccccccccccc", subject: "Break web" };

describe("berth status table", () => {
  it("prints argocd-style columns", () => {
    const apps = [
      app("shop"),
      app("blog", {
        sync: { status: "OutOfSync" },
        health: { status: "Degraded", message: "Deployment blog/web: 0/2 available" },
        revision: good,
        lastGoodRevision: good,
        lastSync: {
          startedAt: "2026-01-01T00:04:29Z",
          finishedAt: "2026-01-01T00:04:31Z",
          result: "failed",
          revision: bad,
          errors: ['Deployment blog/web: spec.replicas: expected integer, found "two"'],
        },
        errors: ['Deployment blog/web: spec.replicas: expected integer, found "two"'],
      }),
      app("new", {
        revision: undefined,
        lastSync: undefined,
        lastGoodRevision: undefined,
        sync: { status: "Unknown" },
        health: { status: "Unknown" },
        operation: { phase: "Fetching", startedAt: "2026-01-01T00:05:00Z" },
      }),
    ];
    expect(appsTable(apps, NOW)).toBe(
      [
        "APP    SYNC STATUS   HEALTH     REVISION   LAST SYNC          MESSAGE",
        "shop   Synced        Healthy    1111111    Succeeded 5m ago   Add web",
        "blog   OutOfSync     Degraded   2222222    Failed 30s ago     Deployment blog/web: spec.replicas: expected integer, found…",
        "new    Unknown       Unknown    <none>     Never              Syncing: Fetching",
        "",
      ].join("\n"),
    );
    expect(appsTable(apps, NOW, { wide: true })).toContain('found "two"');
  });

  it("explains failed revisions and names the last good one", () => {
    const failed = app("blog", {
      revision: good,
      lastGoodRevision: good,
      lastSync: {
        startedAt: "2026-01-01T00:04:29Z",
        finishedAt: "2026-01-01T00:04:31Z",
        result: "failed",
        revision: bad,
        errors: ["Deployment blog/web: image is required", "Service blog/web: port 0"],
      },
      errors: ["Deployment blog/web: image is required"],
    });
    expect(appProblems([app("shop"), failed])).toBe(
      [
        "",
        "blog:",
        '  revision 3333333 "Break web" was not applied',
        "  - Deployment blog/web: image is required",
        "  - Service blog/web: port 0",
        '  last good revision: 2222222 "Fix web" (stays applied)',
        "",
      ].join("\n"),
    );
    expect(appProblems([app("shop")])).toBe("");
  });

  it("reports a repository that cannot be fetched, with no revision ever applied", () => {
    const never = app("new", {
      revision: undefined,
      lastGoodRevision: undefined,
      lastSync: {
        startedAt: "x",
        finishedAt: "2026-01-01T00:05:00Z",
        result: "failed",
        errors: ["git: authentication failed"],
      },
      errors: ["git: authentication failed"],
    });
    expect(appProblems([never])).toBe(
      "\nnew:\n  the last sync failed\n  - git: authentication failed\n  no revision was ever applied\n",
    );
  });
});

describe("berth sync results", () => {
  it("says what each pass did", () => {
    expect(
      formatResult({ app: "shop", result: "succeeded", changed: true, revision: good, errors: [] }),
    ).toBe('shop: synced to 2222222 "Fix web"\n');
    expect(
      formatResult({ app: "shop", result: "succeeded", changed: false, revision: good, errors: [] }),
    ).toBe('shop: in sync at 2222222 "Fix web", nothing to change\n');
    expect(
      formatResult({
        app: "shop",
        result: "failed",
        changed: false,
        revision: good,
        attemptedRevision: bad,
        errors: ["Deployment shop/web: image is required"],
      }),
    ).toBe(
      'shop: sync failed: revision 3333333 "Break web" was not applied\n  - Deployment shop/web: image is required\n  still applied: 2222222 "Fix web"\n',
    );
  });
});
