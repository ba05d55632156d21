// Shared by the normalize stages: parsing of durations, quantities, secrets and paths, with
// every problem collected under its field path.

import { resolve } from "node:path";
import { bytes, cpuMillis, parseQuantity } from "../manifest/quantity.js";
import { parseDuration, type Millis } from "./duration.js";
import { problem, type ConfigProblem } from "./errors.js";
import type { RawBackoff, RawDuration, RawQuantity } from "./raw.js";
import { resolveSecret, type Secret, type SecretRef } from "./secret.js";
import type { Backoff } from "./types.js";
import type { FieldPath } from "../manifest/issue.js";

export interface NormalizeContext {
  env: NodeJS.ProcessEnv;
  /** Relative paths in the file are relative to this directory. */
  baseDir: string;
  file?: string;
}

/**
 * Turns raw values into typed ones, collecting problems instead of throwing. Durations and
 * quantities already passed the schema's formats; secrets and files are checked here.
 */
export class FieldParser {
  readonly problems: ConfigProblem[] = [];
  constructor(private readonly ctx: NormalizeContext) {}

  duration(v: RawDuration, path: FieldPath): Millis {
    const ms = parseDuration(v);
    if (ms === undefined) this.problems.push(problem(path, "is not a duration"));
    return ms ?? 0;
  }

  /** Millicores for cpu, whole bytes (rounded up) for memory. */
  quantity(v: RawQuantity, kind: "cpu" | "memory", path: FieldPath): number {
    const q = parseQuantity(v);
    if (!q.ok) {
      this.problems.push(problem(path, `is not a quantity: ${q.reason}`));
      return 0;
    }
    return kind === "cpu" ? cpuMillis(q.value) : bytes(q.value);
  }

  backoff(raw: RawBackoff, path: FieldPath): Backoff {
    const initial = this.duration(raw.initial, [...path, "initial"]);
    const max = this.duration(raw.max, [...path, "max"]);
    if (initial > max) {
      this.problems.push(
        problem([...path, "initial"], "is longer than max", { expected: `at most max (${String(raw.max)})` }),
      );
    }
    return { initial, max };
  }

  secret(ref: SecretRef, path: FieldPath): Secret | undefined {
    const r = resolveSecret(ref, this.ctx.env, this.ctx.baseDir);
    if (r.ok) return r.secret;
    this.problems.push(problem(path, r.message, r.hint ? { hint: r.hint } : {}));
    return undefined;
  }

  path(p: string): string {
    return resolve(this.ctx.baseDir, p);
  }

  unique(names: readonly string[], what: string, pathOf: (i: number) => FieldPath): void {
    const first = new Map<string, number>();
    names.forEach((name, i) => {
      const j = first.get(name);
      if (j === undefined) first.set(name, i);
      else
        this.problems.push(
          problem(pathOf(i), `${what} ${JSON.stringify(name)} is already used by entry ${j}`),
        );
    });
  }
}
