// Replacing a file so that a crash at any instant leaves either the old or the new content, never a
// mix: write a temp file in the same directory (same filesystem, so rename is atomic), fsync it (the
// data is on disk before the name points at it), rename it over the target, fsync the directory (the
// rename itself is on disk). Node builtins only: the crash test runs this file in a bare child process.

import { randomBytes } from "node:crypto";
import { open, readdir, rename, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/** Temp files are hidden siblings: ".state.json.tmp-<pid>-<random>". */
function tempPrefix(target: string): string {
  return `.${basename(target)}.tmp-`;
}

/** fsync of a directory; some platforms refuse it (Windows), where rename durability is the OS's business. */
export async function syncDirectory(dir: string): Promise<void> {
  let fh;
  try {
    fh = await open(dir, "r");
    await fh.sync();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== "EISDIR" && code !== "EPERM" && code !== "EINVAL" && code !== "EBADF") throw e;
  } finally {
    await fh?.close();
  }
}

export interface AtomicWriteOptions {
  /** Permission bits of a newly written file (default 0o600: state files are not for everyone). */
  mode?: number;
}

export async function writeFileAtomic(
  target: string,
  data: string | Uint8Array,
  opts: AtomicWriteOptions = {},
): Promise<void> {
  const dir = dirname(target);
  const tmp = join(dir, `${tempPrefix(target)}${process.pid}-${randomBytes(6).toString("hex")}`);
  const fh = await open(tmp, "wx", opts.mode ?? 0o600);
  try {
    try {
      await fh.writeFile(data);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, target);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
  await syncDirectory(dir);
}

/**
 * Removes temp files that crashed writers left next to `target`. Only safe while holding the
 * target's lock (no other writer can be mid-write). Returns the names removed.
 */
export async function removeStaleTempFiles(target: string): Promise<string[]> {
  const dir = dirname(target);
  const prefix = tempPrefix(target);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw e;
  }
  const stale = names.filter((n) => n.startsWith(prefix));
  for (const n of stale) await unlink(join(dir, n)).catch(() => undefined);
  return stale;
}
