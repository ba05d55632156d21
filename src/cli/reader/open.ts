// Which ClusterReader a read-side command uses, and where the daemon's state file is.
//
// The reader: the state file when --state or $BERTH_STATE names one; the daemon's HTTP API alone when
// --server or $BERTH_SERVER names a daemon; otherwise the daemon at berth.yaml's api.listen when it
// answers, else the state file (DaemonOrFileReader). Tokens: --token, $BERTH_TOKEN, berth.yaml.
//
// The state file is looked for where `berth run` keeps it: --state FILE; else $BERTH_STATE; else
// `state.path` of the configuration file ($BERTH_CONFIG, --config, or ./berth.yaml), relative to
// that file; else the state module's default (.berth/state.json in the working directory) or the
// configuration's default (/var/lib/berth/state.json as root, ~/.local/state/berth/state.json
// otherwise), whichever exists.

import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { CORE_SCHEMA, load } from "js-yaml";
import { defaultStatePath } from "../../config/defaults.js";
import { DEFAULT_CONFIG_FILE } from "../../config/load.js";
import { BerthError } from "../../util/errors.js";
import { configFileFor, readApiConfig } from "../api-config.js";
import { BerthClient, resolveServer } from "../client.js";
import { ApiClusterReader } from "./api-reader.js";
import type { ClusterReader } from "./cluster-reader.js";
import { DaemonOrFileReader } from "./daemon-or-file.js";
import { StateFileReader } from "./state-file-reader.js";

export const E_CLI_CONFIG = "E_CLI_CONFIG";

export interface ReaderOptions {
  /** --state FILE */
  state?: string;
  /** --config FILE: the berth.yaml whose state.path (and api section) to use. */
  config?: string;
  /** --server URL: a daemon's API. */
  server?: string;
  /** --token TOKEN: its bearer token. */
  token?: string;
}

export interface StateLocation {
  /** The file to read. */
  path: string;
  /** Every place looked at, for the message when there is no file. */
  lookedAt: string[];
}

/**
 * Only `state.path` is read from the configuration: loading all of it would fail in a shell that
 * lacks the daemon's secrets, which `berth get` does not need.
 */
function statePathFromConfig(file: string): string | undefined {
  let doc: unknown;
  try {
    doc = load(readFileSync(file, "utf8"), { schema: CORE_SCHEMA });
  } catch (e) {
    throw new BerthError(E_CLI_CONFIG, `cannot read state.path from ${file}: ${(e as Error).message}`, {
      origin: { file },
      hint: "fix the file (berth config checks it) or give the state file with --state FILE",
    });
  }
  const state = (doc as { state?: { path?: unknown } } | null)?.state;
  return typeof state?.path === "string" && state.path !== ""
    ? resolve(dirname(file), state.path)
    : undefined;
}

export function locateStateFile(
  opts: ReaderOptions,
  env: NodeJS.ProcessEnv = process.env,
  exists: (path: string) => boolean = existsSync,
): StateLocation {
  if (opts.state !== undefined) return { path: resolve(opts.state), lookedAt: [resolve(opts.state)] };
  if (env.BERTH_STATE) return { path: resolve(env.BERTH_STATE), lookedAt: [resolve(env.BERTH_STATE)] };
  const config =
    opts.config ?? (env.BERTH_CONFIG || (exists(DEFAULT_CONFIG_FILE) ? DEFAULT_CONFIG_FILE : undefined));
  if (config !== undefined) {
    const fromConfig = statePathFromConfig(resolve(config));
    if (fromConfig !== undefined) return { path: fromConfig, lookedAt: [fromConfig] };
  }
  const path = resolve(defaultStatePath(env));
  return { path, lookedAt: [path] };
}

export function openReader(opts: ReaderOptions, env: NodeJS.ProcessEnv = process.env): ClusterReader {
  const fileReader = (): ClusterReader => {
    const at = locateStateFile(opts, env);
    return new StateFileReader(at.path, { lookedAt: at.lookedAt });
  };
  if (opts.state !== undefined || env.BERTH_STATE) return fileReader();
  const flags = {
    ...(opts.server !== undefined ? { server: opts.server } : {}),
    ...(opts.token !== undefined ? { token: opts.token } : {}),
  };
  const target = resolveServer(flags, env, () => readApiConfig(configFileFor(opts.config, env), env));
  const client = new BerthClient(target);
  return target.from === "config" ? new DaemonOrFileReader(client, fileReader) : new ApiClusterReader(client);
}
