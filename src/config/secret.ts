// Secret values from berth.yaml (API tokens, webhook secrets, notification URLs): given as a
// literal, `{env: NAME}` or `{file: PATH}`, resolved once at load time (files read synchronously: this runs once, at start-up), and held in a wrapper
// that prints as <redacted> everywhere (String(), JSON, console.log, pino) so a config object can
// be logged without leaking. Code that needs the value calls reveal().

import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { inspect } from "node:util";

export const REDACTED = "<redacted>";

export class Secret {
  readonly #value: string;
  /** Where it came from, safe to print: "literal", "env API_TOKEN", "file /etc/berth/token". */
  readonly source: string;

  constructor(value: string, source = "literal") {
    this.#value = value;
    this.source = source;
  }

  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [inspect.custom](): string {
    return `Secret(${REDACTED}, ${this.source})`;
  }
}

/** How a secret is written in the file, after schema validation. */
export type SecretRef = string | { env: string } | { file: string };

export type SecretResult = { ok: true; secret: Secret } | { ok: false; message: string; hint?: string };

/**
 * Resolves a reference. Files are read relative to `baseDir` (the config file's directory) and
 * lose trailing newlines, as `echo token > file` leaves one.
 */
export function resolveSecret(ref: SecretRef, env: NodeJS.ProcessEnv, baseDir: string): SecretResult {
  if (typeof ref === "string") return { ok: true, secret: new Secret(ref) };
  if ("env" in ref) {
    const value = env[ref.env];
    if (value === undefined || value === "") {
      return {
        ok: false,
        message: `environment variable ${ref.env} is not set`,
        hint: `export ${ref.env} before starting berth, or give the value another way`,
      };
    }
    return { ok: true, secret: new Secret(value, `env ${ref.env}`) };
  }
  const path = resolve(baseDir, ref.file);
  try {
    const text = readFileSync(path, "utf8").replace(/[\r\n]+$/, "");
    if (text === "") return { ok: false, message: `secret file ${path} is empty` };
    return { ok: true, secret: new Secret(text, `file ${path}`) };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? "error";
    return { ok: false, message: `cannot read secret file ${path} (${code})` };
  }
}
