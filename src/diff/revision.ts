// The desired side of a diff: the manifests of one directory at one git revision, validated and
// normalised by the manifest loader. Reads from the object database (src/sync/tree.ts), never the
// working tree, so `berth diff --from main --to feature` works from any checkout state.

import { simpleGit } from "simple-git";
import type { Diagnostic } from "../manifest/diagnostics.js";
import type { KObject } from "../manifest/types.js";
import { readTreeAtRevision, normalizeSubdir } from "../sync/tree.js";
import { BerthError, isBerthError } from "../util/errors.js";

/** What a manifest loader returns, as far as a diff needs it (src/manifest loadManifestFiles). */
export interface LoaderResult {
  objects: { object: KObject }[];
  diagnostics: Diagnostic[];
  errors: number;
}

export type ManifestLoader = (
  files: { path: string; content: string }[],
  opts: { namespace?: string; strict?: boolean },
) => LoaderResult;

export interface LoadedRevision {
  /** As the user named it: "main", "HEAD~1". */
  rev: string;
  /** The full commit SHA it resolved to. */
  commit: string;
  objects: KObject[];
  diagnostics: Diagnostic[];
  errors: number;
  /** The directory did not exist at this revision (only allowed where `allowMissingPath`). */
  missingPath: boolean;
}

export interface LoadRevisionOptions {
  namespace?: string;
  strict?: boolean;
  /** Treat a directory missing at this revision as empty (the base of a change that adds it). */
  allowMissingPath?: boolean;
}

/** The commit a revision names, or E_GIT_REF_NOT_FOUND / E_GIT. */
export async function resolveCommit(repoDir: string, rev: string): Promise<string> {
  let git;
  try {
    git = simpleGit({ baseDir: repoDir });
  } catch (e) {
    throw new BerthError("E_GIT", `${repoDir} cannot be used as a git repository: ${(e as Error).message}`, {
      hint: "pass --repo with the path of a git checkout",
    });
  }
  const notFound = () =>
    new BerthError("E_GIT_REF_NOT_FOUND", `revision ${rev} is not a commit in ${repoDir}`, {
      hint: "check the branch, tag or SHA (fetch it first if it is remote)",
    });
  // Options and revision syntax that reads files or ranges have no place here.
  if (rev === "" || rev.startsWith("-") || /[\s:]/.test(rev)) throw notFound();
  let sha: string;
  try {
    sha = (await git.revparse(["--verify", "--quiet", `${rev}^{commit}`])).trim();
  } catch (e) {
    const msg = (e as Error).message;
    if (/not a git repository/i.test(msg)) {
      throw new BerthError("E_GIT", `${repoDir} is not a git repository`, {
        hint: "pass --repo with the path of a git checkout",
      });
    }
    throw notFound();
  }
  // `rev-parse --quiet` exits non-zero without a word when the revision is unknown.
  if (!/^[0-9a-f]{40}([0-9a-f]{24})?$/.test(sha)) throw notFound();
  return sha;
}

export async function loadRevision(
  repoDir: string,
  rev: string,
  subdir: string,
  load: ManifestLoader,
  opts: LoadRevisionOptions = {},
): Promise<LoadedRevision> {
  const commit = await resolveCommit(repoDir, rev);
  const dir = normalizeSubdir(subdir);
  let files: { path: string; content: string }[];
  try {
    files = await readTreeAtRevision(repoDir, commit, dir);
  } catch (e) {
    if (opts.allowMissingPath && isBerthError(e, "E_GIT_PATH_NOT_FOUND")) {
      return { rev, commit, objects: [], diagnostics: [], errors: 0, missingPath: true };
    }
    throw e;
  }
  // Messages name files as they sit in the repository, not relative to --path.
  const shown = files.map((f) => ({ path: dir === "" ? f.path : `${dir}/${f.path}`, content: f.content }));
  const loadOpts: { namespace?: string; strict?: boolean } = {};
  if (opts.namespace !== undefined) loadOpts.namespace = opts.namespace;
  if (opts.strict !== undefined) loadOpts.strict = opts.strict;
  const result = load(shown, loadOpts);
  return {
    rev,
    commit,
    objects: result.objects.map((o) => o.object),
    diagnostics: result.diagnostics,
    errors: result.errors,
    missingPath: false,
  };
}
