// What a configMap or secret volume contains, and the archive that writes it — pure.
//
// Files follow the kubelet's atomic-writer layout so an update is seen all at once:
//   <slot>/<path>        the files of one generation (slot "..a" or "..b", alternating)
//   ..data -> <slot>     switched to the new generation after it is complete
//   <top> -> ..data/<top> one link per top-level entry, so paths resolve through ..data
// Docker's archive API can create and replace but not delete, so an update first turns the
// inactive slot into a plain file (which removes the old tree) and then back into a directory.
// A key that disappears leaves a dangling top-level link (reading it fails like a missing file)
// until the pod is recreated.

import { createHash } from "node:crypto";
import { posix } from "node:path";
import type { KeyToPath, Pod, Volume } from "../../manifest/types.js";
import { mountError } from "../errors.js";
import type { ConfigSources } from "./context.js";

export const DEFAULT_MODE = 0o644;
export const SLOTS = ["..a", "..b"] as const;
export type Slot = (typeof SLOTS)[number];

export interface ProjectedFile {
  /** Relative path inside the volume. */
  path: string;
  content: Buffer;
  mode: number;
}

export interface Projection {
  volume: string;
  files: ProjectedFile[];
  /** Group owner of files and directories (pod fsGroup), root when absent. */
  gid: number;
  /** sha256 over paths, modes and contents: equal hashes mean nothing to rewrite. */
  hash: string;
}

function checkPath(p: string, volume: string): string {
  const norm = posix.normalize(p);
  if (p === "" || posix.isAbsolute(p) || p.startsWith("..") || p.split("/").includes("..")) {
    throw mountError(
      `volume ${volume}: item path "${p}" must be relative, without "..", and not start with ".."`,
    );
  }
  return norm;
}

/** The files of one configMap/secret volume; undefined for other volume types. */
export function projectionFor(pod: Pod, v: Volume, sources: ConfigSources): Projection | undefined {
  let values: Map<string, string | Buffer> | undefined;
  let items: KeyToPath[] | undefined;
  let defaultMode: number | undefined;
  let optional: boolean;
  let what: string;
  if (v.configMap) {
    const cm = sources.configMap(v.configMap.name);
    what = `configmap "${v.configMap.name}"`;
    ({ items, defaultMode } = v.configMap);
    optional = v.configMap.optional === true;
    if (cm) {
      values = new Map<string, string | Buffer>(Object.entries(cm.data ?? {}));
      for (const [k, b64] of Object.entries(cm.binaryData ?? {})) values.set(k, Buffer.from(b64, "base64"));
    }
  } else if (v.secret) {
    const s = sources.secret(v.secret.secretName);
    what = `secret "${v.secret.secretName}"`;
    ({ items, defaultMode } = v.secret);
    optional = v.secret.optional === true;
    if (s) {
      values = new Map<string, string | Buffer>();
      for (const [k, b64] of Object.entries(s.data ?? {})) values.set(k, Buffer.from(b64, "base64"));
      for (const [k, v] of Object.entries(s.stringData ?? {})) values.set(k, v);
    }
  } else {
    return undefined;
  }
  const fsGroup = pod.spec.securityContext?.fsGroup;
  const mode0 = defaultMode ?? DEFAULT_MODE;
  const files: ProjectedFile[] = [];
  if (!values) {
    if (!optional) throw mountError(`MountVolume.SetUp failed for volume "${v.name}": ${what} not found`);
  } else if (items && items.length > 0) {
    for (const it of items) {
      const content = values.get(it.key);
      if (content === undefined) {
        if (optional) continue;
        throw mountError(`MountVolume.SetUp failed for volume "${v.name}": ${what} has no key "${it.key}"`);
      }
      files.push(file(checkPath(it.path, v.name), content, it.mode ?? mode0, fsGroup));
    }
  } else {
    for (const key of [...values.keys()].sort()) {
      files.push(file(checkPath(key, v.name), values.get(key) ?? "", mode0, fsGroup));
    }
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const gid = fsGroup ?? 0;
  const h = createHash("sha256").update(`gid:${gid}\n`);
  for (const f of files) h.update(`${f.path}\0${f.mode}\0${f.content.length}\0`).update(f.content);
  return { volume: v.name, files, gid, hash: h.digest("hex") };
}

function file(
  path: string,
  content: string | Buffer,
  mode: number,
  fsGroup: number | undefined,
): ProjectedFile {
  // With an fsGroup the kubelet makes projected files group-readable (SetVolumeOwnership, read-only mask).
  const m = fsGroup !== undefined ? (mode | 0o440) & 0o7777 : mode & 0o7777;
  return { path, content: typeof content === "string" ? Buffer.from(content, "utf8") : content, mode: m };
}

export type ArchiveEntry =
  | { type: "file"; name: string; content: Buffer; mode: number; gid: number }
  | { type: "directory"; name: string; mode: number; gid: number }
  | { type: "symlink"; name: string; target: string; gid: number };

export function otherSlot(active: string | undefined): Slot {
  return active === SLOTS[0] ? SLOTS[1] : SLOTS[0];
}

/** The archive entries, in order, that write `p` into `slot` and switch ..data to it. */
export function projectionArchive(p: Projection, slot: Slot): ArchiveEntry[] {
  const gid = p.gid;
  const out: ArchiveEntry[] = [
    { type: "file", name: slot, content: Buffer.alloc(0), mode: 0o600, gid },
    { type: "directory", name: slot, mode: 0o755, gid },
  ];
  const dirs = new Set<string>();
  const tops = new Set<string>();
  for (const f of p.files) {
    const parts = f.path.split("/");
    tops.add(parts[0] ?? f.path);
    for (let i = 1; i < parts.length; i++) {
      const d = parts.slice(0, i).join("/");
      if (!dirs.has(d)) {
        dirs.add(d);
        out.push({ type: "directory", name: `${slot}/${d}`, mode: 0o755, gid });
      }
    }
    out.push({ type: "file", name: `${slot}/${f.path}`, content: f.content, mode: f.mode, gid });
  }
  out.push({ type: "symlink", name: "..data", target: slot, gid });
  for (const t of [...tops].sort()) out.push({ type: "symlink", name: t, target: `..data/${t}`, gid });
  return out;
}
