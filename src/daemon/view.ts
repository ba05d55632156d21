// The daemon as the HTTP API sees it (DaemonView): status, objects, events, nodes, sync triggers
// and pod logs, read from the live store and apps.

import type { Readable } from "node:stream";
import { BERTH_VERSION } from "../version.js";
import { BerthError } from "../util/errors.js";
import { isoTime } from "../util/clock.js";
import { KINDS, type KObject } from "../manifest/types.js";
import { matchesEventQuery, matchesObjectQuery } from "./api/filter.js";
import type {
  AppStatusView,
  DaemonView,
  EventQuery,
  LogStreamOptions,
  ObjectQuery,
  Readiness,
  RevisionRef,
  StatusView,
  SyncPassResult,
  TriggerOptions,
  TriggerResult,
} from "./api/types.js";
import type { Daemon } from "./daemon.js";
import type { PassOutcome } from "./app.js";
import type { AppStatus } from "./status.js";
import type { Revision } from "../state/types.js";

function ref(r: Revision | undefined): RevisionRef | undefined {
  return r ? { sha: r.sha, subject: r.subject, author: r.author, date: r.date } : undefined;
}

export function appStatusView(s: AppStatus, sourceError?: string): AppStatusView {
  const errors = [...(s.failedRevision?.errors ?? []), ...(sourceError ? [sourceError] : [])];
  const last = s.lastSyncAttempt;
  const view: AppStatusView = {
    name: s.name,
    source: s.source,
    sync: { status: s.sync.status, ...(s.sync.message ? { message: s.sync.message } : {}) },
    health: { status: s.health.status, ...(s.health.message ? { message: s.health.message } : {}) },
    errors,
  };
  const revision = ref(s.sync.revision);
  if (revision) view.revision = revision;
  const good = ref(s.lastGoodRevision);
  if (good) view.lastGoodRevision = good;
  if (last) {
    const attempted = ref(last.revision);
    view.lastSync = {
      startedAt: last.startedAt,
      finishedAt: last.finishedAt,
      result: last.result,
      errors: last.errors,
      ...(attempted ? { revision: attempted } : {}),
    };
  }
  return view;
}

export function passResult(o: PassOutcome): SyncPassResult {
  const r = o.result;
  const revision = { sha: o.revision.sha, subject: o.revision.subject };
  if (r.ok) {
    const a = r.applied;
    const changed = a.created.length + a.updated.length + a.replaced.length + a.deleted.length > 0;
    return { app: o.app, result: "succeeded", changed, revision, errors: [] };
  }
  return {
    app: o.app,
    result: "failed",
    changed: false,
    attemptedRevision: revision,
    errors: r.errors,
    retryable: r.code === "E_PASS",
  };
}

export type PodLogs = (namespace: string, pod: string, opts: LogStreamOptions) => Promise<Readable>;

export class LiveDaemonView implements DaemonView {
  constructor(
    private readonly daemon: Daemon,
    private readonly podLogs?: PodLogs,
  ) {}

  ready(): Readiness {
    return this.daemon.isReady()
      ? { ready: true }
      : { ready: false, reason: "the first sync of every app has not finished" };
  }

  status(): StatusView {
    return {
      version: BERTH_VERSION,
      ready: this.daemon.isReady(),
      apps: this.daemon.status().map((s) => appStatusView(s, this.daemon.sourceError(s.name))),
    };
  }

  objects(q: ObjectQuery): KObject[] {
    const kinds = q.kind ? [q.kind] : KINDS;
    return kinds.flatMap((k) => this.daemon.store.list(k)).filter((o) => matchesObjectQuery(o, q));
  }

  events(q: EventQuery) {
    return this.daemon.events.filter((e) => matchesEventQuery(e, q));
  }

  nodes() {
    return this.daemon.nodes();
  }

  async triggerSync(app: string | undefined, opts: TriggerOptions): Promise<TriggerResult> {
    if (app !== undefined && !this.daemon.apps.has(app)) {
      throw new BerthError("E_NOT_FOUND", `no app named "${app}"`, {
        hint: `apps: ${[...this.daemon.apps.keys()].join(", ")}`,
      });
    }
    const apps = app === undefined ? [...this.daemon.apps.keys()] : [app];
    const run = this.daemon.sync(app);
    if (!opts.wait) {
      run.catch(() => undefined);
      return { apps };
    }
    const outcomes = await run;
    return { apps, results: outcomes.map(passResult) };
  }

  async logs(namespace: string, pod: string, opts: LogStreamOptions): Promise<Readable> {
    if (!this.podLogs)
      throw new BerthError("E_UNAVAILABLE", "this daemon runs no node agents; logs are unavailable");
    return this.podLogs(namespace, pod, opts);
  }
}

export { isoTime };
