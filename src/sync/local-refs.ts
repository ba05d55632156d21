// A repository on this machine can be asked where its ref points right where it lives: one
// `git for-each-ref` (`git rev-parse` for HEAD) run in it, instead of `git ls-remote`, which
// starts upload-pack and speaks the wire protocol to it. Only plain answers are taken — a branch or
// tag on a commit, an annotated tag of a commit. Anything else (no such ref, an empty repository, a
// tag of a tag or of a tree) returns undefined, and the caller asks ls-remote, whose answers and
// errors are the documented ones.

import { GitCommandError, type GitRunner } from "./git.js";
import { isFullSha, type RefSpec } from "./ref.js";

const FORMAT = "--format=%(refname) %(objecttype) %(objectname) %(*objecttype) %(*objectname)";

/**
 * The commit `spec` names in the repository at `repoDir`, or undefined when that
 * is not a plain answer. Throws the GitCommandError of a git that fails to run there.
 */
export async function resolveInPlace(
  git: GitRunner,
  repoDir: string,
  spec: RefSpec,
  signal?: AbortSignal,
): Promise<string | undefined> {
  const opts = { cwd: repoDir, ...(signal ? { signal } : {}) };
  switch (spec.kind) {
    case "commit":
      return spec.sha;
    case "default": {
      // HEAD is a branch or a detached commit, never a tag; an unborn HEAD fails (ls-remote explains).
      const out = await git
        .run(["rev-parse", "--verify", "--quiet", "HEAD^{commit}"], opts)
        .catch((e: unknown) => {
          // --quiet: a HEAD without a commit fails silently; anything git says is a failure to run there.
          if (e instanceof GitCommandError && e.reason === "failed" && e.stderr.trim() === "") return "";
          throw e;
        });
      const sha = out.trim().toLowerCase();
      return isFullSha(sha) ? sha : undefined;
    }
    case "full":
    case "short": {
      // A branch wins over a tag of the same name, as in pickRef.
      const names =
        spec.kind === "full" ? [spec.name] : [`refs/heads/${spec.name}`, `refs/tags/${spec.name}`];
      const out = await git.run(["for-each-ref", FORMAT, ...names], opts);
      const listed = new Map<string, string[]>();
      for (const line of out.split("\n")) {
        const [refname = "", ...rest] = line.trim().split(" ");
        // for-each-ref patterns also match refs below a name (refs/heads/x/y for refs/heads/x).
        if (names.includes(refname)) listed.set(refname, rest);
      }
      for (const name of names) {
        const fields = listed.get(name);
        if (fields === undefined) continue;
        const [type, oid = "", peeledType, peeled = ""] = fields;
        if (type === "commit" && isFullSha(oid)) return oid.toLowerCase();
        if (type === "tag" && peeledType === "commit" && isFullSha(peeled)) return peeled.toLowerCase();
        return undefined;
      }
      return undefined;
    }
  }
}
