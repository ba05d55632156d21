// Commit → manifests in memory through git (issue #7). A repository with BENCH_FILES manifests under
// apps/ gets one commit per run; the commit is then read three ways, in rotating order, each with its
// own clone cache so every side fetches it for itself:
//   legacy — the eight-process sequence berth ran before (bench/lib/git-legacy.ts);
//   berth  — a SourceWatcher pass of today's src/sync (syncNow(), polling and the local watch off);
//   floor  — one `git cat-file --batch` in the source repository, told the blobs' paths in advance.
// Both source kinds: a local path (the working repository) and a file:// bare remote it pushes to.
// Then, for the local path only, the whole daemon path: `git commit` started → chokidar's trigger →
// the revision in memory (a SourceWatcher with the local watch on and polling off).
//
//   npx tsx bench/git-revision.ts            (BENCH_RUNS, default 20; BENCH_FILES, default 30)
//
// Prints JSON: per kind the median and p10/p90 of each side in ms, legacy/berth and berth/floor.

import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GitSource, SourceWatcher, type Revision } from "../src/sync/index.js";
import { gitEnv } from "../src/sync/git-env.js";
import { LegacyGitSource } from "./lib/git-legacy.js";

const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const FILES = Number(process.env.BENCH_FILES ?? 30);
const SUBDIR = "apps";

function git(cwd: string, ...args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const env = { ...gitEnv(), GIT_AUTHOR_NAME: "Bench", GIT_AUTHOR_EMAIL: "bench@example.org" };
    const child = spawn("git", args, {
      cwd,
      env: { ...env, GIT_COMMITTER_NAME: "Bench", GIT_COMMITTER_EMAIL: "bench@example.org" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (b: Buffer) => (out += b.toString()));
    child.stderr.on("data", (b: Buffer) => (err += b.toString()));
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve(out.trim()) : reject(new Error(`git ${args.join(" ")}: ${err}`)),
    );
  });
}

function manifest(i: number, value: string): string {
  return [
    "apiVersion: v1",
    "kind: ConfigMap",
    "metadata:",
    `  name: config-${i}`,
    "data:",
    `  value: "${value}"`,
    `  padding: "${"x".repeat(400)}"`,
    "",
  ].join("\n");
}

/** apps/team-<k>/config-<i>.yaml, plus files that are not manifests of the source. */
function manifestPath(i: number): string {
  return `${SUBDIR}/team-${i % 5}/config-${i}.yaml`;
}

async function setUp(root: string): Promise<{ work: string; bare: string }> {
  const work = join(root, "work");
  const bare = join(root, "remote.git");
  mkdirSync(work, { recursive: true });
  await git(work, "init", "-q", "-b", "main");
  for (let i = 0; i < FILES; i += 1) {
    mkdirSync(join(work, SUBDIR, `team-${i % 5}`), { recursive: true });
    writeFileSync(join(work, manifestPath(i)), manifest(i, "0"));
  }
  mkdirSync(join(work, ".github"), { recursive: true });
  writeFileSync(join(work, ".github", "ci.yml"), "on: push\n");
  writeFileSync(join(work, "README.md"), "bench\n");
  await git(work, "add", "-A");
  await git(work, "commit", "-q", "-m", "initial");
  await git(root, "init", "-q", "--bare", "-b", "main", bare);
  await git(work, "push", "-q", bare, "main");
  return { work, bare };
}

/** One `git cat-file --batch` reading the manifests of `sha` by path: the least any git read costs. */
function floorRead(repo: string, sha: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn("git", ["cat-file", "--batch"], {
      cwd: repo,
      env: gitEnv(),
      stdio: ["pipe", "pipe", "ignore"],
    });
    let bytes = 0;
    child.stdout.on("data", (b: Buffer) => (bytes += b.length));
    child.on("error", reject);
    child.on("close", () => resolve(bytes));
    const requests: string[] = [];
    for (let i = 0; i < FILES; i += 1) requests.push(`${sha}:${manifestPath(i)}\n`);
    child.stdin.end(requests.join(""));
  });
}

function stats(samples: number[]): { medianMs: number; p10Ms: number; p90Ms: number } {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round((s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN) * 10) / 10;
  return { medianMs: at(0.5), p10Ms: at(0.1), p90Ms: at(0.9) };
}

function check(
  kind: string,
  side: string,
  sha: string,
  rev: { sha: string; files: unknown[] } | undefined,
): void {
  if (rev?.sha !== sha || rev.files.length !== FILES) {
    throw new Error(
      `${kind}/${side}: read ${rev?.sha ?? "nothing"} with ${rev?.files.length ?? 0} files, wanted ${sha}`,
    );
  }
}

async function compare(root: string, kind: "local" | "file", work: string, bare: string) {
  const url = kind === "local" ? work : `file://${bare}`;
  const legacy = new LegacyGitSource(url, "main", SUBDIR, join(root, `cache-legacy-${kind}`));
  const source = new GitSource(
    { repo: url, ref: "main", path: SUBDIR },
    { cacheRoot: join(root, `cache-berth-${kind}`) },
  );
  const watcher = new SourceWatcher(source, {
    onRevision: () => undefined,
    pollIntervalMs: 0,
    watchLocal: false,
  });
  // First passes clone: not what a commit costs afterwards.
  await legacy.pass();
  await watcher.start();
  await watcher.syncNow();
  const samples: Record<"legacy" | "berth" | "floor", number[]> = { legacy: [], berth: [], floor: [] };
  for (let run = 0; run < RUNS; run += 1) {
    writeFileSync(join(work, manifestPath(run % FILES)), manifest(run % FILES, `${kind}-${run}`));
    await git(work, "commit", "-q", "-a", "-m", `run ${run}`);
    if (kind === "file") await git(work, "push", "-q", bare, "main");
    const sha = await git(work, "rev-parse", "HEAD");
    const sides = {
      legacy: async () => check(kind, "legacy", sha, await legacy.pass()),
      berth: async () => {
        const outcome = await watcher.syncNow();
        check(kind, "berth", sha, outcome.ok ? outcome.revision : undefined);
      },
      floor: async () => {
        if ((await floorRead(kind === "local" ? work : bare, sha)) === 0)
          throw new Error("floor read nothing");
      },
    };
    const sideNames = ["legacy", "berth", "floor"] as const;
    const order = sideNames.map((_, i) => sideNames[(i + run) % sideNames.length] ?? "floor");
    for (const side of order) {
      const started = performance.now();
      await sides[side]();
      samples[side].push(performance.now() - started);
    }
  }
  await watcher.stop();
  const legacyStats = stats(samples.legacy);
  const berthStats = stats(samples.berth);
  const floorStats = stats(samples.floor);
  return {
    legacy: legacyStats,
    berth: berthStats,
    floor: floorStats,
    legacyOverBerth: Math.round((legacyStats.medianMs / berthStats.medianMs) * 100) / 100,
    berthOverFloor: Math.round((berthStats.medianMs / floorStats.medianMs) * 100) / 100,
  };
}

/** `git commit` started → chokidar trigger → revision in memory, for a local path with the watch on. */
async function endToEnd(root: string, work: string) {
  let trigger: () => void = () => undefined;
  let delivered: (r: Revision) => void = () => undefined;
  const source = new GitSource(
    { repo: work, ref: "main", path: SUBDIR },
    { cacheRoot: join(root, "cache-e2e") },
  );
  const watcher = new SourceWatcher(source, {
    onRevision: (r) => delivered(r),
    pollIntervalMs: 0,
    onLook: () => undefined,
  });
  const firstRevision = new Promise<Revision>((resolve) => (delivered = resolve));
  await watcher.start();
  await firstRevision;
  // A second watch on the same refs only to timestamp chokidar's event.
  const { watchRefs } = await import("../src/sync/local-watch.js");
  const probe = await watchRefs(
    work,
    () => trigger(),
    () => undefined,
  );
  const commitMs: number[] = [];
  const triggerMs: number[] = [];
  const inMemoryMs: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    writeFileSync(join(work, manifestPath(run % FILES)), manifest(run % FILES, `e2e-${run}`));
    await git(work, "add", "-A");
    let triggered = 0;
    const started = performance.now();
    trigger = () => (triggered ||= performance.now());
    const revision = new Promise<Revision>((resolve) => (delivered = resolve));
    await git(work, "commit", "-q", "-m", `e2e ${run}`);
    commitMs.push(performance.now() - started);
    const rev = await revision;
    inMemoryMs.push(performance.now() - started);
    triggerMs.push(triggered - started);
    check("e2e", "berth", await git(work, "rev-parse", "HEAD"), rev);
  }
  await probe?.close();
  await watcher.stop();
  return { commit: stats(commitMs), trigger: stats(triggerMs), inMemory: stats(inMemoryMs) };
}

const root = mkdtempSync(join(tmpdir(), "berth-bench-git-"));
try {
  const { work, bare } = await setUp(root);
  const local = await compare(root, "local", work, bare);
  const file = await compare(root, "file", work, bare);
  const e2e = await endToEnd(root, work);
  process.stdout.write(
    `${JSON.stringify({ runs: RUNS, files: FILES, local, file, endToEndLocal: e2e }, null, 2)}\n`,
  );
} finally {
  rmSync(root, { recursive: true, force: true });
}
