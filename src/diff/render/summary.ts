// Words shared by the renderers: how an entry is titled and how counts are summed up.

import { describeId } from "../../manifest/identity.js";
import type { Plan, PlanEntry } from "../types.js";

/** "Deployment default/web" */
export function entryName(entry: PlanEntry): string {
  return describeId({ kind: entry.kind, namespace: entry.namespace, name: entry.name });
}

/** "Plan: 1 to create, 2 to update, 0 to delete, 1 kept, 12 unchanged." */
export function summaryLine(plan: Plan): string {
  const s = plan.summary;
  if (!plan.hasChanges) {
    const kept = s.keep > 0 ? `, ${s.keep} kept (berth.io/prune=false)` : "";
    return `No differences: ${s.unchanged} ${s.unchanged === 1 ? "object" : "objects"} unchanged${kept}.`;
  }
  const kept = s.keep > 0 ? `, ${s.keep} kept` : "";
  return `Plan: ${s.create} to create, ${s.update} to update, ${s.delete} to delete${kept}, ${s.unchanged} unchanged.`;
}

/** Entries a reviewer reads: everything but unchanged objects. */
export function shownEntries(plan: Plan): PlanEntry[] {
  return plan.entries.filter((e) => e.action !== "unchanged");
}
