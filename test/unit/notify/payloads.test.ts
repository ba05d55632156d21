import { describe, expect, it } from "vitest";
import { slackPayload, webhookPayload, type NotificationEvent } from "../../../src/notify/payloads.js";

const time = Date.parse("2026-03-01T12:00:00Z");
const failed: NotificationEvent = {
  event: "sync-failed",
  app: "shop",
  revision: { sha: "0123456789abcdef0123456789abcdef01234567", subject: "Bump <web>" },
  message: "Deployment default/web: replicas must be a number",
  health: "Healthy",
  sync: "OutOfSync",
};

describe("notification payloads", () => {
  it("builds the generic webhook document", () => {
    expect(webhookPayload(failed, time)).toEqual({
      event: "sync-failed",
      app: "shop",
      revision: "0123456789abcdef0123456789abcdef01234567",
      subject: "Bump <web>",
      message: "Deployment default/web: replicas must be a number",
      health: "Healthy",
      sync: "OutOfSync",
      time: "2026-03-01T12:00:00Z",
      text: "shop: sync of 0123456 failed: Deployment default/web: replicas must be a number",
    });
  });

  it("uses nulls and a revision-less default text when there is no revision", () => {
    const p = webhookPayload({ event: "sync-failed", app: "shop", message: "repository unreachable" }, time);
    expect(p).toMatchObject({ revision: null, subject: null, health: null, sync: null });
    expect(p.text).toBe("shop: sync failed: repository unreachable");
  });

  it("renders a configured template", () => {
    expect(webhookPayload(failed, time, "[{{event}}] {{app}}@{{revision}}").text).toBe(
      "[sync-failed] shop@0123456789abcdef0123456789abcdef01234567",
    );
  });

  it("builds a Slack message: text plus a section and a context block, values escaped", () => {
    const p = slackPayload(failed, time);
    expect(p.text).toBe(
      ":x: shop: sync of 0123456 failed: Deployment default/web: replicas must be a number",
    );
    expect(p.blocks).toEqual([
      { type: "section", text: { type: "mrkdwn", text: p.text } },
      {
        type: "context",
        elements: [
          { type: "mrkdwn", text: "*app* shop" },
          { type: "mrkdwn", text: "*revision* `0123456`" },
          { type: "mrkdwn", text: "*sync* OutOfSync" },
          { type: "mrkdwn", text: "*health* Healthy" },
          { type: "mrkdwn", text: "<!date^1772366400^{date_short_pretty} {time_secs}|2026-03-01T12:00:00Z>" },
        ],
      },
    ]);
    expect(slackPayload({ ...failed, event: "sync-succeeded" }, time).text).toBe(
      ":white_check_mark: shop synced to 0123456 (Bump &lt;web&gt;)",
    );
  });

  it("keeps Slack section text within Slack's limit", () => {
    const p = slackPayload({ ...failed, message: "x".repeat(5000) }, time);
    const section = p.blocks[0] as { text: { text: string } };
    expect(section.text.text.length).toBe(3000);
    expect(p.text.length).toBeGreaterThan(5000);
  });
});
