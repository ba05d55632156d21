// Machine-readable plans. The schema is versioned (`version`) and documented in docs/diff.md;
// fields are only ever added within a version.

import type { ActionCounts, Implication, Plan, PlanAction, PathSegment } from "../types.js";

export const DIFF_JSON_VERSION = 1;

export interface JsonChange {
  path: string;
  segments: PathSegment[];
  op: "add" | "remove" | "replace" | "reorder";
  before?: unknown;
  after?: unknown;
  redacted?: true;
}

export interface JsonObject {
  action: PlanAction;
  kind: string;
  namespace: string;
  name: string;
  changes: JsonChange[];
  implications: Implication[];
  /** create: the desired object; delete and keep: the recorded one (normalised, Secrets redacted). */
  object?: unknown;
}

export interface JsonPlan {
  kind: "BerthDiff";
  version: typeof DIFF_JSON_VERSION;
  /** What was compared, as given by the caller (revisions, state file). */
  source?: Record<string, string>;
  hasChanges: boolean;
  summary: ActionCounts;
  byKind: Record<string, ActionCounts>;
  objects: JsonObject[];
}

export function toJsonPlan(plan: Plan, source?: Record<string, string>): JsonPlan {
  const objects: JsonObject[] = plan.entries.map((e) => {
    const o: JsonObject = {
      action: e.action,
      kind: e.kind,
      namespace: e.namespace,
      name: e.name,
      changes: e.changes.map((c) => ({ ...c })),
      implications: e.implications,
    };
    if (e.action === "create" && e.after) o.object = e.after;
    if ((e.action === "delete" || e.action === "keep") && e.before) o.object = e.before;
    return o;
  });
  return {
    kind: "BerthDiff",
    version: DIFF_JSON_VERSION,
    ...(source ? { source } : {}),
    hasChanges: plan.hasChanges,
    summary: plan.summary,
    byKind: plan.byKind,
    objects,
  };
}

export function renderJson(plan: Plan, source?: Record<string, string>): string {
  return JSON.stringify(toJsonPlan(plan, source), null, 2) + "\n";
}
