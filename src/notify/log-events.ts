// The log lines operators query on, typed so every component writes them the same way
// (docs/observability.md, "Log conventions"): one line per sync pass, one per object action, and
// errors with a stable code.

import type { Logger } from "pino";
import { BerthError } from "../util/errors.js";

export type SyncResult = "succeeded" | "failed";

/** One sync pass of an app: a revision (new, or the same one re-applied by self-heal) applied or refused. */
export interface SyncPassRecord {
  app: string;
  /** The commit SHA the pass worked on. */
  revision: string;
  /** Its subject line. */
  subject: string;
  created: number;
  updated: number;
  deleted: number;
  unchanged: number;
  durationMs: number;
  result: SyncResult;
  /** Why a failed pass failed (first problems, already readable); absent on success. */
  errors?: string[];
  /** The stable code of the failure (E_VALIDATION, E_PRUNE_LIMIT, ...). */
  code?: string;
}

export type ApplyAction = "create" | "update" | "delete";

export interface ApplyRecord {
  app: string;
  action: ApplyAction;
  kind: string;
  namespace: string;
  name: string;
}

/** `{msg: "sync", app, revision, subject, created, updated, deleted, unchanged, durationMs, result}`. */
export function logSyncPass(logger: Logger, rec: SyncPassRecord): void {
  if (rec.result === "succeeded") logger.info(rec, "sync");
  else logger.warn(rec, "sync");
}

/** `{msg: "apply", app, action, kind, namespace, name}`, one per object the applier changes. */
export function logApply(logger: Logger, rec: ApplyRecord): void {
  logger.info(rec, "apply");
}

/** The stable code of any thrown value: a BerthError's own, else E_INTERNAL (a bug to report). */
export function errorCode(e: unknown): string {
  return e instanceof BerthError ? e.code : "E_INTERNAL";
}

/**
 * An error line: `{code, err, ...fields}`, with `msg` saying what was being done. BerthErrors carry
 * their origin and hint as fields so the line reads alone.
 */
export function logError(
  logger: Logger,
  e: unknown,
  msg: string,
  fields: Record<string, unknown> = {},
  level: "warn" | "error" = "error",
): void {
  const extra: Record<string, unknown> = { ...fields, code: errorCode(e) };
  if (e instanceof BerthError) {
    if (Object.keys(e.origin).length > 0) extra.origin = e.origin;
    if (e.hint !== undefined) extra.hint = e.hint;
  }
  extra.err = e instanceof Error ? e : new Error(String(e));
  logger[level](extra, msg);
}
