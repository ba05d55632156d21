import { describe, expect, it } from "vitest";
import { normalizeRepoUrl, sourcesForRepos } from "../../../../../src/daemon/api/webhooks/repo-match.js";

describe("normalizeRepoUrl", () => {
  it.each([
    ["https://github.com/org/app.git", "github.com/org/app"],
    ["https://github.com/org/app", "github.com/org/app"],
    ["https://GitHub.com/Org/App/", "github.com/org/app"],
    ["http://github.com/org/app.git/", "github.com/org/app"],
    ["https://user:token@github.com/org/app.git", "github.com/org/app"],
    ["https://token@github.com:443/org/app", "github.com/org/app"],
    ["git@github.com:org/app.git", "github.com/org/app"],
    ["github.com:org/app", "github.com/org/app"],
    ["ssh://git@github.com/org/app.git", "github.com/org/app"],
    ["ssh://git@gitlab.example.com:2222/group/sub/app.git", "gitlab.example.com/group/sub/app"],
    ["git://github.com/org/app.git", "github.com/org/app"],
    ["https://gitea.local/org/my%20app.git", "gitea.local/org/my app"],
    ["https://[::1]:3000/org/app.git", "::1/org/app"],
    ["/srv/repos/app.git/", "file:/srv/repos/app"],
    ["file:///srv/repos/app.git", "file:/srv/repos/app"],
  ])("%s → %s", (url, key) => {
    expect(normalizeRepoUrl(url)).toBe(key);
  });

  it.each(["", "   ", "not a url", "https://github.com/", "relative/path", "https://"])(
    "%j is no repository",
    (url) => {
      expect(normalizeRepoUrl(url)).toBeUndefined();
    },
  );
});

describe("sourcesForRepos", () => {
  const sources = [
    { name: "shop", repo: "https://git.example.com/Org/Shop.git" },
    { name: "shop-staging", repo: "git@git.example.com:org/shop" },
    { name: "blog", repo: "https://git.example.com/org/blog.git" },
    { name: "local", repo: "/srv/repos/tools" },
  ];

  it("matches every spelling of the pushed repository", () => {
    expect(sourcesForRepos(sources, ["https://git.example.com/org/shop.git"])).toEqual([
      "shop",
      "shop-staging",
    ]);
    expect(sourcesForRepos(sources, ["ssh://git@git.example.com:2222/org/blog.git"])).toEqual(["blog"]);
  });

  it("matches on any of the payload's URLs and on nothing else", () => {
    expect(
      sourcesForRepos(sources, ["https://git.example.com/org/other", "git@git.example.com:org/blog.git"]),
    ).toEqual(["blog"]);
    expect(sourcesForRepos(sources, ["https://git.example.com/org/shop-old"])).toEqual([]);
    expect(sourcesForRepos(sources, ["https://other.example.com/org/shop"])).toEqual([]);
    expect(sourcesForRepos(sources, [])).toEqual([]);
    expect(sourcesForRepos(sources, ["garbage"])).toEqual([]);
  });
});
