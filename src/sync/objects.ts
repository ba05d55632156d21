// Git's commit and tree objects as `git cat-file --batch` hands them out, parsed the way git's own
// porcelain reads them: a commit's author, author date and subject as `git log --format=%an %ae %aI
// %s` shows them, a tree's entries with their modes canonicalized as `git ls-tree` prints them.

import { isoTime } from "../util/clock.js";

export interface CommitInfo {
  /** The commit's full object id. */
  sha: string;
  /** Its root tree. */
  tree: string;
  /** "Name <email>" */
  author: string;
  /** Author date, ISO 8601 UTC. */
  date: string;
  subject: string;
}

export interface TreeEntry {
  kind: "tree" | "file" | "symlink" | "submodule";
  name: string;
  oid: string;
}

/** Parses a commit object; `sha` is its id (from the batch header). */
export function parseCommit(sha: string, content: Buffer): CommitInfo {
  const text = decodeCommit(content);
  const split = text.indexOf("\n\n");
  const headers = (split < 0 ? text : text.slice(0, split)).split("\n");
  const message = split < 0 ? "" : text.slice(split + 2);
  const header = (name: string): string | undefined =>
    headers.find((h) => h.startsWith(`${name} `))?.slice(name.length + 1);
  const ident = parseIdent(header("author") ?? "");
  return {
    sha,
    tree: header("tree") ?? "",
    author: `${ident.name} <${ident.email}>`,
    date: isoTime(ident.epochSeconds * 1000),
    subject: subjectOf(message),
  };
}

/** A tree object's entries in stored (git's tree) order. `oidBytes` is 20 for SHA-1, 32 for SHA-256. */
export function parseTree(content: Buffer, oidBytes: number): TreeEntry[] {
  const entries: TreeEntry[] = [];
  let at = 0;
  while (at < content.length) {
    const space = content.indexOf(0x20, at);
    const nul = content.indexOf(0x00, space);
    if (space < 0 || nul < 0) break;
    const mode = parseInt(content.toString("latin1", at, space), 8);
    const name = content.toString("utf8", space + 1, nul);
    const oid = content.toString("hex", nul + 1, nul + 1 + oidBytes);
    entries.push({ kind: kindOf(mode), name, oid });
    at = nul + 1 + oidBytes;
  }
  return entries;
}

/** As git's canon_mode: the file type bits decide, whatever odd permission bits an old tool wrote. */
function kindOf(mode: number): TreeEntry["kind"] {
  switch (mode & 0o170000) {
    case 0o040000:
      return "tree";
    case 0o120000:
      return "symlink";
    case 0o160000:
      return "submodule";
    default:
      return "file";
  }
}

/** git's split_ident_line: the name ends before the first "<", the date follows the last ">". */
function parseIdent(line: string): { name: string; email: string; epochSeconds: number } {
  const open = line.indexOf("<");
  // No "<": git cannot split the line and shows an empty name and email.
  if (open < 0) return { name: "", email: "", epochSeconds: 0 };
  const close = line.indexOf(">", open);
  const last = line.lastIndexOf(">");
  const epoch = /^\s*(\d+)/.exec(line.slice(last + 1))?.[1];
  return {
    name: line.slice(0, open).trimEnd(),
    email: close < 0 ? line.slice(open + 1) : line.slice(open + 1, close),
    epochSeconds: epoch === undefined ? 0 : Number(epoch),
  };
}

/** git's %s: the first paragraph after leading blank lines, lines right-trimmed and joined by spaces. */
function subjectOf(message: string): string {
  const lines = message.split("\n").map((l) => l.trimEnd());
  const start = lines.findIndex((l) => l !== "");
  if (start < 0) return "";
  const end = lines.indexOf("", start);
  return lines.slice(start, end < 0 ? undefined : end).join(" ");
}

/** Commits name their encoding when it is not UTF-8; git log re-encodes such messages to UTF-8. */
function decodeCommit(content: Buffer): string {
  const headerEnd = content.indexOf("\n\n");
  const head = content.toString("latin1", 0, headerEnd < 0 ? content.length : headerEnd);
  const encoding = /^encoding (.+)$/m.exec(head)?.[1]?.trim();
  if (encoding !== undefined && !/^utf-?8$/i.test(encoding)) {
    try {
      return new TextDecoder(encoding).decode(content);
    } catch {
      // An encoding this Node does not know: read it as UTF-8, as git does when iconv fails.
    }
  }
  return content.toString("utf8");
}
