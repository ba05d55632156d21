// What `berth status` can say without a daemon: the apps as the state file last recorded them.
// Sync and health are live judgements (comparing the store with the hosts), so they are Unknown here.

import { existsSync } from "node:fs";
import { resolve } from "node:path";
import type { AppStatusView } from "../daemon/api/types.js";
import { DEFAULT_STATE_PATH } from "../state/file.js";
import type { AppState } from "../state/types.js";

export function appFromState(a: AppState): AppStatusView {
  const attempt = a.lastSyncAttempt;
  const failed = attempt?.result === "failed";
  return {
    name: a.name,
    source: a.source,
    ...(a.syncedRevision ? { revision: a.syncedRevision } : {}),
    sync: { status: "Unknown" },
    health: { status: "Unknown" },
    ...(attempt ? { lastSync: { ...attempt } } : {}),
    ...(a.lastGoodRevision ? { lastGoodRevision: a.lastGoodRevision } : {}),
    errors: failed ? attempt.errors : [],
  };
}

/**
 * The state file to read: --state, else $BERTH_STATE, else berth.yaml's state.path when that file
 * exists, else .berth/state.json in the working directory (where `berth run` keeps it by default).
 */
export function stateFilePath(flag: string | undefined, env: NodeJS.ProcessEnv, configPath: string): string {
  const explicit = flag ?? (env.BERTH_STATE || undefined);
  if (explicit !== undefined) return resolve(explicit);
  return existsSync(configPath) ? configPath : resolve(DEFAULT_STATE_PATH);
}
