// The environment every git process of src/sync runs with. Ambient repository variables (set when
// berth itself runs inside a git hook) would redirect commands to another repository; prompts would
// hang a daemon that has no one to answer them; translated messages would defeat error classification;
// editors and pagers have no business in the non-interactive commands berth runs.

/** The GIT_* variables an operator may legitimately set for berth's git (ssh and TLS set-up). */
const PASSED_GIT_VARIABLES = new Set([
  "GIT_SSH",
  "GIT_SSH_COMMAND",
  "GIT_SSH_VARIANT",
  "GIT_SSL_CAINFO",
  "GIT_SSL_CAPATH",
  "GIT_SSL_CERT",
  "GIT_SSL_KEY",
  "GIT_SSL_NO_VERIFY",
  "GIT_HTTP_USER_AGENT",
]);

const DROPPED_VARIABLES = new Set(["EDITOR", "VISUAL", "PAGER", "PREFIX", "SSH_ASKPASS"]);

export function gitEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v === undefined) continue;
    const upper = k.toUpperCase();
    if (DROPPED_VARIABLES.has(upper)) continue;
    if (upper.startsWith("GIT_") && !PASSED_GIT_VARIABLES.has(upper)) continue;
    env[k] = v;
  }
  env.LC_ALL = "C";
  env.LANGUAGE = "C";
  env.GIT_TERMINAL_PROMPT = "0";
  // ssh must fail rather than ask for a passphrase or a host key confirmation on the terminal.
  if (env.GIT_SSH_COMMAND === undefined && env.GIT_SSH === undefined) {
    env.GIT_SSH_COMMAND = "ssh -o BatchMode=yes";
  }
  return { ...env, ...extra };
}
