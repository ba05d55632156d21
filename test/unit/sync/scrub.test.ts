import { describe, expect, it } from "vitest";
import { BerthError } from "../../../src/util/errors.js";
import { classifyGitFailure, gitFailure, summarizeGitOutput } from "../../../src/sync/git-errors.js";
import { Scrubber } from "../../../src/sync/scrub.js";

describe("Scrubber", () => {
  const scrubber = new Scrubber(["t0ken", "t0k"]);

  it("removes secrets and URL credentials from text", () => {
    expect(scrubber.text("auth t0ken failed for https://me:other@host/x")).toBe(
      "auth *** failed for https://me:***@host/x",
    );
    expect(scrubber.text("t0k alone")).toBe("*** alone");
  });

  it("rebuilds errors without their unscrubbed cause, keeping the code", () => {
    const original = new BerthError("E_GIT_AUTH", "denied with t0ken", {
      hint: "see https://u:t0ken@h/x",
      origin: { object: "source t0ken" },
      cause: new Error("git fetch https://u:t0ken@h/x"),
    });
    const safe = scrubber.error(original, { object: "source app" });
    expect(safe.code).toBe("E_GIT_AUTH");
    expect(safe.message).toBe("denied with ***");
    expect(safe.hint).toBe("see https://u:***@h/x");
    expect(safe.origin.object).toBe("source ***");
    expect(safe.cause).toBeUndefined();
    expect(`${safe.stack ?? ""}${safe.describe()}`).not.toContain("t0ken");
  });

  it("turns anything else into E_GIT", () => {
    const safe = scrubber.error(new Error("spawn failed: t0ken"), { object: "source app" });
    expect(safe).toMatchObject({
      code: "E_GIT",
      message: "spawn failed: ***",
      origin: { object: "source app" },
    });
    expect(scrubber.error("odd t0ken").message).toBe("odd ***");
  });
});

describe("classifyGitFailure", () => {
  const cases: [string, string][] = [
    [
      "fatal: unable to access 'http://127.0.0.1:1/x/': Failed to connect to 127.0.0.1 port 1 after 0 ms: Couldn't connect to server",
      "E_GIT_UNREACHABLE",
    ],
    [
      "fatal: unable to connect to 127.0.0.1:\n127.0.0.1[0: 127.0.0.1]: errno=Connection refused",
      "E_GIT_UNREACHABLE",
    ],
    [
      "fatal: unable to access 'https://nohost.invalid/x/': Could not resolve host: nohost.invalid",
      "E_GIT_UNREACHABLE",
    ],
    ["fatal: the remote end hung up unexpectedly", "E_GIT_UNREACHABLE"],
    ["fatal: unable to access 'https://h/x/': The requested URL returned error: 503", "E_GIT_UNREACHABLE"],
    ["fatal: Authentication failed for 'http://127.0.0.1:5/repo.git/'", "E_GIT_AUTH"],
    ["fatal: could not read Username for 'https://github.com': terminal prompts disabled", "E_GIT_AUTH"],
    [
      "git@github.com: Permission denied (publickey).\nfatal: Could not read from remote repository.",
      "E_GIT_AUTH",
    ],
    ["Host key verification failed.\nfatal: Could not read from remote repository.", "E_GIT_AUTH"],
    ["fatal: unable to access 'https://h/x/': The requested URL returned error: 403", "E_GIT_AUTH"],
    [
      "fatal: '/tmp/nope' does not appear to be a git repository\nfatal: Could not read from remote repository.",
      "E_GIT_REPO_NOT_FOUND",
    ],
    ["fatal: remote error: access denied or repository not exported: /nope.git", "E_GIT_REPO_NOT_FOUND"],
    [
      "remote: Repository not found.\nfatal: repository 'https://github.com/a/b.git/' not found",
      "E_GIT_REPO_NOT_FOUND",
    ],
    ["fatal: couldn't find remote ref refs/heads/gone", "E_GIT_REF_NOT_FOUND"],
    ["error: Server does not allow request for unadvertised object abc", "E_GIT_REF_NOT_FOUND"],
    ["fatal: something new and strange", "E_GIT"],
  ];
  it.each(cases)("%s → %s", (stderr, code) => {
    expect(classifyGitFailure(stderr)).toBe(code);
  });
});

describe("summarizeGitOutput and gitFailure", () => {
  it("keeps the lines that say what went wrong", () => {
    const stderr =
      "fatal: '/tmp/nope' does not appear to be a git repository\nfatal: Could not read from remote repository.\n\nPlease make sure you have the correct access rights\nand the repository exists.\n";
    expect(summarizeGitOutput(stderr)).toBe(
      "'/tmp/nope' does not appear to be a git repository; Could not read from remote repository.",
    );
    expect(
      summarizeGitOutput(
        "fatal: unable to connect to 127.0.0.1:\n127.0.0.1[0: 127.0.0.1]: errno=Connection refused\n",
      ),
    ).toBe("unable to connect to 127.0.0.1:; 127.0.0.1[0: 127.0.0.1]: errno=Connection refused");
    expect(summarizeGitOutput("")).toBe("git gave no reason");
    expect(summarizeGitOutput("x".repeat(1000))).toHaveLength(400);
  });

  it("says where and what to do", () => {
    const e = gitFailure(
      "ls-remote",
      "https://h/r.git",
      "fatal: unable to access 'https://h/r.git/': Could not resolve host: h",
    );
    expect(e.code).toBe("E_GIT_UNREACHABLE");
    expect(e.message).toBe(
      "cannot reach https://h/r.git: unable to access 'https://h/r.git/': Could not resolve host: h",
    );
    expect(e.hint).toContain("retries with backoff");
  });
});
