// What the HTTP API needs from the daemon (DaemonView), and the JSON shapes it serves. The daemon
// implements DaemonView over its store, watchers and node agents; the API server only reads through
// it and asks it to sync, so the server is tested with a fake and the CLI client shares these types.
// Reference of the endpoints: docs/observability.md, "HTTP API".

import type { Kind, KObject, LabelSelector } from "../../manifest/types.js";
import type { AppSource, NodeState, StateEvent } from "../../state/types.js";

export type Awaitable<T> = T | Promise<T>;

/** Argo CD's sync statuses: whether the live objects equal the app's revision. */
export type SyncStatusCode = "Synced" | "OutOfSync" | "Unknown";

/** Argo CD's health statuses, for an app (its worst object) and for objects. */
export type HealthStatusCode = "Healthy" | "Progressing" | "Degraded" | "Suspended" | "Missing" | "Unknown";

export interface RevisionRef {
  sha: string;
  /** First line of the commit message. */
  subject: string;
  author?: string;
  /** Commit date, RFC 3339. */
  date?: string;
}

export interface SyncAttemptView {
  startedAt: string;
  finishedAt: string;
  result: "succeeded" | "failed";
  /** The revision the attempt worked on (for a failed one: the revision that was refused). */
  revision?: RevisionRef;
  /** Readable problems of a failed attempt; empty on success. */
  errors: string[];
}

export interface AppStatusView {
  name: string;
  source: AppSource;
  /** The revision whose objects are applied; absent before the first successful sync. */
  revision?: RevisionRef;
  sync: { status: SyncStatusCode; message?: string };
  health: { status: HealthStatusCode; message?: string };
  lastSync?: SyncAttemptView;
  /**
   * The newest revision applied successfully. After a refused revision (lastSync.revision) it is
   * what stays in force; it differs from `revision` when a later one was applied only partly.
   */
  lastGoodRevision?: RevisionRef;
  /**
   * Problems in force right now: the refused revision's errors, a repository that cannot be fetched
   * (with `lastGoodRevision` still applied). Empty when all is well.
   */
  errors: string[];
  /** A sync pass running now, with its phase ("Fetching", "Validating", "Applying", "Pruning"). */
  operation?: { phase: string; startedAt: string; message?: string };
}

export interface StatusView {
  /** The berth version serving. */
  version: string;
  ready: boolean;
  apps: AppStatusView[];
}

export type Readiness = { ready: true } | { ready: false; reason: string };

export interface ObjectQuery {
  kind?: Kind;
  /** Omitted: every namespace. */
  namespace?: string;
  name?: string;
  selector?: LabelSelector;
}

export interface EventQuery {
  kind?: Kind;
  namespace?: string;
  name?: string;
}

/** The outcome of one app's sync pass, as POST /api/v1/sync?wait=true reports it. */
export interface SyncPassResult {
  app: string;
  result: "succeeded" | "failed";
  /** False when the pass found nothing to change (same revision, no drift). */
  changed: boolean;
  /** The revision in force after the pass. */
  revision?: RevisionRef;
  /** A failed pass: the revision refused, when it is not the one in force. */
  attemptedRevision?: RevisionRef;
  errors: string[];
  /** Whether the daemon retries by itself (network, authentication, server errors). */
  retryable?: boolean;
}

export interface TriggerResult {
  /** The apps a pass was requested for. */
  apps: string[];
  /** With `wait`: one result per app, once each pass finished. */
  results?: SyncPassResult[];
}

export interface TriggerOptions {
  /** Resolve after the passes finished (with their results) rather than once they are requested. */
  wait: boolean;
  /** Aborted when the client goes away or the server stops: stop waiting (the pass itself goes on). */
  signal: AbortSignal;
}

export interface LogStreamOptions {
  container?: string;
  /** The last N lines; all when absent. */
  tail?: number;
  /** Keep the stream open for new lines until the container stops or `signal` aborts. */
  follow: boolean;
  /** The previous (crashed) attempt of the container. */
  previous: boolean;
  timestamps: boolean;
  signal: AbortSignal;
}

/**
 * The daemon as the API sees it. Methods may throw BerthErrors with these codes, which the server
 * turns into HTTP statuses: E_NOT_FOUND (404: no such app, pod or container), E_INVALID_REQUEST (400:
 * e.g. a pod with several containers and none named), E_UNAVAILABLE (503: not ready for this yet).
 * Anything else is a 500 carrying the error's code and message.
 */
export interface DaemonView {
  ready(): Readiness;
  status(): Awaitable<StatusView>;
  /** Secrets may be returned as stored: the server redacts their values. */
  objects(q: ObjectQuery): Awaitable<KObject[]>;
  /** Oldest first. */
  events(q: EventQuery): Awaitable<StateEvent[]>;
  nodes(): Awaitable<NodeState[]>;
  /** `app` undefined: every app. Throws E_NOT_FOUND for an unknown app. */
  triggerSync(app: string | undefined, opts: TriggerOptions): Promise<TriggerResult>;
  /** Log bytes of one container of a pod (a Readable fits). */
  logs(namespace: string, pod: string, opts: LogStreamOptions): Promise<AsyncIterable<Uint8Array | string>>;
}

export const E_NOT_FOUND = "E_NOT_FOUND";
export const E_INVALID_REQUEST = "E_INVALID_REQUEST";
export const E_UNAVAILABLE = "E_UNAVAILABLE";

/** The JSON body of every error response. */
export interface ApiErrorBody {
  error: { code: string; message: string };
}
