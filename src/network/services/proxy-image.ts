// The proxy image, built by berth itself without a registry: the node binary berth runs on
// (process.execPath), the shared libraries `ldd` lists for it (at the same paths, plus
// LD_LIBRARY_PATH for loaders without a cache), and the proxy program, imported with `docker
// import` as `berth.local/proxy:<content hash>`. Each engine imports it once; engines of another
// CPU architecture than berth's host cannot run it.

import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { dirname } from "node:path";
import { promisify } from "node:util";
import type Docker from "dockerode";
import { pack, type Pack } from "tar-stream";
import { engineMessage, isNotFound } from "../../runtime/docker/errors.js";
import { progressError, readProgress } from "../../runtime/docker/stream.js";
import { LABEL } from "../../runtime/labels.js";
import { BerthError } from "../../util/errors.js";
import { PROXY_CONFIG_DIR } from "./proxy-config.js";
import { PROXY_PROGRAM } from "./proxy-program.js";
import { PROXY_NODE_PATH, PROXY_SCRIPT_PATH } from "./proxy-spec.js";

const run = promisify(execFile);

export const PROXY_REPOSITORY = "berth.local/proxy";

export interface ProxyImageFiles {
  node: string;
  /** Absolute paths as the loader looks them up (what ldd prints). */
  libraries: string[];
  /** The image reference, named after the content. */
  ref: string;
}

/** The library paths in `ldd` output (`name => /path (0x…)`, `/path (0x…)`); vdso skipped. */
export function parseLdd(output: string): string[] {
  const out: string[] = [];
  for (const line of output.split("\n")) {
    const t = line.trim();
    if (t === "" || t.startsWith("linux-vdso") || t.startsWith("linux-gate")) continue;
    if (/statically linked|not a dynamic executable/.test(t)) return [];
    if (t.includes("=> not found")) {
      throw new BerthError("E_PROXY_IMAGE", `the node binary needs a library that is missing: ${t}`);
    }
    const m = /(?:=>\s*)?(\/\S+)\s+\(0x[0-9a-f]+\)$/.exec(t);
    if (m?.[1]) out.push(m[1]);
  }
  return [...new Set(out)];
}

async function listLibraries(node: string): Promise<string[]> {
  try {
    return parseLdd((await run("ldd", [node])).stdout);
  } catch (e) {
    if ((e as { stdout?: string }).stdout?.includes("not a dynamic executable")) return [];
    // No ldd (a minimal host): glibc's loader prints the same list when asked to trace.
    try {
      return parseLdd((await run(node, [], { env: { LD_TRACE_LOADED_OBJECTS: "1" } })).stdout);
    } catch (e2) {
      throw new BerthError("E_PROXY_IMAGE", `cannot list the shared libraries of ${node}: ${String(e2)}`, {
        hint: "install ldd (glibc's libc-bin) on the berth host",
        cause: e,
      });
    }
  }
}

async function hashFile(h: ReturnType<typeof createHash>, path: string): Promise<void> {
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
}

let files: Promise<ProxyImageFiles> | undefined;

/** The files of this host's proxy image and its tag (computed once per process). */
export function proxyImageFiles(node: string = process.execPath): Promise<ProxyImageFiles> {
  files ??= (async () => {
    const libraries = await listLibraries(node);
    const h = createHash("sha256").update(PROXY_PROGRAM);
    await hashFile(h, node);
    for (const lib of libraries) {
      h.update(`\0${lib}\0`);
      await hashFile(h, lib);
    }
    return { node, libraries, ref: `${PROXY_REPOSITORY}:${h.digest("hex").slice(0, 12)}` };
  })();
  files.catch(() => (files = undefined));
  return files;
}

function addFile(p: Pack, name: string, source: string, size: number, mode: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const entry = p.entry({ name, size, mode, uid: 0, gid: 0, mtime: new Date(0) }, (err) => {
      if (err) reject(err);
      else resolve();
    });
    const rs = createReadStream(source);
    rs.on("error", reject);
    rs.pipe(entry);
  });
}

function parents(paths: readonly string[]): string[] {
  const dirs = new Set<string>();
  for (const p of paths) {
    for (let d = dirname(p); d !== "/" && d !== "."; d = dirname(d)) dirs.add(d);
  }
  return [...dirs].sort();
}

/** Streams the image's root filesystem as a tar (the node binary is ~100 MB: never buffered). */
function imageTar(f: ProxyImageFiles): Pack {
  const p = pack();
  const write = async (): Promise<void> => {
    const dirs = parents([PROXY_NODE_PATH, `${PROXY_CONFIG_DIR}/x`, ...f.libraries]);
    for (const d of dirs) {
      p.entry({ name: d.slice(1), type: "directory", mode: 0o755, uid: 0, gid: 0, mtime: new Date(0) });
    }
    p.entry({ name: "tmp", type: "directory", mode: 0o1777, uid: 0, gid: 0, mtime: new Date(0) });
    p.entry(
      { name: PROXY_SCRIPT_PATH.slice(1), mode: 0o644, uid: 0, gid: 0, mtime: new Date(0) },
      PROXY_PROGRAM,
    );
    await addFile(p, PROXY_NODE_PATH.slice(1), f.node, (await stat(f.node)).size, 0o755);
    for (const lib of f.libraries) await addFile(p, lib.slice(1), lib, (await stat(lib)).size, 0o755);
    p.finalize();
  };
  write().catch((e: unknown) => p.destroy(e instanceof Error ? e : new Error(String(e))));
  // The engine may refuse the upload half-way; the request's error tells why, not the pipe's.
  p.on("error", () => undefined);
  return p;
}

const ENGINE_ARCH: Record<string, string> = { x64: "x86_64", arm64: "aarch64", arm: "armv7l" };

const pending = new WeakMap<Docker, Promise<string>>();

/** The proxy image on this engine, imported when absent. Concurrent calls share one import. */
export function ensureProxyImage(docker: Docker): Promise<string> {
  let p = pending.get(docker);
  if (!p) {
    p = importIfAbsent(docker);
    pending.set(docker, p);
    p.catch(() => pending.delete(docker));
  }
  return p;
}

async function importIfAbsent(docker: Docker): Promise<string> {
  const f = await proxyImageFiles();
  try {
    await docker.getImage(f.ref).inspect();
    return f.ref;
  } catch (e) {
    if (!isNotFound(e))
      throw new BerthError("E_DOCKER", `inspecting ${f.ref}: ${engineMessage(e)}`, { cause: e });
  }
  const info = (await docker.info()) as { Architecture?: string; Name?: string };
  const want = ENGINE_ARCH[process.arch] ?? process.arch;
  if (info.Architecture !== undefined && info.Architecture !== want) {
    throw new BerthError(
      "E_PROXY_ARCH",
      `engine ${info.Name ?? ""} runs ${info.Architecture}, but berth's node binary is ${want}: the service proxy image cannot run there`,
      { hint: "run berth on a host of the same CPU architecture as its nodes" },
    );
  }
  const [repo, tag] = f.ref.split(":") as [string, string];
  const libDirs = [...new Set(f.libraries.map((l) => dirname(l)))];
  const changes = [
    `LABEL ${LABEL.managed}=true`,
    `ENTRYPOINT ["${PROXY_NODE_PATH}", "${PROXY_SCRIPT_PATH}"]`,
  ];
  if (libDirs.length > 0) changes.push(`ENV LD_LIBRARY_PATH=${libDirs.join(":")}`);
  try {
    const stream = await docker.importImage(imageTar(f) as unknown as NodeJS.ReadableStream, {
      repo,
      tag,
      changes,
    });
    const err = progressError(await readProgress(stream));
    if (err !== undefined) throw new BerthError("E_PROXY_IMAGE", `importing ${f.ref}: ${err}`);
  } catch (e) {
    if (e instanceof BerthError) throw e;
    throw new BerthError("E_PROXY_IMAGE", `importing ${f.ref}: ${engineMessage(e)}`, { cause: e });
  }
  return f.ref;
}
