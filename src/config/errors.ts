// Configuration problems: each says where (file:line:column), which field, what is wrong, what was
// expected and what was found. One ConfigError carries every problem found in a file, so a user
// fixes them in one pass.

import { formatPath, showValue, type FieldPath } from "../manifest/issue.js";
import { BerthError } from "../util/errors.js";

export const E_CONFIG = "E_CONFIG";

export interface ConfigProblem {
  /** Field path, e.g. ["nodes", 0, "endpoint"]; empty for the file itself. */
  path: FieldPath;
  message: string;
  expected?: string;
  found?: string;
  hint?: string;
  /** Filled in by the loader from the parsed YAML. */
  position?: { line: number; column: number };
}

export function problem(
  path: FieldPath,
  message: string,
  extra: Omit<ConfigProblem, "path" | "message"> = {},
): ConfigProblem {
  return { path, message, ...extra };
}

/** `found` text for a value; never used for secrets. */
export const found = showValue;

/** `berth.yaml:12:9: nodes[0].endpoint: not a Docker endpoint (expected ..., found "http://x"); hint` */
export function formatProblem(file: string | undefined, p: ConfigProblem): string {
  const where = file ? (p.position ? `${file}:${p.position.line}:${p.position.column}: ` : `${file}: `) : "";
  const field = p.path.length > 0 ? `${formatPath(p.path)}: ` : "";
  const ef: string[] = [];
  if (p.expected !== undefined) ef.push(`expected ${p.expected}`);
  if (p.found !== undefined) ef.push(`found ${p.found}`);
  return `${where}${field}${p.message}${ef.length > 0 ? ` (${ef.join(", ")})` : ""}${p.hint ? `; ${p.hint}` : ""}`;
}

export class ConfigError extends BerthError {
  readonly problems: readonly ConfigProblem[];
  readonly file: string | undefined;

  constructor(file: string | undefined, problems: readonly ConfigProblem[]) {
    const lines = problems.map((p) => formatProblem(file, p));
    const message =
      lines.length === 1
        ? (lines[0] ?? "")
        : `${lines.length} problems in the configuration:\n  ${lines.join("\n  ")}`;
    const first = problems[0];
    super(E_CONFIG, message, {
      origin: {
        ...(file ? { file } : {}),
        ...(first?.position ? { line: first.position.line, column: first.position.column } : {}),
      },
    });
    this.name = "ConfigError";
    this.problems = problems;
    this.file = file;
  }

  /** The message already names file, line and column of every problem. */
  override describe(): string {
    return `${this.message} [${this.code}]`;
  }
}
