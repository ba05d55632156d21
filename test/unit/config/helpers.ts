// Writes a berth.yaml into a fresh temporary directory and loads it.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigError } from "../../../src/config/errors.js";
import { loadConfig } from "../../../src/config/load.js";
import type { BerthConfig } from "../../../src/config/types.js";

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "berth-config-test-"));
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
