import { describe, expect, it } from "vitest";
import { lsRemotePatterns, parseLsRemote, parseRef, pickRef } from "../../../src/sync/ref.js";

const A = "a".repeat(40);
const B = "b".repeat(40);
const C = "c".repeat(40);

describe("parseRef", () => {
  it("classifies refs", () => {
    expect(parseRef(undefined)).toEqual({ kind: "default" });
    expect(parseRef("")).toEqual({ kind: "default" });
    expect(parseRef("HEAD")).toEqual({ kind: "default" });
    expect(parseRef(A.toUpperCase())).toEqual({ kind: "commit", sha: A });
    expect(parseRef("f".repeat(64))).toEqual({ kind: "commit", sha: "f".repeat(64) });
    expect(parseRef("main")).toEqual({ kind: "short", name: "main" });
    expect(parseRef("release/1.2")).toEqual({ kind: "short", name: "release/1.2" });
    expect(parseRef("abc1234")).toEqual({ kind: "short", name: "abc1234" });
    expect(parseRef("refs/tags/v1")).toEqual({ kind: "full", name: "refs/tags/v1" });
  });

  it("rejects names git would reject, and option-like names", () => {
    for (const bad of [
      "-main",
      "a b",
      "a..b",
      "a@{1}",
      "@",
      "a/",
      "/a",
      "a//b",
      "x.lock",
      "x.",
      ".x",
      "a/.b",
      "a:b",
      "a~1",
      "a^",
      "a*",
      "a[",
      "a\\b",
    ]) {
      expect(() => parseRef(bad), bad).toThrow(
        expect.objectContaining({ code: "E_GIT_SOURCE_INVALID" }) as Error,
      );
    }
  });
});

describe("lsRemotePatterns", () => {
  it("asks only for what the ref can mean", () => {
    expect(lsRemotePatterns({ kind: "default" })).toEqual(["HEAD"]);
    expect(lsRemotePatterns({ kind: "commit", sha: A })).toEqual([]);
    expect(lsRemotePatterns({ kind: "short", name: "v1" })).toEqual([
      "refs/heads/v1",
      "refs/tags/v1",
      "refs/tags/v1^{}",
    ]);
    expect(lsRemotePatterns({ kind: "full", name: "refs/tags/v1" })).toEqual([
      "refs/tags/v1",
      "refs/tags/v1^{}",
    ]);
  });
});

describe("parseLsRemote and pickRef", () => {
  const listing = parseLsRemote(
    [
      "ref: refs/heads/trunk\tHEAD",
      `${A}\tHEAD`,
      `${A}\trefs/heads/trunk`,
      `${B}\trefs/heads/v1`,
      `${C}\trefs/tags/v1`,
      `${A}\trefs/tags/v1^{}`,
      `${C}\trefs/tags/light`,
      "",
    ].join("\n"),
  );

  it("parses refs and symrefs", () => {
    expect(listing.symrefs.get("HEAD")).toBe("refs/heads/trunk");
    expect(listing.refs.get("refs/tags/v1^{}")).toBe(A);
  });

  it("follows the default branch through the symref", () => {
    expect(pickRef({ kind: "default" }, listing, "repo")).toEqual({ refName: "refs/heads/trunk", sha: A });
  });

  it("fetches HEAD itself when the remote HEAD is detached", () => {
    const detached = parseLsRemote(`${B}\tHEAD\n`);
    expect(pickRef({ kind: "default" }, detached, "repo")).toEqual({ refName: "HEAD", sha: B });
  });

  it("prefers a branch over a tag of the same name, and peels annotated tags", () => {
    expect(pickRef({ kind: "short", name: "v1" }, listing, "repo")).toEqual({
      refName: "refs/heads/v1",
      sha: B,
    });
    expect(pickRef({ kind: "full", name: "refs/tags/v1" }, listing, "repo")).toEqual({
      refName: "refs/tags/v1",
      sha: A,
    });
    expect(pickRef({ kind: "short", name: "light" }, listing, "repo")).toEqual({
      refName: "refs/tags/light",
      sha: C,
    });
  });

  it("needs no listing for a commit", () => {
    expect(pickRef({ kind: "commit", sha: B }, parseLsRemote(""), "repo")).toEqual({ refName: B, sha: B });
  });

  it("reports missing refs and empty repositories, hinting at full SHAs", () => {
    expect(() => pickRef({ kind: "short", name: "nope" }, listing, "https://h/r")).toThrow(
      expect.objectContaining({
        code: "E_GIT_REF_NOT_FOUND",
        message: 'no branch or tag named "nope" in https://h/r',
      }) as Error,
    );
    expect(() => pickRef({ kind: "short", name: "abc1234" }, listing, "r")).toThrow(
      expect.objectContaining({ hint: expect.stringContaining("full 40-character SHA") as unknown }) as Error,
    );
    expect(() => pickRef({ kind: "full", name: "refs/heads/x" }, listing, "r")).toThrow(
      expect.objectContaining({ code: "E_GIT_REF_NOT_FOUND" }) as Error,
    );
    expect(() => pickRef({ kind: "default" }, parseLsRemote(""), "r")).toThrow(
      expect.objectContaining({
        code: "E_GIT_REF_NOT_FOUND",
        message: "r has no commits: its default branch is empty",
      }) as Error,
    );
  });
});
