// The state file lock between real processes: a live daemon keeps others out, one killed with
// SIGKILL leaves a stale lock the next daemon takes over, and a normal exit releases it.

import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { StateFile } from "../../../src/state/file.js";
import { readStateFile } from "../../../src/state/load.js";
import { tempDir } from "../../support/state-fixtures.js";

const HOLDER = fileURLToPath(new URL("./lock-holder.ts", import.meta.url));

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function startHolder(path: string, mode: "hold" | "exit"): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", HOLDER, path, mode], {
    stdio: ["ignore", "pipe", "pipe"],
  });
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
}

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    child.stderr?.on("data", (d: Buffer) => (err += d.toString()));
    child.stdout?.on("data", (d: Buffer) => {
      out += d.toString();
      if (out.includes("\n")) resolve(out.split("\n")[0] ?? "");
    });
    child.once("exit", (code) => reject(new Error(`holder exited (${code}): ${err}`)));
  });
}

describe("state file lock across processes", () => {
  let dir: string;
  let cleanup: () => void;
  let path: string;
  const children: ChildProcess[] = [];
  beforeEach(() => {
    ({ dir, cleanup } = tempDir("berth-lock-"));
    path = join(dir, "state.json");
  });
  afterEach(() => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
    cleanup();
  });

  it("refuses while a live daemon holds it, then takes over after that daemon is SIGKILLed", async () => {
    const holder = startHolder(path, "hold");
    children.push(holder);
    const { pid } = JSON.parse(await firstLine(holder)) as { pid: number };
    expect(pid).toBe(holder.pid);

    const refused = StateFile.open(path);
    await expect(refused).rejects.toMatchObject({ code: "E_STATE_LOCKED" });
    await expect(refused).rejects.toThrow(
      new RegExp(
        `^state file ${escape(path)} is locked by berth \\(pid ${pid} on host ${escape(hostname())}, since [0-9T:-]+Z\\); ` +
          `stop that daemon, or remove ${escape(path)}\\.lock if it is gone$`,
      ),
    );
    // Readers need no lock.
    expect((await readStateFile(path))?.data.formatVersion).toBe(1);

    const gone = exited(holder);
    holder.kill("SIGKILL");
    await gone;
    expect(existsSync(`${path}.lock`)).toBe(true);

    const logs: string[] = [];
    const file = await StateFile.open(path, { log: (m) => logs.push(m) });
    expect(file.tookOverStaleLock).toMatchObject({
      holder: { pid, hostname: hostname() },
      reason: `pid ${pid} is not running on this host`,
    });
    expect(logs[0]).toContain(`took over the stale lock ${path}.lock of pid ${pid}`);
    await file.close();
    expect(existsSync(`${path}.lock`)).toBe(false);
  });

  it("is released when the daemon exits without closing", async () => {
    const holder = startHolder(path, "exit");
    children.push(holder);
    expect(await exited(holder)).toEqual({ code: 0, signal: null });
    expect(existsSync(path)).toBe(true);
    expect(existsSync(`${path}.lock`)).toBe(false);
  });
});
