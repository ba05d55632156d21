// Loading berth.yaml: read, parse (as src/manifest parses manifests), validate against the JSON Schema (which fills
// in static defaults), normalize into BerthConfig. Every problem found is reported at once, each
// with file:line:column, as one ConfigError (code E_CONFIG).

import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { CORE_SCHEMA } from "js-yaml";
import { Locator, parseDocuments } from "../manifest/parse.js";
import { ConfigError, problem, type ConfigProblem } from "./errors.js";
import { normalize } from "./normalize.js";
import type { RawConfig } from "./raw.js";
import { validateConfig } from "./schema.js";
import type { BerthConfig } from "./types.js";

/** Looked for in the working directory when no path is given and BERTH_CONFIG is unset. */
export const DEFAULT_CONFIG_FILE = "berth.yaml";

/** Where a problem's field is: its key, its list item, or the nearest parent that exists. */
function place(locator: Locator, p: ConfigProblem): ConfigProblem {
  const { line, column } = locator.locate(0, p.path);
  return { ...p, position: { line, column } };
}

/** Problems in reading order (problems without a position last). */
function byPosition(problems: readonly ConfigProblem[]): ConfigProblem[] {
  const rank = (p: ConfigProblem) =>
    p.position ? p.position.line * 1e6 + p.position.column : Number.MAX_SAFE_INTEGER;
  return [...problems].sort((a, b) => rank(a) - rank(b));
}

function fromRaw(data: RawConfig, env: NodeJS.ProcessEnv, baseDir: string, file?: string): BerthConfig {
  const { config, problems } = normalize(data, { env, baseDir, ...(file !== undefined ? { file } : {}) });
  if (problems.length > 0) throw new ConfigError(file, problems);
  return config;
}

/**
 * The configuration berth runs with when there is no file: every default, one node for this host
 * (DOCKER_HOST or the default socket).
 */
export function defaultConfig(env: NodeJS.ProcessEnv = process.env): BerthConfig {
  const data = {};
  const problems = validateConfig(data);
  if (problems.length > 0) throw new ConfigError(undefined, problems);
  return fromRaw(data as RawConfig, env, process.cwd());
}

/**
 * Loads and validates a config file. Without `path`: $BERTH_CONFIG, else ./berth.yaml if it
 * exists, else defaultConfig(). Relative paths inside the file are relative to its directory.
 */
export async function loadConfig(path?: string, env: NodeJS.ProcessEnv = process.env): Promise<BerthConfig> {
  const chosen =
    path ?? env.BERTH_CONFIG ?? (existsSync(DEFAULT_CONFIG_FILE) ? DEFAULT_CONFIG_FILE : undefined);
  if (chosen === undefined) return defaultConfig(env);
  const file = resolve(chosen);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? "error";
    throw new ConfigError(file, [
      problem([], `cannot read the configuration file (${code})`, {
        hint: path === undefined ? "BERTH_CONFIG names a file that is not there" : "check the --config path",
      }),
    ]);
  }

  // YAML 1.2 scalars: `name: n` and `country: no` stay strings in a config file.
  const parsed = parseDocuments(file, text, CORE_SCHEMA);
  if (!parsed.ok) {
    const { line, column } = parsed.location;
    throw new ConfigError(file, [
      { path: [], message: `YAML syntax: ${parsed.message}`, position: { line, column } },
    ]);
  }
  if (parsed.documents.length > 1) {
    throw new ConfigError(file, [problem([], "holds several YAML documents; berth.yaml is one mapping")]);
  }
  const locator = new Locator(file, text);
  const data = parsed.documents[0]?.value ?? {};
  if (typeof data !== "object" || Array.isArray(data)) {
    throw new ConfigError(file, [
      place(locator, problem([], "must be a mapping of sections (nodes, runtime, sources, ...)")),
    ]);
  }
  const schemaProblems = validateConfig(data);
  if (schemaProblems.length > 0)
    throw new ConfigError(file, byPosition(schemaProblems.map((p) => place(locator, p))));
  try {
    return fromRaw(data as RawConfig, env, dirname(file), file);
  } catch (e) {
    if (e instanceof ConfigError)
      throw new ConfigError(file, byPosition(e.problems.map((p) => place(locator, p))));
    throw e;
  }
}
