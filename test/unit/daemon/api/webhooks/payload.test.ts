import { describe, expect, it } from "vitest";
import { parseDelivery } from "../../../../../src/daemon/api/webhooks/payload.js";
import { isBerthError } from "../../../../../src/util/errors.js";

const json = (v: unknown) => Buffer.from(JSON.stringify(v));
const ctype = "application/json";

describe("parseDelivery", () => {
  it("reads GitHub pings and pushes (JSON or form-encoded)", () => {
    expect(parseDelivery("github", json({ zen: "x" }), { event: "ping", contentType: ctype })).toEqual({
      kind: "ping",
      event: "ping",
    });
    const repository = {
      clone_url: "https://github.com/org/app.git",
      ssh_url: "git@github.com:org/app.git",
      html_url: "https://github.com/org/app",
    };
    const push = { ref: "refs/heads/main", after: "f".repeat(40), repository };
    expect(parseDelivery("github", json(push), { event: "push", contentType: ctype })).toEqual({
      kind: "push",
      event: "push",
      repos: ["https://github.com/org/app.git", "git@github.com:org/app.git", "https://github.com/org/app"],
      all: false,
    });
    const form = Buffer.from(`payload=${encodeURIComponent(JSON.stringify(push))}`);
    expect(
      parseDelivery("github", form, { event: "push", contentType: "application/x-www-form-urlencoded" }),
    ).toMatchObject({
      kind: "push",
      repos: expect.arrayContaining(["https://github.com/org/app.git"]) as unknown,
    });
    expect(parseDelivery("github", json({}), { event: "issues", contentType: ctype })).toEqual({
      kind: "ignored",
      event: "issues",
    });
  });

  it("reads GitLab push, tag push and system hooks", () => {
    const body = {
      object_kind: "push",
      project: { git_http_url: "https://gitlab.com/g/app.git", git_ssh_url: "git@gitlab.com:g/app.git" },
      repository: { homepage: "https://gitlab.com/g/app" },
    };
    const push = parseDelivery("gitlab", json(body), { event: "Push Hook", contentType: ctype });
    expect(push).toEqual({
      kind: "push",
      event: "Push Hook",
      repos: ["https://gitlab.com/g/app.git", "git@gitlab.com:g/app.git", "https://gitlab.com/g/app"],
      all: false,
    });
    expect(parseDelivery("gitlab", json(body), { event: "Tag Push Hook", contentType: ctype }).kind).toBe(
      "push",
    );
    expect(
      parseDelivery("gitlab", json({ ...body, event_name: "push" }), {
        event: "System Hook",
        contentType: ctype,
      }).kind,
    ).toBe("push");
    expect(
      parseDelivery("gitlab", json(body), { event: "Merge Request Hook", contentType: ctype }).kind,
    ).toBe("ignored");
  });

  it("reads Gitea pushes and branch or tag creation", () => {
    const body = {
      repository: { clone_url: "https://gitea.local/o/a.git", ssh_url: "git@gitea.local:o/a.git" },
    };
    expect(parseDelivery("gitea", json(body), { event: "push", contentType: ctype })).toMatchObject({
      kind: "push",
      repos: ["https://gitea.local/o/a.git", "git@gitea.local:o/a.git"],
    });
    expect(parseDelivery("gitea", json(body), { event: "create", contentType: ctype }).kind).toBe("push");
    expect(parseDelivery("gitea", json(body), { event: "issues", contentType: ctype }).kind).toBe("ignored");
  });

  it("reads the generic format: nothing named means every source", () => {
    const none = { event: undefined, contentType: ctype };
    expect(parseDelivery("generic", Buffer.alloc(0), none)).toEqual({
      kind: "push",
      event: "generic",
      repos: [],
      all: true,
    });
    expect(parseDelivery("generic", json({}), none)).toMatchObject({ all: true });
    expect(parseDelivery("generic", json({ repository: "https://h/o/a" }), none)).toMatchObject({
      repos: ["https://h/o/a"],
      all: false,
    });
    expect(
      parseDelivery("generic", json({ repositories: ["https://h/o/a", 3, "git@h:o/b"] }), none),
    ).toMatchObject({
      repos: ["https://h/o/a", "git@h:o/b"],
    });
  });

  it("refuses bodies that are not JSON (or not an object, for generic)", () => {
    const bad = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return isBerthError(e, "E_INVALID_REQUEST");
      }
      return false;
    };
    expect(bad(() => parseDelivery("github", Buffer.from("{"), { event: "push", contentType: ctype }))).toBe(
      true,
    );
    expect(bad(() => parseDelivery("generic", json([1]), { event: undefined, contentType: ctype }))).toBe(
      true,
    );
  });

  it("never takes a ref or a commit from the payload", () => {
    const d = parseDelivery(
      "github",
      json({ ref: "refs/heads/evil", after: "0".repeat(40), repository: {} }),
      {
        event: "push",
        contentType: ctype,
      },
    );
    expect(Object.keys(d).sort()).toEqual(["all", "event", "kind", "repos"]);
  });
});
