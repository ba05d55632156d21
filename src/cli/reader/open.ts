// Which ClusterReader a read-side command uses, and where the daemon's state file is. Today the
// reader is always the state file; a reader for a running daemon's HTTP API plugs in here.
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
import type { ClusterReader } from "./cluster-reader.js";
import { StateFileReader } from "./state-file-reader.js";

export const E_CLI_CONFIG = "E_CLI_CONFIG";

export interface ReaderOptions {
  /** --state FILE */
  state?: string;
  /** --config FILE: the berth.yaml whose state.path to use. */
  config?: string;
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

export function openReader(opts: ReaderOptions): ClusterReader {
  const at = locateStateFile(opts);
  return new StateFileReader(at.path, { lookedAt: at.lookedAt });
}
