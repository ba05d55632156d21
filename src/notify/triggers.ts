// When a notification is due (pure): the daemon reports each sync pass and each health observation of
// an app, and gets back the notifications to hand to Notifier.notify(). The rules, as an operator
// would want them:
//
//   sync-succeeded   a pass changed something (a new revision, or drift healed); quiet polls say nothing
//   sync-failed      once per failing revision and first error: a revision refused on every poll, or a
//                    repository down for an hour, is one message, not one per pass; a success re-arms it
//   health-degraded  when an app becomes Degraded (from anything else, or first seen Degraded)
//   deployed         after a pass applied a new revision, the first time the app is Healthy again
//
// Notifier's de-duplication window is the second net, for flapping health.

import type { NotificationEvent } from "./payloads.js";

export interface RevisionInfo {
  sha: string;
  subject: string;
}

export interface HealthReport {
  app: string;
  /** Healthy, Progressing, Degraded, Suspended, Missing, Unknown. */
  health: string;
  message?: string;
  /** Synced, OutOfSync, Unknown. */
  sync: string;
}

export interface PassReport {
  app: string;
  result: "succeeded" | "failed";
  /** Objects were created, updated or deleted. */
  changed: boolean;
  /** The pass applied a revision other than the one applied before it. */
  newRevision: boolean;
  /** The revision in force after the pass. */
  revision?: RevisionInfo;
  /** A failed pass: the revision refused. */
  attemptedRevision?: RevisionInfo;
  errors: string[];
}

interface AppMemory {
  health?: string;
  /** What the last sync-failed was about; undefined once a pass succeeded. */
  failed?: string | undefined;
  /** A revision applied and not yet reported healthy. */
  pendingDeploy?: RevisionInfo | undefined;
}

/** The first error, and how many more there are. */
export function summarizeErrors(errors: readonly string[]): string {
  const first = errors[0] ?? "unknown error";
  return errors.length > 1 ? `${first} (and ${errors.length - 1} more)` : first;
}

export class NotificationTracker {
  private readonly apps = new Map<string, AppMemory>();

  constructor(private readonly clock: { now(): number } = { now: () => Date.now() }) {}

  private memory(app: string): AppMemory {
    let m = this.apps.get(app);
    if (m === undefined) {
      m = {};
      this.apps.set(app, m);
    }
    return m;
  }

  /** After every sync pass, with the app's health as it stands right after it. */
  afterPass(pass: PassReport, health: HealthReport): NotificationEvent[] {
    const m = this.memory(pass.app);
    const out: NotificationEvent[] = [];
    const status = { health: health.health, sync: health.sync, time: this.clock.now() };
    if (pass.result === "failed") {
      const revision = pass.attemptedRevision ?? pass.revision;
      const key = `${revision?.sha ?? ""}\n${pass.errors[0] ?? ""}`;
      if (m.failed !== key) {
        m.failed = key;
        out.push({
          event: "sync-failed",
          app: pass.app,
          ...(revision ? { revision } : {}),
          message: summarizeErrors(pass.errors),
          ...status,
        });
      }
    } else {
      m.failed = undefined;
      if (pass.newRevision && pass.revision) m.pendingDeploy = pass.revision;
      if (pass.changed || pass.newRevision) {
        out.push({
          event: "sync-succeeded",
          app: pass.app,
          ...(pass.revision ? { revision: pass.revision } : {}),
          message: pass.newRevision ? "new revision applied" : "drift corrected",
          ...status,
        });
      }
    }
    return [...out, ...this.afterHealth(health)];
  }

  /** Whenever the app's health is computed (after passes, and as pods change). */
  afterHealth(h: HealthReport): NotificationEvent[] {
    const m = this.memory(h.app);
    const out: NotificationEvent[] = [];
    const base = { app: h.app, health: h.health, sync: h.sync, time: this.clock.now() };
    if (h.health === "Degraded" && m.health !== "Degraded") {
      out.push({ event: "health-degraded", ...base, message: h.message ?? "the app is degraded" });
    }
    if (m.pendingDeploy && h.health === "Healthy") {
      out.push({
        event: "deployed",
        ...base,
        revision: m.pendingDeploy,
        message: "rollout complete: every object is healthy",
      });
      m.pendingDeploy = undefined;
    }
    m.health = h.health;
    return out;
  }

  /** Forgets an app that left the configuration. */
  forget(app: string): void {
    this.apps.delete(app);
  }
}
