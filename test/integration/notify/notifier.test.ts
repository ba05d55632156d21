// The notifier against real HTTP receivers on loopback: slow, failing then recovering, Slack-shaped.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { Secret } from "../../../src/config/secret.js";
import type { NotificationConfig } from "../../../src/config/types.js";
import { Notifier, type NotificationEvent } from "../../../src/notify/notifier.js";
import { captureLogger } from "../../support/log-capture.js";

interface Received {
  path: string;
  headers: IncomingMessage["headers"];
  body: Record<string, unknown>;
  at: number;
}

interface Receiver {
  url: string;
  received: Received[];
  close(): Promise<void>;
}

const receivers: Receiver[] = [];
const notifiers: Notifier[] = [];
afterEach(async () => {
  await Promise.all(notifiers.splice(0).map((n) => n.close(0)));
  await Promise.all(receivers.splice(0).map((r) => r.close()));
});

/** A loopback HTTP receiver; `respond` decides each answer (status, after how long). */
async function receiver(respond: (n: number) => { status: number; delayMs?: number }): Promise<Receiver> {
  const received: Received[] = [];
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let text = "";
    req.setEncoding("utf8");
    req.on("data", (c: string) => (text += c));
    req.on("end", () => {
      received.push({
        path: req.url ?? "",
        headers: req.headers,
        body: JSON.parse(text) as Record<string, unknown>,
        at: Date.now(),
      });
      const { status, delayMs = 0 } = respond(received.length);
      setTimeout(() => res.writeHead(status).end(), delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const r: Receiver = {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  receivers.push(r);
  return r;
}

function target(name: string, url: string, over: Partial<NotificationConfig> = {}): NotificationConfig {
  return {
    name,
    type: "webhook",
    url: new Secret(url),
    triggers: ["sync-succeeded", "sync-failed", "health-degraded", "deployed"],
    headers: {},
    ...over,
  };
}

function notifier(targets: NotificationConfig[], timeoutMs = 5_000) {
  const { logger, logs } = captureLogger();
  const n = new Notifier(targets, {
    logger,
    policy: { initialBackoffMs: 50, maxBackoffMs: 200, timeoutMs, maxAttempts: 4 },
  });
  notifiers.push(n);
  return { n, logs };
}

const event: NotificationEvent = {
  event: "sync-succeeded",
  app: "shop",
  revision: { sha: "c0ffee0000000000000000000000000000000000", subject: "Ship it" },
  message: "3 objects changed",
  health: "Healthy",
  sync: "Synced",
};

describe("Notifier over HTTP", () => {
  it("returns from notify() at once while a receiver takes its time", async () => {
    const slow = await receiver(() => ({ status: 200, delayMs: 400 }));
    const { n } = notifier([target("slow", `${slow.url}/hook`)]);
    const started = performance.now();
    n.notify(event);
    n.notify({ ...event, event: "deployed", message: "rollout complete" });
    const took = performance.now() - started;
    // Far below the receiver's 400 ms: notify() did not wait for it (the bound leaves room for a
    // busy machine's scheduling delays).
    expect(took).toBeLessThan(100);
    expect(slow.received).toHaveLength(0);
    await n.idle();
    expect(slow.received.map((r) => r.body.event)).toEqual(["sync-succeeded", "deployed"]);
    expect(slow.received[0]?.headers["content-type"]).toBe("application/json");
    expect(slow.received[0]?.body).toMatchObject({
      app: "shop",
      revision: "c0ffee0000000000000000000000000000000000",
      subject: "Ship it",
      message: "3 objects changed",
      health: "Healthy",
      sync: "Synced",
    });
  });

  it("retries a receiver that fails first, then succeeds", async () => {
    const flaky = await receiver((n) => ({ status: n < 3 ? 503 : 204 }));
    const { n, logs } = notifier([target("flaky", `${flaky.url}/hook?token=s3cr3t`)]);
    n.notify(event);
    await n.idle();
    expect(flaky.received).toHaveLength(3);
    expect(flaky.received.every((r) => r.body.event === "sync-succeeded")).toBe(true);
    const gaps = flaky.received.slice(1).map((r, i) => r.at - (flaky.received[i]?.at ?? 0));
    expect(gaps.every((g) => g >= 40)).toBe(true);
    expect(logs.records().filter((l) => l.msg === "notification not delivered: will retry")).toHaveLength(2);
    expect(logs.text()).not.toContain("s3cr3t");
    expect(logs.text()).not.toContain(flaky.url);
  });

  it("gives up on a receiver that answers too late and moves on", async () => {
    const stuck = await receiver(() => ({ status: 200, delayMs: 2_000 }));
    const { n, logs } = notifier([target("stuck", stuck.url)], 100);
    n.notify(event);
    await n.idle();
    expect(stuck.received).toHaveLength(4);
    expect(logs.records().at(-1)).toMatchObject({
      msg: "notification not delivered: giving up",
      error: "timed out",
    });
  });

  it("does not retry a receiver that refuses (4xx)", async () => {
    const refusing = await receiver(() => ({ status: 400 }));
    const { n, logs } = notifier([target("refusing", refusing.url)]);
    n.notify(event);
    await n.idle();
    expect(refusing.received).toHaveLength(1);
    expect(logs.records().at(-1)).toMatchObject({ status: 400, error: "HTTP 400" });
  });

  it("reports an unreachable receiver by error code, not URL", async () => {
    const gone = await receiver(() => ({ status: 200 }));
    const url = `${gone.url}/T000/SECRET`;
    await gone.close();
    receivers.pop();
    const { n, logs } = notifier([target("gone", url)]);
    n.notify(event);
    await n.idle();
    expect(logs.records().at(-1)).toMatchObject({ error: "ECONNREFUSED", attempt: 4 });
    expect(logs.text()).not.toContain("SECRET");
  });

  it("posts Slack incoming-webhook messages with extra headers", async () => {
    const slack = await receiver(() => ({ status: 200 }));
    const { n } = notifier([
      target("chat", `${slack.url}/services/T000/B000/XXXX`, {
        type: "slack",
        triggers: ["sync-failed"],
        headers: { authorization: new Secret("Bearer hook-auth") },
      }),
    ]);
    n.notify(event);
    n.notify({ ...event, event: "sync-failed", message: "Deployment shop/web: image is required" });
    await n.idle();
    expect(slack.received).toHaveLength(1);
    const [msg] = slack.received;
    expect(msg?.path).toBe("/services/T000/B000/XXXX");
    expect(msg?.headers.authorization).toBe("Bearer hook-auth");
    expect(msg?.headers["user-agent"]).toMatch(/^berth\//);
    expect(msg?.body.text).toBe(":x: shop: sync of c0ffee0 failed: Deployment shop/web: image is required");
    const blocks = msg?.body.blocks as { type: string }[];
    expect(blocks.map((b) => b.type)).toEqual(["section", "context"]);
  });
});
