// The API server on a real loopback port, with a fake DaemonView: auth, every endpoint, readiness.

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Secret as SecretObject } from "../../../src/manifest/types.js";
import { app, pod } from "../../support/fake-daemon-view.js";
import { parsePrometheusText, sampleValue } from "../../support/prom-text.js";
import { hashSecretValue } from "../../../src/state/secrets.js";
import { SALT, startServer, TOKEN, type Harness } from "./harness.js";

let h: Harness;
beforeEach(async () => {
  h = await startServer();
});
afterEach(async () => {
  await h.close();
});

const json = async (r: Response) => (await r.json()) as Record<string, unknown>;

describe("authentication", () => {
  it("serves /healthz to anyone", async () => {
    const r = await h.get("/healthz", { auth: false });
    expect(r.status).toBe(200);
    expect(await r.text()).toBe("ok\n");
  });

  it("answers 401 with a challenge without a token or with a wrong one", async () => {
    for (const path of ["/api/v1/status", "/readyz", "/metrics", "/api/v1/objects", "/api/v1/nodes"]) {
      const r = await h.get(path, { auth: false });
      expect(r.status, path).toBe(401);
      expect(r.headers.get("www-authenticate")).toBe('Bearer realm="berth"');
      expect(await json(r)).toMatchObject({ error: { code: "E_UNAUTHORIZED" } });
    }
    const wrong = await h.get("/api/v1/status", { auth: "nope" });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get("www-authenticate")).toMatch(/error="invalid_token"/);
    const sync = await h.post("/api/v1/sync", { auth: false });
    expect(sync.status).toBe(401);
    expect(h.view.triggers).toEqual([]);
  });

  it("never logs the token", async () => {
    await h.get("/api/v1/status", { auth: "wrong-token-value" });
    await h.get("/api/v1/status");
    expect(h.logs.text()).not.toContain(TOKEN);
    expect(h.logs.text()).not.toContain("wrong-token-value");
  });

  it("needs no token when none is configured", async () => {
    const open = await startServer({ token: undefined });
    try {
      expect((await open.get("/api/v1/status")).status).toBe(200);
    } finally {
      await open.close();
    }
  });
});

describe("readiness and metrics", () => {
  it("is 503 with the reason until the first sync finished, then 200", async () => {
    const before = await h.get("/readyz");
    expect(before.status).toBe(503);
    expect(await before.text()).toBe("not ready: the first sync has not finished\n");
    h.view.readiness = { ready: true };
    const after = await h.get("/readyz");
    expect(after.status).toBe(200);
    expect(await after.text()).toBe("ok\n");
  });

  it("serves /metrics as Prometheus text", async () => {
    h.metrics.recordSync("shop", "succeeded", 250, Date.now());
    const r = await h.get("/metrics");
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
    const families = parsePrometheusText(await r.text());
    expect(sampleValue(families, "berth_sync_total", { app: "shop", result: "succeeded" })).toBe(1);
  });
});

describe("read endpoints", () => {
  it("serves the status of every app", async () => {
    h.view.apps = [app("shop"), app("blog", { health: { status: "Degraded", message: "0/1 ready" } })];
    const body = await json(await h.get("/api/v1/status"));
    expect(body).toMatchObject({ version: "test", ready: false });
    expect((body.apps as { name: string }[]).map((a) => a.name)).toEqual(["shop", "blog"]);
    const one = await json(await h.get("/api/v1/apps/blog"));
    expect(one).toMatchObject({ name: "blog", health: { status: "Degraded" } });
    expect((await h.get("/api/v1/apps/nope")).status).toBe(404);
  });

  it("filters objects and never shows Secret values", async () => {
    const secret: SecretObject = {
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: "db", namespace: "shop", labels: {}, annotations: {} },
      data: { password: "aHVudGVyMg==" },
      type: "Opaque",
    };
    h.view.objectList = [
      pod("shop", "web-1", { app: "web" }),
      pod("shop", "db-1", { app: "db" }),
      pod("x", "web-2", { app: "web" }),
      secret,
    ];
    const items = async (q: string) =>
      ((await json(await h.get(`/api/v1/objects${q}`))).items as { metadata: { name: string } }[]).map(
        (o) => o.metadata.name,
      );
    expect(await items("?kind=pods&namespace=shop")).toEqual(["web-1", "db-1"]);
    expect(await items("?kind=Pod&selector=app%3Dweb")).toEqual(["web-1", "web-2"]);
    expect(await items("?kind=po&namespace=shop&name=db-1")).toEqual(["db-1"]);
    const all = JSON.stringify(await json(await h.get("/api/v1/objects?kind=Secret")));
    expect(all).not.toContain("aHVudGVyMg==");
    expect(all).toContain(`"password":"${hashSecretValue("aHVudGVyMg==", SALT)}"`);
  });

  it("answers 400 for bad queries", async () => {
    const r = await h.get("/api/v1/objects?kind=Widget");
    expect(r.status).toBe(400);
    expect(await json(r)).toMatchObject({
      error: { code: "E_INVALID_REQUEST", message: /unknown kind "Widget"/ },
    });
    expect((await h.get("/api/v1/objects?selectr=x")).status).toBe(400);
    expect((await h.get("/api/v1/status?x=1")).status).toBe(400);
  });

  it("filters events and lists nodes", async () => {
    const ev = (kind: "Pod" | "Deployment", name: string) => ({
      type: "Normal" as const,
      reason: "Scheduled",
      message: "m",
      involvedObject: { kind, namespace: "shop", name },
      source: { component: "scheduler" },
      count: 1,
      firstTimestamp: "2026-01-01T00:00:00Z",
      lastTimestamp: "2026-01-01T00:00:00Z",
    });
    h.view.eventList = [ev("Pod", "web-1"), ev("Deployment", "web")];
    const items = (await json(await h.get("/api/v1/events?kind=Deployment&namespace=shop")))
      .items as unknown[];
    expect(items).toEqual([ev("Deployment", "web")]);
    h.view.nodeList = [
      {
        name: "n1",
        labels: {},
        conditions: [],
        capacity: {},
        allocatable: {},
        lastHeartbeatTime: "2026-01-01T00:00:00Z",
      },
    ];
    expect(await json(await h.get("/api/v1/nodes"))).toEqual({ items: h.view.nodeList });
  });

  it("answers 404 for unknown paths and 405 with Allow for wrong methods", async () => {
    const missing = await h.get("/api/v2/status");
    expect(missing.status).toBe(404);
    const wrong = await h.get("/api/v1/sync");
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get("allow")).toBe("POST");
    expect((await h.post("/api/v1/status")).status).toBe(405);
  });
});

describe("sync triggers", () => {
  it("requests a pass of every app, or of one, and answers 202 at once", async () => {
    h.view.apps = [app("shop"), app("blog")];
    const all = await h.post("/api/v1/sync");
    expect(all.status).toBe(202);
    expect(await json(all)).toEqual({ triggered: ["shop", "blog"] });
    const one = await h.post("/api/v1/apps/blog/sync");
    expect(await json(one)).toEqual({ triggered: ["blog"] });
    expect(h.view.triggers).toEqual([
      { app: undefined, wait: false },
      { app: "blog", wait: false },
    ]);
    expect((await h.post("/api/v1/apps/nope/sync")).status).toBe(404);
  });

  it("with wait=true answers when the pass finished, with its outcome", async () => {
    h.view.autoResult = undefined;
    const pending = h.post("/api/v1/apps/shop/sync?wait=true");
    await vi_waitFor(() => h.view.pending.length === 1);
    h.view.finish("shop", {
      result: "failed",
      changed: false,
      errors: ["Deployment shop/web: spec.replicas: expected integer"],
      attemptedRevision: { sha: "2".repeat(40), subject: "Break it" },
    });
    const r = await pending;
    expect(r.status).toBe(200);
    expect(await json(r)).toMatchObject({
      triggered: ["shop"],
      result: "failed",
      results: [
        { app: "shop", result: "failed", errors: ["Deployment shop/web: spec.replicas: expected integer"] },
      ],
    });
  });
});

describe("pod logs", () => {
  beforeEach(() => {
    h.view.podLogs.set("shop/web-1", ["one", "two", "three"]);
  });

  it("returns the log text, with tail and container", async () => {
    const r = await h.get("/api/v1/pods/shop/web-1/logs?tail=2&container=main&timestamps=true");
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(await r.text()).toBe("two\nthree\n");
    expect(h.view.lastLogOptions).toEqual({
      container: "main",
      tail: 2,
      follow: false,
      previous: false,
      timestamps: true,
    });
  });

  it("maps the view's errors to 404 and 400", async () => {
    expect((await h.get("/api/v1/pods/shop/nope/logs")).status).toBe(404);
    expect((await h.get("/api/v1/pods/shop/web-1/logs?container=side")).status).toBe(400);
    expect((await h.get("/api/v1/pods/shop/web-1/logs?tail=-1")).status).toBe(400);
  });

  it("streams a follow until the client leaves, then stops reading", async () => {
    const controller = new AbortController();
    const r = await h.get("/api/v1/pods/shop/web-1/logs?follow=true", { signal: controller.signal });
    expect(r.status).toBe(200);
    const reader = r.body?.getReader();
    let text = "";
    while (!text.includes("follow 2")) {
      const chunk = await reader?.read();
      if (!chunk || chunk.done) break;
      text += Buffer.from(chunk.value).toString("utf8");
    }
    expect(text).toMatch(/^one\ntwo\nthree\nfollow 0\nfollow 1\nfollow 2/);
    controller.abort();
    await vi_waitFor(() => h.view.logStreamsAborted === 1);
  });

  it("ends follows when the server closes", async () => {
    const r = await h.get("/api/v1/pods/shop/web-1/logs?follow=true");
    const reader = r.body?.getReader();
    await reader?.read();
    await h.close();
    await vi_waitFor(() => h.view.logStreamsAborted === 1);
    await expect(
      (async () => {
        for (;;) if ((await reader?.read())?.done !== false) return "ended";
      })(),
    ).resolves.toBe("ended");
  });
});

async function vi_waitFor(cond: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 10));
  }
}
