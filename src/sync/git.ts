// Runs git for a source through simple-git: non-interactive, bounded in time, abortable, and with
// credentials handed over through the environment so they never sit on a command line (visible in
// `ps`), in a simple-git error (which quotes the command) or in the cache's config file.

import { GitPluginError, simpleGit } from "simple-git";
import { gitEnv } from "./git-env.js";
import type { Credentials } from "./url.js";

/** Called before every git command a source runs, with its arguments (never holding credentials). */
export type GitCommandHook = (args: readonly string[]) => void;

export interface GitRunnerOptions {
  /** Kill a command that produced no output for this long. */
  timeoutMs: number;
  credentials?: Credentials;
  onGitCommand?: GitCommandHook;
}

export interface RunOptions {
  /** Working directory; must exist. */
  cwd: string;
  /**
   * `cwd` is one of berth's bare clones: named through GIT_DIR rather than discovered, since git
   * refuses to discover bare repositories under the hardening setting safe.bareRepository=explicit.
   */
  bare?: boolean;
  /** Talks to the remote: the credentials are offered. */
  network?: boolean;
  signal?: AbortSignal;
}

/** A git command that failed; converted to a BerthError by the caller, which knows what was meant. */
export class GitCommandError extends Error {
  constructor(
    readonly operation: string,
    readonly reason: "failed" | "timeout" | "aborted",
    readonly stderr: string,
  ) {
    super(`git ${operation} ${reason}: ${stderr}`);
    this.name = "GitCommandError";
  }
}

// git asks this helper for credentials when the server says 401; it answers from the environment.
// The empty helper first clears any helper from the user's config, so the token is not stored there.
const CREDENTIAL_HELPER =
  '!f() { test "$1" = get && printf "username=%s\\npassword=%s\\n" "$BERTH_GIT_USERNAME" "$BERTH_GIT_PASSWORD"; }; f';

export class GitRunner {
  constructor(private readonly options: GitRunnerOptions) {}

  async run(args: string[], opts: RunOptions): Promise<string> {
    this.options.onGitCommand?.(args);
    const credentials = opts.network ? this.options.credentials : undefined;
    const env = gitEnv({
      ...(credentials
        ? { BERTH_GIT_USERNAME: credentials.username, BERTH_GIT_PASSWORD: credentials.password }
        : {}),
      ...(opts.bare ? { GIT_DIR: opts.cwd } : {}),
    });
    const git = simpleGit({
      baseDir: opts.cwd,
      config: credentials ? ["credential.helper=", `credential.helper=${CREDENTIAL_HELPER}`] : [],
      timeout: { block: this.options.timeoutMs },
      ...(opts.signal ? { abort: opts.signal } : {}),
      // The environment is the operator's own, vetted by gitEnv; simple-git's guards are for untrusted input.
      allowEnvironment: Object.keys(env).filter((k) => k.toUpperCase().startsWith("GIT_")),
      unsafe: { allowUnsafeSshCommand: true, allowUnsafeCredentialHelper: true },
    }).env(env);
    const operation = args[0] ?? "";
    try {
      return await git.raw(args);
    } catch (e) {
      if (e instanceof GitPluginError && e.plugin === "timeout")
        throw new GitCommandError(operation, "timeout", "");
      if (e instanceof GitPluginError && e.plugin === "abort")
        throw new GitCommandError(operation, "aborted", "");
      throw new GitCommandError(operation, "failed", e instanceof Error ? e.message : String(e));
    }
  }
}
