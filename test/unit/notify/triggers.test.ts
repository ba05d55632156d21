import { describe, expect, it } from "vitest";
import {
  NotificationTracker,
  summarizeErrors,
  type HealthReport,
  type PassReport,
} from "../../../src/notify/triggers.js";
import { FakeClock } from "../../../src/util/clock.js";

const r1 = { sha: "1".repeat(40), subject: "One" };
const r2 = { sha: "2".repeat(40), subject: "Two" };
const healthy: HealthReport = { app: "shop", health: "Healthy", sync: "Synced" };
const progressing: HealthReport = {
  app: "shop",
  health: "Progressing",
  sync: "Synced",
  message: "rolling out",
};
const degraded: HealthReport = {
  app: "shop",
  health: "Degraded",
  sync: "Synced",
  message: "web: 0/2 available",
};

function pass(over: Partial<PassReport>): PassReport {
  return {
    app: "shop",
    result: "succeeded",
    changed: false,
    newRevision: false,
    revision: r1,
    errors: [],
    ...over,
  };
}

const events = (list: { event: string }[]) => list.map((e) => e.event);

describe("NotificationTracker", () => {
  it("says nothing for quiet passes", () => {
    const t = new NotificationTracker(new FakeClock());
    expect(t.afterPass(pass({}), healthy)).toEqual([]);
    expect(t.afterPass(pass({}), healthy)).toEqual([]);
  });

  it("reports a new revision as synced, then deployed once healthy", () => {
    const clock = new FakeClock();
    const t = new NotificationTracker(clock);
    t.afterHealth(healthy);
    const synced = t.afterPass(pass({ newRevision: true, changed: true, revision: r2 }), progressing);
    expect(synced).toEqual([
      {
        event: "sync-succeeded",
        app: "shop",
        revision: r2,
        message: "new revision applied",
        health: "Progressing",
        sync: "Synced",
        time: clock.now(),
      },
    ]);
    expect(t.afterHealth(progressing)).toEqual([]);
    const deployed = t.afterHealth(healthy);
    expect(deployed).toMatchObject([
      {
        event: "deployed",
        revision: r2,
        message: "rollout complete: every object is healthy",
        health: "Healthy",
      },
    ]);
    expect(t.afterHealth(healthy)).toEqual([]);
  });

  it("deploys at once when the app is healthy right after the pass", () => {
    const t = new NotificationTracker(new FakeClock());
    expect(events(t.afterPass(pass({ newRevision: true, changed: true, revision: r2 }), healthy))).toEqual([
      "sync-succeeded",
      "deployed",
    ]);
  });

  it("reports drift corrected by self-heal, without a deploy", () => {
    const t = new NotificationTracker(new FakeClock());
    expect(t.afterPass(pass({ changed: true }), healthy)).toMatchObject([
      { event: "sync-succeeded", message: "drift corrected" },
    ]);
  });

  it("reports a failing revision once, again for a new revision or error, and after a success", () => {
    const t = new NotificationTracker(new FakeClock());
    const bad = pass({
      result: "failed",
      attemptedRevision: r2,
      errors: ["Deployment shop/web: image is required", "b"],
    });
    expect(t.afterPass(bad, healthy)).toMatchObject([
      {
        event: "sync-failed",
        revision: r2,
        message: "Deployment shop/web: image is required (and 1 more)",
      },
    ]);
    expect(t.afterPass(bad, healthy)).toEqual([]);
    expect(events(t.afterPass({ ...bad, errors: ["other"] }, healthy))).toEqual(["sync-failed"]);
    t.afterPass(pass({}), healthy);
    expect(events(t.afterPass(bad, healthy))).toEqual(["sync-failed"]);
  });

  it("reports a repository that cannot be read without a revision", () => {
    const t = new NotificationTracker(new FakeClock());
    const { revision: _none, ...down } = pass({ result: "failed", errors: ["git: could not resolve host"] });
    const [e] = t.afterPass(down, healthy);
    expect(e).toMatchObject({ event: "sync-failed", message: "git: could not resolve host" });
    expect(e).not.toHaveProperty("revision");
  });

  it("reports becoming Degraded once per episode", () => {
    const t = new NotificationTracker(new FakeClock());
    expect(t.afterHealth(degraded)).toMatchObject([
      { event: "health-degraded", message: "web: 0/2 available" },
    ]);
    expect(t.afterHealth(degraded)).toEqual([]);
    expect(t.afterHealth(healthy)).toEqual([]);
    expect(events(t.afterHealth(degraded))).toEqual(["health-degraded"]);
  });

  it("keeps apps apart and forgets removed ones", () => {
    const t = new NotificationTracker(new FakeClock());
    t.afterHealth(degraded);
    expect(events(t.afterHealth({ ...degraded, app: "blog" }))).toEqual(["health-degraded"]);
    t.forget("shop");
    expect(events(t.afterHealth(degraded))).toEqual(["health-degraded"]);
  });

  it("summarizes errors", () => {
    expect(summarizeErrors([])).toBe("unknown error");
    expect(summarizeErrors(["a"])).toBe("a");
    expect(summarizeErrors(["a", "b", "c"])).toBe("a (and 2 more)");
  });
});
