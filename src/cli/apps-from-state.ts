// What `berth status` can say without a daemon: the apps as the state file last recorded them.
// Sync and health are live judgements (comparing the store with the hosts), so they are Unknown here.

import type { AppStatusView } from "../daemon/api/types.js";
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
