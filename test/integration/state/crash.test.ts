// A crash at any instant leaves the old or the new state file, never a torn one. A child process
// rewrites a ~1 MB state file in a tight loop, alternating two versions, and is SIGKILLed at random
// moments, 200 times; after every kill the file must parse and be exactly one of the two versions.

import { spawn } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KObject } from "../../../src/manifest/types.js";
import { parseStateText } from "../../../src/state/load.js";
import { newSecretSalt } from "../../../src/state/secrets.js";
import { prepareForSave, serializeState } from "../../../src/state/snapshot.js";
import { content, pod, secret, T0, tempDir } from "../../support/state-fixtures.js";

const KILLS = 200;
const WRITER = fileURLToPath(new URL("./crash-writer.mjs", import.meta.url));
const ATOMIC_WRITE_TS = fileURLToPath(new URL("../../../src/state/atomic-write.ts", import.meta.url));

/** A ~1 MB state (450 pods) whose every object differs between versions, so any mix of the two is detectable. */
function version(tag: string, salt: string): string {
  const objects: KObject[] = Array.from({ length: 450 }, (_, i) => pod(i, `${tag}-${i}-`.repeat(12)));
  objects.push(secret("db", { password: `pw-${tag}` }));
  return serializeState(prepareForSave(content(objects), { secretSalt: salt, savedAt: T0 }));
}

/** Runs the writer until it reports ready, lets it write for `delayMs`, then SIGKILLs it. */
function runAndKill(args: string[], delayMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WRITER, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.stdout.once("data", () => setTimeout(() => child.kill("SIGKILL"), delayMs));
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (signal === "SIGKILL") resolve();
      else reject(new Error(`writer exited by itself (code ${code}): ${stderr}`));
    });
  });
}

describe("state file writes under SIGKILL", () => {
  let dir: string;
  let cleanup: () => void;
  beforeAll(() => ({ dir, cleanup } = tempDir("berth-crash-")));
  afterAll(() => cleanup());

  it(`leaves the old or the new version after each of ${KILLS} kills at random moments`, async () => {
    // The writer runs the real atomic-write.ts, compiled to JavaScript (it imports only Node builtins).
    const compiled = ts.transpileModule(readFileSync(ATOMIC_WRITE_TS, "utf8"), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    }).outputText;
    const modulePath = join(dir, "atomic-write.mjs");
    writeFileSync(modulePath, compiled);

    const salt = newSecretSalt();
    const a = version("A", salt);
    const b = version("B", salt);
    expect(a.length).toBeGreaterThan(900_000);
    const aPath = join(dir, "a.json");
    const bPath = join(dir, "b.json");
    writeFileSync(aPath, a);
    writeFileSync(bPath, b);
    const work = join(dir, "work");
    const target = join(work, "state.json");
    mkdirSync(work);
    writeFileSync(target, a);

    const seen = { A: 0, B: 0 };
    let killedMidWrite = 0;
    for (let i = 0; i < KILLS; i++) {
      // 0-30 ms: the child writes a version every few ms, so kills land all over the write cycle.
      await runAndKill([modulePath, target, aPath, bPath], Math.floor(Math.random() * 30));
      const text = readFileSync(target, "utf8");
      const parsed = parseStateText(text, target); // throws on a torn file
      if (text === a) seen.A++;
      else if (text === b) seen.B++;
      else expect.fail(`kill ${i}: the file is neither version (${text.length} bytes)`);
      expect(parsed.data.objects).toHaveLength(451);
      // Temp files left behind mean the kill hit a write in progress: the case this test is about.
      const leftovers = readdirSync(work).filter((n) => n !== "state.json");
      if (leftovers.length > 0) killedMidWrite++;
      for (const n of leftovers) unlinkSync(join(work, n));
    }
    expect(seen.A + seen.B).toBe(KILLS);
    // Kills landed both after odd and even writes, and many of them in the middle of a write.
    expect(seen.A).toBeGreaterThan(KILLS / 10);
    expect(seen.B).toBeGreaterThan(KILLS / 10);
    expect(killedMidWrite).toBeGreaterThan(KILLS / 10);
    console.log(`crash test: ${seen.A} × old/A, ${seen.B} × B, ${killedMidWrite} kills during a write`);
  });
});
