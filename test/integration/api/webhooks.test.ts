// Webhook deliveries over real HTTP: signatures, matching sources, size caps.

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Secret } from "../../../src/config/secret.js";
import { hmacSha256Hex } from "../../../src/daemon/api/webhooks/verify.js";
import { app } from "../../support/fake-daemon-view.js";
import { rawPost, startServer, type Harness } from "./harness.js";

const GITHUB_SECRET = "gh-webhook-secret";
const GITLAB_TOKEN = "gl-webhook-token";
const GITEA_SECRET = "gitea-webhook-secret";
const GENERIC_SECRET = "generic-webhook-secret";

let h: Harness;
beforeEach(async () => {
  h = await startServer({
    webhooks: {
      github: { secret: new Secret(GITHUB_SECRET) },
      gitlab: { token: new Secret(GITLAB_TOKEN) },
      gitea: { secret: new Secret(GITEA_SECRET) },
      generic: { secret: new Secret(GENERIC_SECRET) },
      maxBodyBytes: 16 * 1024,
    },
    sources: [
      { name: "shop", repo: "https://git.example.com/org/shop.git" },
      { name: "shop-canary", repo: "git@git.example.com:Org/Shop" },
      { name: "blog", repo: "https://git.example.com/org/blog" },
    ],
  });
  h.view.apps = [app("shop"), app("shop-canary"), app("blog")];
});
afterEach(async () => {
  await h.close();
});

const githubPush = JSON.stringify({
  ref: "refs/heads/main",
  after: "0".repeat(40),
  repository: {
    clone_url: "https://git.example.com/org/shop.git",
    ssh_url: "git@git.example.com:org/shop.git",
    html_url: "https://git.example.com/org/shop",
  },
});

function github(body: string, event = "push", signature = `sha256=${hmacSha256Hex(body, GITHUB_SECRET)}`) {
  return h.post("/api/webhook/github", {
    auth: false,
    body,
    headers: {
      "content-type": "application/json",
      "x-github-event": event,
      "x-github-delivery": "d-1",
      ...(signature === "" ? {} : { "x-hub-signature-256": signature }),
    },
  });
}

describe("GitHub webhook", () => {
  it("triggers only the sources of the pushed repository, without the API token", async () => {
    const r = await github(githubPush);
    expect(r.status).toBe(202);
    expect(await r.json()).toEqual({ event: "push", triggered: ["shop", "shop-canary"] });
    expect(h.view.triggers).toEqual([
      { app: "shop", wait: false },
      { app: "shop-canary", wait: false },
    ]);
    expect(h.logs.records().find((l) => l.msg === "webhook")).toMatchObject({
      provider: "github",
      delivery: "d-1",
      triggered: ["shop", "shop-canary"],
    });
  });

  it("answers pings with 200", async () => {
    const body = JSON.stringify({ zen: "Keep it logically awesome.", hook_id: 1 });
    const r = await github(body, "ping");
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ event: "ping" });
    expect(h.view.triggers).toEqual([]);
  });

  it("answers 200 with an explanation when no source follows the repository", async () => {
    const body = JSON.stringify({ repository: { clone_url: "https://git.example.com/org/other.git" } });
    const r = await github(body);
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({
      event: "push",
      triggered: [],
      message:
        "no source follows https://git.example.com/org/other.git; sources are matched by repository URL (host and path)",
    });
    expect(h.view.triggers).toEqual([]);
  });

  it("ignores other events", async () => {
    const r = await github("{}", "issues");
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ ignored: true, event: "issues" });
  });

  it("refuses a bad or missing signature with 401 and logs it without the signature", async () => {
    const forged = `sha256=${hmacSha256Hex(githubPush, "guess")}`;
    const bad = await github(githubPush, "push", forged);
    expect(bad.status).toBe(401);
    expect(await bad.json()).toEqual({
      error: { code: "E_WEBHOOK_SIGNATURE", message: "webhook rejected: the signature does not match" },
    });
    const missing = await github(githubPush, "push", "");
    expect(missing.status).toBe(401);
    expect(h.view.triggers).toEqual([]);
    const rejected = h.logs.records().filter((l) => l.msg === "webhook rejected");
    expect(rejected).toHaveLength(2);
    expect(rejected[0]).toMatchObject({
      level: "warn",
      provider: "github",
      reason: "the signature does not match",
    });
    expect(h.logs.text()).not.toContain(forged.slice(7));
    expect(h.logs.text()).not.toContain(GITHUB_SECRET);
  });

  it("refuses a body over maxBodyBytes with 413, declared or streamed", async () => {
    const big = Buffer.alloc(20 * 1024, "a");
    const declared = await rawPost(h.url, "/api/webhook/github", [big], {
      "content-length": String(big.length),
      "x-github-event": "push",
    });
    expect(declared.status).toBe(413);
    const chunks = Array.from({ length: 40 }, () => Buffer.alloc(1024, "a"));
    const streamed = await rawPost(h.url, "/api/webhook/github", chunks, { "x-github-event": "push" });
    expect(streamed.status).toBe(413);
    expect(JSON.parse(streamed.body)).toMatchObject({ error: { code: "E_TOO_LARGE" } });
    expect(h.view.triggers).toEqual([]);
  });
});

describe("GitLab, Gitea and generic webhooks", () => {
  it("GitLab: checks X-Gitlab-Token and matches project URLs", async () => {
    const body = JSON.stringify({
      object_kind: "push",
      project: {
        git_http_url: "https://git.example.com/org/blog.git",
        git_ssh_url: "git@git.example.com:org/blog.git",
      },
    });
    const post = (token: string) =>
      h.post("/api/webhook/gitlab", {
        auth: false,
        body,
        headers: { "x-gitlab-event": "Push Hook", "x-gitlab-token": token },
      });
    expect((await post("wrong")).status).toBe(401);
    const ok = await post(GITLAB_TOKEN);
    expect(ok.status).toBe(202);
    expect(await ok.json()).toEqual({ event: "Push Hook", triggered: ["blog"] });
    expect(h.logs.text()).not.toContain(GITLAB_TOKEN);
  });

  it("Gitea: checks X-Gitea-Signature (bare hex HMAC)", async () => {
    const body = JSON.stringify({ repository: { clone_url: "https://git.example.com/org/blog.git" } });
    const post = (sig: string) =>
      h.post("/api/webhook/gitea", {
        auth: false,
        body,
        headers: { "x-gitea-event": "push", "x-gitea-signature": sig },
      });
    expect((await post(hmacSha256Hex(body, "nope"))).status).toBe(401);
    const ok = await post(hmacSha256Hex(body, GITEA_SECRET));
    expect(ok.status).toBe(202);
    expect(await ok.json()).toEqual({ event: "push", triggered: ["blog"] });
  });

  it("generic: an empty body triggers every source; a named repository only its sources", async () => {
    const post = (body: string, sig = `sha256=${hmacSha256Hex(body, GENERIC_SECRET)}`) =>
      h.post("/api/webhook/generic", { auth: false, body, headers: { "x-berth-signature": sig } });
    const all = await post("");
    expect(all.status).toBe(202);
    expect(await all.json()).toEqual({ event: "generic", triggered: ["shop", "shop-canary", "blog"] });
    const one = await post(JSON.stringify({ repository: "https://git.example.com/org/blog.git" }));
    expect(await one.json()).toEqual({ event: "generic", triggered: ["blog"] });
    expect((await post("", "sha1=abc")).status).toBe(401);
    const notJson = await post("{oops");
    expect(notJson.status).toBe(400);
  });

  it("answers 404 for a provider that is not configured or not known", async () => {
    const bare = await startServer({ webhooks: {} });
    try {
      const r = await bare.post("/api/webhook/github", { auth: false, body: githubPush });
      expect(r.status).toBe(404);
      expect(await r.json()).toMatchObject({ error: { message: /webhooks\.github/ } });
      expect((await bare.post("/api/webhook/bitbucket", { auth: false, body: "{}" })).status).toBe(404);
    } finally {
      await bare.close();
    }
  });
});
