// One sync pass of one app: validate the revision, diff it against the store, check that pruning
// is safe, apply. A revision that fails validation or a prune check changes nothing: the last good
// revision stays applied and the failure is reported with its errors.

import { planDiff } from "../diff/plan.js";
import type { Plan } from "../diff/types.js";
import { formatDiagnostic, type Diagnostic } from "../manifest/diagnostics.js";
import { describeObject } from "../manifest/identity.js";
import { loadManifestFiles } from "../manifest/index.js";
import type { KObject } from "../manifest/types.js";
import type { ObjectStore } from "../state/store.js";
import type { PruneConfig } from "../config/types.js";
import { APP_ANNOTATION, applyPlan, PRUNE_ANNOTATION, type ApplyHooks, type ApplyResult } from "./apply.js";
import { decidePrune } from "./prune.js";
import { withConfigHashes } from "./config-rollout.js";

export interface SyncInput {
  app: string;
  /** Namespace for objects that name none. */
  namespace: string;
  prune: PruneConfig;
  files: { path: string; content: string }[];
  /** The state file's hasher, so recorded Secret hashes compare equal to desired values. */
  hashSecretValue: (value: string) => string;
}

export type SyncPassResult =
  | {
      ok: true;
      plan: Plan;
      applied: ApplyResult;
      warnings: Diagnostic[];
      objects: number;
      /** Gone from git but left in place because pruning is disabled (the app is OutOfSync). */
      notPruned: string[];
    }
  | {
      ok: false;
      /** E_INVALID (validation), E_PRUNE_* (refused prune), E_APP_CONFLICT (object owned by another app). */
      code: string;
      errors: string[];
      diagnostics: Diagnostic[];
      plan?: Plan;
    };

export function appObjects(store: ObjectStore, app: string): KObject[] {
  return store.all().filter((o) => o.metadata.annotations?.[APP_ANNOTATION] === app);
}

export function runSyncPass(store: ObjectStore, input: SyncInput, hooks: ApplyHooks = {}): SyncPassResult {
  const loaded = loadManifestFiles(input.files, { namespace: input.namespace });
  const warnings = loaded.diagnostics.filter((d) => d.severity === "warning");
  if (loaded.errors > 0) {
    const diagnostics = loaded.diagnostics.filter((d) => d.severity === "error");
    return { ok: false, code: "E_INVALID", errors: diagnostics.map(formatDiagnostic), diagnostics };
  }
  const desired = withConfigHashes(
    loaded.objects.map((o) => o.object),
    input.hashSecretValue,
  );

  const conflicts: string[] = [];
  for (const obj of desired) {
    const existing = store.get(obj.kind, obj.metadata.namespace ?? "", obj.metadata.name);
    const owner = existing?.metadata.annotations?.[APP_ANNOTATION];
    if (owner !== undefined && owner !== input.app) {
      conflicts.push(`${describeObject(obj)} is managed by app "${owner}"; an object belongs to one app`);
    }
  }
  if (conflicts.length > 0) return { ok: false, code: "E_APP_CONFLICT", errors: conflicts, diagnostics: [] };

  const plan = planDiff(desired, store.all(), { app: input.app, hashSecretValue: input.hashSecretValue });
  const current = appObjects(store, input.app).filter((o) => o.metadata.deletionTimestamp === undefined);
  const deletions = plan.entries.filter((e) => e.action === "delete").length;
  const decision = decidePrune(input.prune, { current: current.length, desired: desired.length, deletions });
  if (!decision.allowed) {
    return {
      ok: false,
      code: decision.code,
      errors: [`${decision.message}; ${decision.hint}`],
      diagnostics: [],
      plan,
    };
  }
  const notPruned = input.prune.enabled
    ? []
    : plan.entries.filter((e) => e.action === "delete").map((e) => e.key);
  const toApply = input.prune.enabled
    ? plan
    : { ...plan, entries: plan.entries.filter((e) => e.action !== "delete") };
  const applied = applyPlan(store, toApply, desired, input.app, hooks);
  return { ok: true, plan, applied, warnings, objects: desired.length, notPruned };
}

export { PRUNE_ANNOTATION };
