// Sees a commit to a local repository as it happens: chokidar watches the repository's HEAD, refs/
// and packed-refs. Events only trigger a look; what changed is still read from git by SHA.

import { existsSync, readFileSync, statSync } from "node:fs";
import { basename, join, relative, resolve, sep } from "node:path";
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
  const isRef = (path: string): boolean => {
    if (path.endsWith(".lock")) return false;
    if (path === join(gitDir, "HEAD")) return true;
    const rel = relative(commonDir, path);
    return rel === "packed-refs" || rel === "refs" || rel.startsWith(`refs${sep}`);
  };
  const watcher = watch([...new Set([gitDir, commonDir])], {
    ignoreInitial: true,
    // Git replaces ref files by rename; atomic-write smoothing would only add latency.
    atomic: false,
    ignored: (path) => path !== gitDir && path !== commonDir && !isRef(path),
  });
  watcher.on("all", () => onChange());
  // chokidar's own events can miss a ref replaced again right after a change: it re-arms the watch on
  // the replaced file only after a stat, and compares times that git's own reads of the ref blur
  // (measured: a second commit 10-30 ms after the first went unseen). The watches on the directories
  // stay armed, and each of git's renames into place (refs/heads/main.lock -> main) shows up there.
  watcher.on("raw", (_event, name: string | null, details) => {
    // A directory's watch names the entry; a file's own watch names the file itself (skipped).
    const dir = (details as { watchedPath?: unknown }).watchedPath;
    if (typeof dir !== "string" || !name || name === basename(dir)) return;
    if (isRef(join(dir, name))) onChange();
  });
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
