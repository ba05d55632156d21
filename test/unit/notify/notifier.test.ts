import { describe, expect, it } from "vitest";
import { Secret } from "../../../src/config/secret.js";
import type { NotificationConfig } from "../../../src/config/types.js";
import type { Send } from "../../../src/notify/delivery-queue.js";
import { Notifier, type NotificationEvent } from "../../../src/notify/notifier.js";
import { FakeClock } from "../../../src/util/clock.js";
import { isBerthError } from "../../../src/util/errors.js";
import { FakeTimers } from "../../support/fake-timers.js";
import { captureLogger } from "../../support/log-capture.js";

const SLACK_URL = "https://hooks.slack.com/services/T000/B000/SECRETTOKEN";

function target(over: Partial<NotificationConfig> & Pick<NotificationConfig, "name">): NotificationConfig {
  return {
    type: "webhook",
    url: new Secret(`https://hooks.example.com/${over.name}?token=SECRETTOKEN`),
    triggers: ["sync-succeeded", "sync-failed", "health-degraded", "deployed"],
    headers: {},
    ...over,
  };
}

function setup(targets: NotificationConfig[], dedupWindowMs?: number) {
  const clock = new FakeClock(Date.parse("2026-05-01T08:00:00Z"));
  const timers = new FakeTimers(clock);
  const { logger, logs } = captureLogger();
  const sent: { target: string; body: Record<string, unknown> }[] = [];
  const sender =
    (t: NotificationConfig): Send =>
    async (body) => {
      sent.push({ target: t.name, body: JSON.parse(body) as Record<string, unknown> });
      return t.name === "broken"
        ? { ok: false, status: 500, retryable: true, error: "HTTP 500" }
        : { ok: true, status: 200, retryable: false };
    };
  const notifier = new Notifier(targets, {
    clock,
    timers,
    logger,
    sender,
    random: () => 0.5,
    ...(dedupWindowMs !== undefined ? { dedupWindowMs } : {}),
  });
  return { notifier, sent, logs, clock, timers };
}

const degraded: NotificationEvent = {
  event: "health-degraded",
  app: "shop",
  revision: { sha: "a".repeat(40), subject: "Bump" },
  message: "Deployment default/web: 0/3 replicas available",
  health: "Degraded",
  sync: "Synced",
};

describe("Notifier", () => {
  it("sends each event to the targets subscribed to its trigger, in each target's format", async () => {
    const { notifier, sent } = setup([
      target({ name: "hook", triggers: ["sync-failed", "health-degraded"] }),
      target({ name: "chat", type: "slack", url: new Secret(SLACK_URL), triggers: ["health-degraded"] }),
      target({ name: "deploys", triggers: ["deployed"] }),
    ]);
    notifier.notify(degraded);
    await notifier.idle();
    expect(sent.map((s) => s.target).sort()).toEqual(["chat", "hook"]);
    expect(sent.find((s) => s.target === "hook")?.body).toMatchObject({
      event: "health-degraded",
      app: "shop",
      health: "Degraded",
      time: "2026-05-01T08:00:00Z",
    });
    expect(sent.find((s) => s.target === "chat")?.body).toMatchObject({
      text: ":warning: shop is Degraded: Deployment default/web: 0/3 replicas available",
    });
  });

  it("suppresses an identical notification within the window, not a different one", async () => {
    const { notifier, sent, clock } = setup([target({ name: "hook" })], 60_000);
    notifier.notify(degraded);
    notifier.notify(degraded);
    notifier.notify({ ...degraded, message: "0/3 replicas available (ImagePullBackOff)" });
    clock.advance(60_000);
    notifier.notify(degraded);
    await notifier.idle();
    expect(sent.map((s) => s.body.message)).toEqual([
      degraded.message,
      "0/3 replicas available (ImagePullBackOff)",
      degraded.message,
    ]);
  });

  it("returns at once while a receiver keeps failing, and never logs its URL", async () => {
    const { notifier, sent, timers, logs } = setup([target({ name: "broken" }), target({ name: "ok" })]);
    notifier.notify(degraded);
    expect(notifier.queueDepths()).toEqual({ broken: 1, ok: 1 });
    await timers.advance(120_000);
    expect(sent.filter((s) => s.target === "broken")).toHaveLength(5);
    expect(sent.filter((s) => s.target === "ok")).toHaveLength(1);
    expect(logs.text()).not.toContain("SECRETTOKEN");
    expect(logs.text()).not.toContain("hooks.example.com");
    expect(logs.records().some((r) => r.target === "broken" && r.status === 500)).toBe(true);
  });

  it("refuses a template with an unknown placeholder", () => {
    let error: unknown;
    try {
      setup([target({ name: "hook", template: "{{app}} {{sha}}" })]);
    } catch (e) {
      error = e;
    }
    expect(isBerthError(error, "E_CONFIG")).toBe(true);
    expect((error as Error).message).toMatch(
      /notification hook: template: "\{\{sha\}\}" is not a placeholder/,
    );
  });

  it("renders a target's template", async () => {
    const { notifier, sent } = setup([
      target({ name: "hook", template: "{{app}}/{{event}}/{{shortRevision}}" }),
    ]);
    notifier.notify(degraded);
    await notifier.idle();
    expect(sent[0]?.body.text).toBe("shop/health-degraded/aaaaaaa");
  });
});
