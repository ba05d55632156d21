import { describe, expect, it } from "vitest";
import { cacheDirName, parseRepo, redactUrl } from "../../../src/sync/url.js";

describe("parseRepo", () => {
  it("classifies every supported form", () => {
    expect(parseRepo("/srv/repos/app")).toMatchObject({
      kind: "local",
      url: "/srv/repos/app",
      localPath: "/srv/repos/app",
    });
    expect(parseRepo("repos/app", "/home/me")).toMatchObject({ kind: "local", url: "/home/me/repos/app" });
    expect(parseRepo("./app", "/home/me").localPath).toBe("/home/me/app");
    expect(parseRepo("file:///srv/repos/app.git")).toMatchObject({
      kind: "file",
      url: "file:///srv/repos/app.git",
      localPath: "/srv/repos/app.git",
    });
    expect(parseRepo("https://github.com/org/app.git")).toMatchObject({ kind: "https", secrets: [] });
    expect(parseRepo("http://127.0.0.1:8080/app.git").kind).toBe("http");
    expect(parseRepo("ssh://git@host:2222/org/app.git")).toMatchObject({
      kind: "ssh",
      url: "ssh://git@host:2222/org/app.git",
    });
    expect(parseRepo("git@github.com:org/app.git")).toMatchObject({
      kind: "ssh",
      url: "git@github.com:org/app.git",
    });
    expect(parseRepo("github.com:org/app.git").kind).toBe("ssh");
    expect(parseRepo("git://127.0.0.1:9418/app.git").kind).toBe("git");
    expect(parseRepo("HTTPS://Host/App.git").kind).toBe("https");
  });

  it("splits credentials off http(s) URLs, percent-decoded", () => {
    const loc = parseRepo("https://user:s3cr%40t@git.example.org/org/app.git");
    expect(loc.url).toBe("https://git.example.org/org/app.git");
    expect(loc.display).toBe("https://user:***@git.example.org/org/app.git");
    expect(loc.credentials).toEqual({ username: "user", password: "s3cr@t" });
    expect(loc.secrets).toEqual(expect.arrayContaining(["s3cr@t", "s3cr%40t"]));
    expect(JSON.stringify({ ...loc, credentials: undefined, secrets: undefined })).not.toContain("s3cr");
  });

  it("accepts what WHATWG URLs accept, such as a space in a password", () => {
    const loc = parseRepo("https://user:tok en@host/x");
    expect(loc.credentials).toEqual({ username: "user", password: "tok en" });
    expect(loc.display).toBe("https://user:***@host/x");
  });

  it("treats a lone http username as a token", () => {
    const loc = parseRepo("https://ghp_abcdef123456@github.com/org/app.git");
    expect(loc.url).toBe("https://github.com/org/app.git");
    expect(loc.display).toBe("https://***@github.com/org/app.git");
    expect(loc.credentials).toEqual({ username: "ghp_abcdef123456", password: "" });
    expect(loc.secrets).toContain("ghp_abcdef123456");
  });

  it("keeps ssh user names and drops an ssh password, which git would never use", () => {
    const loc = parseRepo("ssh://deploy:hunter22@host/app.git");
    expect(loc.url).toBe("ssh://deploy@host/app.git");
    expect(loc.secrets).toContain("hunter22");
    expect(loc.credentials).toBeUndefined();
  });

  it("treats a Windows drive as a path, not an ssh host", () => {
    expect(parseRepo("C:/repos/app").kind).toBe("local");
  });

  it("rejects what it cannot use, without echoing secrets", () => {
    for (const bad of ["", "   ", "ftp://host/app.git", "ext::sh -c evil", "file://user:pw@/srv/app"]) {
      expect(() => parseRepo(bad)).toThrow(
        expect.objectContaining({ code: "E_GIT_SOURCE_INVALID" }) as Error,
      );
    }
    try {
      parseRepo("https://user:t0ps3cret@[bad/x");
      expect.unreachable();
    } catch (e) {
      expect((e as Error).message).toBe(
        'repository "https://***@[bad/x" is not usable: it is not a valid URL',
      );
    }
  });
});

describe("redactUrl", () => {
  it("hides passwords and http tokens, keeps ssh user names and text without credentials", () => {
    expect(redactUrl("https://user:token@host/repo.git")).toBe("https://user:***@host/repo.git");
    expect(redactUrl("https://token@host/repo.git")).toBe("https://***@host/repo.git");
    expect(redactUrl("http://u:p@ss@host/x")).toBe("http://u:***@host/x");
    expect(redactUrl("ssh://git@host/repo.git")).toBe("ssh://git@host/repo.git");
    expect(redactUrl("ssh://git:pw@host/repo.git")).toBe("ssh://git:***@host/repo.git");
    expect(redactUrl("https://host/repo.git")).toBe("https://host/repo.git");
    expect(redactUrl("git@github.com:org/app.git")).toBe("git@github.com:org/app.git");
    expect(redactUrl("mail me: a@b.c")).toBe("mail me: a@b.c");
  });

  it("redacts every URL inside a longer text", () => {
    const text = "fatal: unable to access 'https://u:tok1@a/x/': and https://tok2@b/y failed";
    expect(redactUrl(text)).toBe("fatal: unable to access 'https://u:***@a/x/': and https://***@b/y failed");
  });
});

describe("cacheDirName", () => {
  it("is readable, stable, and the same whatever the credentials", () => {
    const a = cacheDirName(parseRepo("https://alice:one@git.example.org/org/app.git"));
    const b = cacheDirName(parseRepo("https://bob:two@git.example.org/org/app.git"));
    const c = cacheDirName(parseRepo("https://git.example.org/org/app.git"));
    expect(a).toMatch(/^app-[0-9a-f]{16}$/);
    expect(a).toBe(b);
    expect(a).toBe(c);
    expect(a).not.toMatch(/alice|one|bob/);
  });

  it("differs per repository and treats a path and its file:// URL as one", () => {
    expect(cacheDirName(parseRepo("https://h/org/a.git"))).not.toBe(
      cacheDirName(parseRepo("https://h/other/a.git")),
    );
    expect(cacheDirName(parseRepo("/srv/app"))).toBe(cacheDirName(parseRepo("file:///srv/app")));
    expect(cacheDirName(parseRepo("git@h:org/app.git"))).toMatch(/^app-/);
    expect(cacheDirName(parseRepo("https://h/"))).toMatch(/^h-[0-9a-f]{16}$/);
  });
});
