// An app's status as Argo CD users expect it: sync status (is what runs what git says?) and health
// (is it working?), plus the revision applied, the last attempt, and — when the newest revision
// failed — both the failure and the last good revision still running.

import { describeObject } from "../manifest/identity.js";
import type { Job, KObject } from "../manifest/types.js";
import type { ObjectStore } from "../state/store.js";
import type { AppSource, Revision, SyncAttempt } from "../state/types.js";
import { controllerOf } from "../controllers/owner.js";
import { objectHealth, worse, type HealthStatus } from "./health.js";
import type { App } from "./app.js";
import { appObjects } from "./sync-pass.js";

export type SyncStatus = "Synced" | "OutOfSync" | "Unknown";

export interface AppStatus {
  name: string;
  source: AppSource;
  sync: { status: SyncStatus; revision?: Revision; message?: string };
  health: {
    status: HealthStatus;
    message?: string;
    objects: { object: string; status: HealthStatus; message?: string }[];
  };
  lastSyncAttempt?: SyncAttempt;
  lastGoodRevision?: Revision;
  /** The newest revision when it is not the one applied (it failed). */
  failedRevision?: { revision: Revision; errors: string[] };
  objects: number;
}

/** The newest Job a CronJob started, for its health. */
function lastJobOf(cronJobUid: string | undefined, jobs: Job[]): Job | undefined {
  let last: Job | undefined;
  for (const j of jobs) {
    if (controllerOf(j)?.uid !== cronJobUid) continue;
    if (!last || (j.metadata.creationTimestamp ?? "") > (last.metadata.creationTimestamp ?? "")) last = j;
  }
  return last;
}

export function appHealth(objects: KObject[], store: ObjectStore): AppStatus["health"] {
  let status: HealthStatus = "Healthy";
  const rows: AppStatus["health"]["objects"] = [];
  const jobs = store.list("Job");
  for (const o of objects) {
    const h = objectHealth(o, o.kind === "CronJob" ? { lastJob: lastJobOf(o.metadata.uid, jobs) } : {});
    status = worse(status, h.status);
    if (h.status !== "Healthy")
      rows.push({
        object: describeObject(o),
        status: h.status,
        ...(h.message ? { message: h.message } : {}),
      });
  }
  const worst = rows.find((r) => r.status === status);
  return {
    status,
    ...(worst?.message ? { message: `${worst.object}: ${worst.message}` } : {}),
    objects: rows,
  };
}

/** `drift`: what node agents found changed outside berth and left alone (self-heal off). */
export function appStatus(app: App, store: ObjectStore, drift: readonly string[] = []): AppStatus {
  const objects = appObjects(store, app.name).filter((o) => o.metadata.deletionTimestamp === undefined);
  const s = app.state;
  const failed = app.lastFailure;
  let sync: AppStatus["sync"];
  if (!s.syncedRevision) {
    sync = {
      status: failed ? "OutOfSync" : "Unknown",
      ...(failed ? { message: "no revision applied yet" } : {}),
    };
  } else if (failed) {
    sync = {
      status: "OutOfSync",
      revision: s.syncedRevision,
      message: `revision ${failed.revision.sha.slice(0, 12)} failed; ${s.syncedRevision.sha.slice(0, 12)} is still applied`,
    };
  } else if (drift.length > 0) {
    sync = {
      status: "OutOfSync",
      revision: s.syncedRevision,
      message: `drift (self-heal is off): ${drift.join("; ")}`,
    };
  } else if (app.notPruned.length > 0) {
    sync = {
      status: "OutOfSync",
      revision: s.syncedRevision,
      message: `${app.notPruned.length} object(s) gone from git are not pruned (pruning disabled)`,
    };
  } else {
    sync = { status: "Synced", revision: s.syncedRevision };
  }
  const health = s.syncedRevision ? appHealth(objects, store) : { status: "Missing" as const, objects: [] };
  return {
    name: app.name,
    source: s.source,
    sync,
    health,
    ...(s.lastSyncAttempt ? { lastSyncAttempt: s.lastSyncAttempt } : {}),
    ...(s.lastGoodRevision ? { lastGoodRevision: s.lastGoodRevision } : {}),
    ...(failed && !failed.result.ok
      ? { failedRevision: { revision: failed.revision, errors: failed.result.errors } }
      : {}),
    objects: objects.length,
  };
}
