// Which ClusterReader a read-side command uses. Today always the state file; a reader for a
// running daemon's HTTP API plugs in here, behind its own option.

import { DEFAULT_STATE_PATH } from "../../state/file.js";
import type { ClusterReader } from "./cluster-reader.js";
import { StateFileReader } from "./state-file-reader.js";

export interface ReaderOptions {
  /** --state FILE; else $BERTH_STATE; else .berth/state.json in the working directory. */
  state?: string;
}

export function stateFilePath(opts: ReaderOptions, env: NodeJS.ProcessEnv = process.env): string {
  return opts.state ?? (env.BERTH_STATE || DEFAULT_STATE_PATH);
}

export function openReader(opts: ReaderOptions): ClusterReader {
  return new StateFileReader(stateFilePath(opts));
}
