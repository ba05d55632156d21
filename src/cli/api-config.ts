// The `api` section of berth.yaml, read on its own for the CLI. Loading the whole file would fail in a
// shell that lacks the daemon's other secrets (a Slack URL in an environment variable only the
// service has), which `berth status` does not need. The token is resolved as the daemon resolves it
// (literal, {env}, {file}, tokenFile, tokenEnv); when it cannot be, the reason is kept for the
// message a 401 then gets, instead of failing before the daemon was even asked.

import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { CORE_SCHEMA, load } from "js-yaml";
import { DEFAULT_CONFIG_FILE } from "../config/load.js";
import { resolveSecret, type SecretRef } from "../config/secret.js";
import { BerthError } from "../util/errors.js";

export const DEFAULT_API_LISTEN = "127.0.0.1:7070";

export interface ApiConfig {
  /** The file read; undefined when there is none (defaults). */
  file?: string;
  listen: string;
  token?: string;
  /** Why a configured token could not be read here ("environment variable X is not set"). */
  tokenProblem?: string;
}

/** The berth.yaml the CLI reads: --config, else $BERTH_CONFIG, else ./berth.yaml when present. */
export function configFileFor(flag: string | undefined, env: NodeJS.ProcessEnv): string | undefined {
  const file =
    flag ?? (env.BERTH_CONFIG || (existsSync(DEFAULT_CONFIG_FILE) ? DEFAULT_CONFIG_FILE : undefined));
  return file === undefined ? undefined : resolve(file);
}

function isSecretRef(v: unknown): v is SecretRef {
  if (typeof v === "string") return v !== "";
  if (v === null || typeof v !== "object") return false;
  const o = v as Record<string, unknown>;
  return typeof o.env === "string" || typeof o.file === "string";
}

export function readApiConfig(file: string | undefined, env: NodeJS.ProcessEnv): ApiConfig {
  if (file === undefined) return { listen: DEFAULT_API_LISTEN };
  let doc: unknown;
  try {
    doc = load(readFileSync(file, "utf8"), { schema: CORE_SCHEMA });
  } catch (e) {
    throw new BerthError("E_CLI_CONFIG", `cannot read the api section of ${file}: ${(e as Error).message}`, {
      origin: { file },
      hint: "fix the file (berth config checks it), or give --server and --token",
    });
  }
  const api = (doc as { api?: Record<string, unknown> } | null)?.api ?? {};
  const listen = typeof api.listen === "string" ? api.listen : DEFAULT_API_LISTEN;
  const ref: unknown =
    api.token ??
    (typeof api.tokenFile === "string"
      ? { file: api.tokenFile }
      : typeof api.tokenEnv === "string"
        ? { env: api.tokenEnv }
        : undefined);
  if (ref === undefined) return { file, listen };
  if (!isSecretRef(ref)) return { file, listen, tokenProblem: `api.token in ${file} is not valid` };
  const r = resolveSecret(ref, env, dirname(file));
  return r.ok ? { file, listen, token: r.secret.reveal() } : { file, listen, tokenProblem: r.message };
}
