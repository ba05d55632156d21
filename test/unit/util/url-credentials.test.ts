import { describe, expect, it } from "vitest";
import { stripUrlCredentials } from "../../../src/util/url-credentials.js";

describe("stripUrlCredentials", () => {
  it("drops user and password from http(s) URLs (tokens are often passed as the user)", () => {
    expect(stripUrlCredentials("https://alice:s3cret@git.example.com/org/repo.git")).toBe(
      "https://git.example.com/org/repo.git",
    );
    expect(stripUrlCredentials("https://ghp_token123@github.com/org/repo")).toBe(
      "https://github.com/org/repo",
    );
    expect(stripUrlCredentials("HTTP://u:p@host:8080/r")).toBe("HTTP://host:8080/r");
    expect(stripUrlCredentials("https://u:p@ss@host/r")).toBe("https://host/r");
    expect(stripUrlCredentials("ssh://git:p@ss@host/r")).toBe("ssh://git@host/r");
  });

  it("keeps the user name of ssh URLs but drops a password", () => {
    expect(stripUrlCredentials("ssh://git@github.com/org/repo.git")).toBe(
      "ssh://git@github.com/org/repo.git",
    );
    expect(stripUrlCredentials("ssh://git:pw@host/repo")).toBe("ssh://git@host/repo");
  });

  it("leaves URLs without credentials, scp-like addresses and paths alone", () => {
    for (const url of [
      "https://github.com/org/repo",
      "git@github.com:org/repo.git",
      "/srv/git/repo",
      "file:///srv/git/repo",
      "https://host/path@with-at",
    ]) {
      expect(stripUrlCredentials(url)).toBe(url);
    }
  });
});
