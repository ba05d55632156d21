// What a verified webhook delivery asks for (pure): a ping, a push to some repository (named by the
// URLs the payload gives for it), or an event berth does not act on. Nothing else is read from the
// body: no ref, no commit; the fetch that follows asks git what the source's ref points to.

import { badRequest } from "../http.js";

export type Provider = "github" | "gitlab" | "gitea" | "generic";

export const PROVIDERS: readonly Provider[] = ["github", "gitlab", "gitea", "generic"];

export type Delivery =
  | { kind: "ping"; event: string }
  | { kind: "ignored"; event: string }
  /** `repos` empty for a generic delivery naming none: every source. */
  | { kind: "push"; event: string; repos: string[]; all: boolean };

type Json = Record<string, unknown>;

function parseJson(body: Buffer, contentType: string | undefined): unknown {
  let text = body.toString("utf8");
  // GitHub's "application/x-www-form-urlencoded" content type sends the JSON as the `payload` field.
  if (contentType?.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
    text = new URLSearchParams(text).get("payload") ?? "";
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw badRequest("the webhook body is not JSON");
  }
}

function obj(v: unknown): Json {
  return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Json) : {};
}

function strings(o: Json, keys: readonly string[]): string[] {
  return keys.map((k) => o[k]).filter((v): v is string => typeof v === "string" && v !== "");
}

const GITHUB_REPO_KEYS = ["clone_url", "ssh_url", "git_url", "html_url", "svn_url", "url"];
const GITLAB_PROJECT_KEYS = ["git_http_url", "git_ssh_url", "web_url", "http_url", "ssh_url", "url"];
const GITLAB_REPOSITORY_KEYS = ["git_http_url", "git_ssh_url", "homepage", "url"];
const GITEA_REPO_KEYS = ["clone_url", "ssh_url", "html_url", "original_url"];

function github(event: string, body: Buffer, contentType: string | undefined): Delivery {
  if (event === "ping") return { kind: "ping", event };
  if (event !== "push") return { kind: "ignored", event };
  const repos = strings(obj(obj(parseJson(body, contentType)).repository), GITHUB_REPO_KEYS);
  return { kind: "push", event, repos, all: false };
}

function gitlab(event: string, body: Buffer): Delivery {
  const payload = obj(parseJson(body, "application/json"));
  // System hooks name the event in the body ("push", "tag_push") rather than in the header.
  const name = event === "System Hook" && typeof payload.event_name === "string" ? payload.event_name : event;
  if (!["Push Hook", "Tag Push Hook", "push", "tag_push"].includes(name))
    return { kind: "ignored", event: name };
  const repos = [
    ...strings(obj(payload.project), GITLAB_PROJECT_KEYS),
    ...strings(obj(payload.repository), GITLAB_REPOSITORY_KEYS),
  ];
  return { kind: "push", event: name, repos, all: false };
}

function gitea(event: string, body: Buffer): Delivery {
  // "create" is a new branch or tag: a source following a tag name must look again.
  if (event !== "push" && event !== "create") return { kind: "ignored", event };
  const repos = strings(obj(obj(parseJson(body, "application/json")).repository), GITEA_REPO_KEYS);
  return { kind: "push", event, repos, all: false };
}

/**
 * berth's own format: an empty body or `{}` means every source; `{"repository": URL}` or
 * `{"repositories": [URL, ...]}` names some.
 */
function generic(body: Buffer): Delivery {
  if (body.toString("utf8").trim() === "") return { kind: "push", event: "generic", repos: [], all: true };
  const payload = parseJson(body, "application/json");
  if (payload === null || typeof payload !== "object" || Array.isArray(payload)) {
    throw badRequest('the generic webhook body must be a JSON object: {} or {"repository": "<url>"}');
  }
  const p = payload as Json;
  const list = p.repositories;
  const repos = [
    ...strings(p, ["repository", "repo"]),
    ...(Array.isArray(list) ? list.filter((u): u is string => typeof u === "string" && u !== "") : []),
  ];
  return { kind: "push", event: "generic", repos, all: repos.length === 0 };
}

export interface DeliveryHeaders {
  event: string | undefined;
  contentType: string | undefined;
}

export function parseDelivery(provider: Provider, body: Buffer, headers: DeliveryHeaders): Delivery {
  const event = headers.event ?? "";
  switch (provider) {
    case "github":
      return github(event, body, headers.contentType);
    case "gitlab":
      return gitlab(event, body);
    case "gitea":
      return gitea(event, body);
    case "generic":
      return generic(body);
  }
}
