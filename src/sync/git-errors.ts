// Turns what git printed on failure into a stable code and a short message. Codes drive behaviour
// (an unreachable remote is retried with backoff and keeps the last good revision; bad credentials
// and a missing repository are reported the same way, but say what to fix). Classification reads
// git's English messages, which is why git runs with LC_ALL=C (git-env.ts).

import { BerthError } from "../util/errors.js";

export type GitErrorCode =
  "E_GIT_UNREACHABLE" | "E_GIT_AUTH" | "E_GIT_REPO_NOT_FOUND" | "E_GIT_REF_NOT_FOUND" | "E_GIT";

// Checked in order: "does not appear to be a git repository" comes with "Could not read from remote
// repository", and ssh's "Permission denied (publickey)" too, so the specific causes go first.
const RULES: [GitErrorCode, RegExp][] = [
  [
    "E_GIT_REPO_NOT_FOUND",
    /does not appear to be a git repository|repository not found|repository '[^']*' not found|not exported|returned error: 404|no such repository|is this a git repository/i,
  ],
  [
    "E_GIT_AUTH",
    /authentication failed|could not read (username|password)|terminal prompts disabled|permission denied \(|access denied|returned error: 40[13]|invalid (username|credentials)|bad credentials|host key verification failed/i,
  ],
  [
    "E_GIT_REF_NOT_FOUND",
    /couldn't find remote ref|not our ref|unadvertised object|no such remote ref|remote error: upload-pack: not our/i,
  ],
  [
    "E_GIT_UNREACHABLE",
    /could not resolve|resolve host|connection refused|failed to connect|unable to connect|couldn't connect|timed out|network is unreachable|no route to host|could not read from remote repository|remote end hung up|early eof|rpc failed|returned error: 5\d\d|connection reset|name or service not known|temporary failure in name resolution|empty reply from server|ssl_|gnutls|tls connection/i,
  ],
];

export function classifyGitFailure(stderr: string): GitErrorCode {
  for (const [code, pattern] of RULES) if (pattern.test(stderr)) return code;
  return "E_GIT";
}

/** The lines of git's stderr that say what went wrong, joined into one line. */
export function summarizeGitOutput(stderr: string): string {
  const lines = stderr
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "" && !/^please make sure you have the correct access rights$/i.test(l))
    .filter((l) => !/^and the repository exists\.?$/i.test(l));
  // git:// puts the reason on its own line: "127.0.0.1[0: 127.0.0.1]: errno=Connection refused".
  const key = lines.filter((l) => /^(fatal|error|remote|ssh):/i.test(l) || l.includes("errno="));
  const text = (key.length > 0 ? key : lines.slice(-3)).map((l) => l.replace(/^fatal:\s*/i, "")).join("; ");
  return text.length > 400 ? `${text.slice(0, 397)}...` : text || "git gave no reason";
}

const HINTS: Record<GitErrorCode, string> = {
  E_GIT_UNREACHABLE:
    "check the network and the URL; berth keeps the last good revision and retries with backoff",
  E_GIT_AUTH: "check the credentials in the URL (https://user:token@host/...) or the ssh key and known_hosts",
  E_GIT_REPO_NOT_FOUND: "check the repository URL or path",
  E_GIT_REF_NOT_FOUND: "check the source's ref",
  E_GIT: "run the same git command by hand to see more",
};

/** The BerthError for a failed git command against the repository shown as `display` (redacted). */
export function gitFailure(operation: string, display: string, stderr: string): BerthError {
  const code = classifyGitFailure(stderr);
  const reason = summarizeGitOutput(stderr);
  const message = {
    E_GIT_UNREACHABLE: `cannot reach ${display}: ${reason}`,
    E_GIT_AUTH: `${display} refused access: ${reason}`,
    E_GIT_REPO_NOT_FOUND: `${display} is not a git repository or does not exist: ${reason}`,
    E_GIT_REF_NOT_FOUND: `${display} does not have what was asked for: ${reason}`,
    E_GIT: `git ${operation} failed for ${display}: ${reason}`,
  }[code];
  return new BerthError(code, message, { hint: HINTS[code] });
}

export function timeoutFailure(operation: string, display: string, timeoutMs: number): BerthError {
  return new BerthError(
    "E_GIT_UNREACHABLE",
    `git ${operation} against ${display} made no progress for ${Math.round(timeoutMs / 1000)}s and was stopped`,
    { hint: HINTS.E_GIT_UNREACHABLE },
  );
}
