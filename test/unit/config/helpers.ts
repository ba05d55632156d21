// Writes a berth.yaml into a fresh temporary directory and loads it.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";
import { ConfigError } from "../../../src/config/errors.js";
import { loadConfig } from "../../../src/config/load.js";
import type { BerthConfig } from "../../../src/config/types.js";

const created: string[] = [];

afterAll(() => {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
});

export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "berth-config-test-"));
  created.push(dir);
  return dir;
}

export function writeConfig(yaml: string, dir = tempDir()): string {
  const file = join(dir, "berth.yaml");
  writeFileSync(file, yaml);
  return file;
}

export async function load(yaml: string, env: NodeJS.ProcessEnv = {}, dir?: string): Promise<BerthConfig> {
  return loadConfig(writeConfig(yaml, dir), env);
}

/** Loads a file that must fail; returns the error's problems as `line:column path: message` lines. */
export async function problemsOf(
  yaml: string,
  env: NodeJS.ProcessEnv = {},
): Promise<{ error: ConfigError; lines: string[] }> {
  const file = writeConfig(yaml);
  try {
    await loadConfig(file, env);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    const lines = e.problems.map((p) => {
      const at = p.position ? `${p.position.line}:${p.position.column}` : "-";
      return `${at} ${p.path.map(String).join(".")}: ${p.message}`;
    });
    return { error: e, lines };
  }
  throw new Error("expected the configuration to be rejected");
}
