// Loading berth.yaml: read, parse (with positions), validate against the JSON Schema (which fills
// in static defaults), normalize into BerthConfig. Every problem found is reported at once, each
// with file:line:column, as one ConfigError (code E_CONFIG).

import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { YAMLException } from "js-yaml";
import { ConfigError, problem, type ConfigProblem } from "./errors.js";
import { normalize } from "./normalize.js";
import type { RawConfig } from "./raw.js";
import { validateConfig } from "./schema.js";
import type { BerthConfig } from "./types.js";
import { parseYaml, type ParsedYaml } from "./yaml-source.js";

/** Looked for in the working directory when no path is given and BERTH_CONFIG is unset. */
export const DEFAULT_CONFIG_FILE = "berth.yaml";

function place(parsed: ParsedYaml, p: ConfigProblem): ConfigProblem {
  const onKey = p.message === "is not a known field" || p.message === "is not a valid key";
  const position = (onKey ? parsed.keyAt(p.path) : parsed.valueAt(p.path)) ?? parsed.locate(p.path);
  return position ? { ...p, position } : p;
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

  let parsed: ParsedYaml;
  try {
    parsed = parseYaml(text, file);
  } catch (e) {
    if (!(e instanceof YAMLException)) throw e;
    const mark = e.mark;
    throw new ConfigError(file, [
      {
        path: [],
        message: `YAML syntax: ${e.reason}`,
        ...(mark ? { position: { line: mark.line + 1, column: mark.column + 1 } } : {}),
      },
    ]);
  }
  if (parsed.documents > 1) {
    throw new ConfigError(file, [problem([], "holds several YAML documents; berth.yaml is one mapping")]);
  }
  const data = parsed.value ?? {};
  if (typeof data !== "object" || Array.isArray(data)) {
    throw new ConfigError(file, [
      place(parsed, problem([], "must be a mapping of sections (nodes, runtime, sources, ...)")),
    ]);
  }
  const schemaProblems = validateConfig(data);
  if (schemaProblems.length > 0)
    throw new ConfigError(file, byPosition(schemaProblems.map((p) => place(parsed, p))));
  try {
    return fromRaw(data as RawConfig, env, dirname(file), file);
  } catch (e) {
    if (e instanceof ConfigError)
      throw new ConfigError(file, byPosition(e.problems.map((p) => place(parsed, p))));
    throw e;
  }
}
