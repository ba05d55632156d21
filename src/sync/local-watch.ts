// Sees a commit to a local repository as it happens: chokidar watches the repository's HEAD, refs/
// and packed-refs. Events only trigger a look; what changed is still read from git by SHA.

import { existsSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { watch } from "chokidar";

export interface GitDirs {
  /** Holds HEAD (differs from commonDir in a linked worktree). */
  gitDir: string;
  /** Holds refs/ and packed-refs. */
  commonDir: string;
}

/** Where the refs of the repository at `repoPath` live, or undefined if it is no repository. */
export function gitDirsOf(repoPath: string): GitDirs | undefined {
  const dotGit = join(repoPath, ".git");
  if (isDir(dotGit)) return { gitDir: dotGit, commonDir: dotGit };
  if (existsSync(dotGit)) {
    // A linked worktree or a submodule: ".git" is a file "gitdir: <path>".
    const target = /^gitdir:\s*(.+)$/m.exec(readFileSync(dotGit, "utf8"))?.[1]?.trim();
    if (target === undefined) return undefined;
    const gitDir = resolve(repoPath, target);
    const common = join(gitDir, "commondir");
    const commonDir = existsSync(common) ? resolve(gitDir, readFileSync(common, "utf8").trim()) : gitDir;
    return { gitDir, commonDir };
  }
  if (existsSync(join(repoPath, "HEAD")) && isDir(join(repoPath, "refs"))) {
    return { gitDir: repoPath, commonDir: repoPath };
  }
  return undefined;
}

export interface RefWatch {
  close(): Promise<void>;
}

/**
 * Calls `onChange` whenever a ref of the repository at `repoPath` may have moved. Resolves once the
 * watch is live; undefined when `repoPath` is no repository (polling still covers it).
 */
export async function watchRefs(
  repoPath: string,
  onChange: () => void,
  onError: (error: Error) => void,
): Promise<RefWatch | undefined> {
  const dirs = gitDirsOf(repoPath);
  if (dirs === undefined) return undefined;
  const { gitDir, commonDir } = dirs;
  // The git directories themselves are watched, narrowed by `ignored`: listing HEAD, refs and a
  // packed-refs that does not exist yet makes chokidar report ready before its watches are live.
  const relevant = (path: string): boolean => {
    if (path.endsWith(".lock")) return false;
    if (path === gitDir || path === commonDir || path === join(gitDir, "HEAD")) return true;
    const rel = relative(commonDir, path);
    return rel === "packed-refs" || rel === "refs" || rel.startsWith(`refs${sep}`);
  };
  const watcher = watch([...new Set([gitDir, commonDir])], {
    ignoreInitial: true,
    // Git replaces ref files by rename; atomic-write smoothing would only add latency.
    atomic: false,
    ignored: (path) => !relevant(path),
  });
  watcher.on("all", () => onChange());
  watcher.on("error", (e) => onError(e instanceof Error ? e : new Error(String(e))));
  await new Promise<void>((ready) => watcher.once("ready", () => ready()));
  return { close: () => watcher.close() };
}

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
