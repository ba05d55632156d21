// Applying a plan to the object store: what `kubectl apply --prune` does against an API server.
// Creates and updates go in dependency order (Namespaces, ConfigMaps and Secrets, Services,
// workloads, Ingresses), deletions in reverse. Objects from git carry `berth.io/app`; controllers
// and node agents react to the store's events.

import { idOf, keyOf, parseKey, type ObjectId } from "../manifest/identity.js";
import type { Kind, KObject } from "../manifest/types.js";
import type { Plan, PlanEntry } from "../diff/types.js";
import { isHashedSecretValue } from "../state/secrets.js";
import type { ObjectStore } from "../state/store.js";

export const APP_ANNOTATION = "berth.io/app";
export const PRUNE_ANNOTATION = "berth.io/prune";

/** Creation order; deletion runs it backwards. */
export const APPLY_ORDER: readonly Kind[] = [
  "Namespace",
  "ConfigMap",
  "Secret",
  "Service",
  "Deployment",
  "ReplicaSet",
  "StatefulSet",
  "DaemonSet",
  "Job",
  "CronJob",
  "Pod",
  "Ingress",
];

const rank = (k: Kind): number => APPLY_ORDER.indexOf(k);

/** Annotation prefixes that controllers write on objects from git; an apply keeps them. */
const CONTROLLER_OWNED = ["deployment.kubernetes.io/", "berth.io/internal-"];

export interface ApplyResult {
  created: string[];
  updated: string[];
  /** Deleted and created again because an immutable field changed. */
  replaced: string[];
  deleted: string[];
  unchanged: number;
  /** Gone from git but kept by `berth.io/prune: "false"`. */
  kept: string[];
}

export interface ApplyHooks {
  /** One call per object action, for logs and events. */
  onAction?: (action: "create" | "update" | "replace" | "delete", id: ObjectId) => void;
}

function withApp(obj: KObject, app: string): KObject {
  const out = structuredClone(obj);
  out.metadata.annotations = { ...out.metadata.annotations, [APP_ANNOTATION]: app };
  return out;
}

/** The desired object, keeping what controllers own on the current one. */
function mergeForUpdate(desired: KObject, current: KObject): KObject {
  const kept: Record<string, string> = {};
  for (const [k, v] of Object.entries(current.metadata.annotations ?? {})) {
    if (CONTROLLER_OWNED.some((p) => k.startsWith(p))) kept[k] = v;
  }
  const out = structuredClone(desired);
  out.metadata.annotations = { ...kept, ...out.metadata.annotations };
  delete out.metadata.resourceVersion;
  return out;
}

/** After a restart Secrets in the store hold hashes (the state file never has values). */
function holdsHashes(obj: KObject | undefined): boolean {
  return obj?.kind === "Secret" && Object.values(obj.data ?? {}).some((v) => isHashedSecretValue(v));
}

/** Deletes an object and, for a Namespace, everything in it (generated objects go by GC). */
function deleteWithNamespace(store: ObjectStore, id: ObjectId): void {
  if (id.kind === "Namespace") {
    for (const kind of [...APPLY_ORDER].reverse()) {
      if (kind === "Namespace") continue;
      for (const o of store.list(kind, { namespace: id.name })) store.requestDelete(idOf(o));
    }
  }
  store.requestDelete(id);
}

/**
 * Applies `plan` (computed against this store's objects of `app`) using the real desired objects
 * (plan entries carry redacted copies). Throws on the first store error; what was applied stays
 * applied and the next pass continues from there (every step is idempotent).
 */
export function applyPlan(
  store: ObjectStore,
  plan: Plan,
  desired: readonly KObject[],
  app: string,
  hooks: ApplyHooks = {},
): ApplyResult {
  const byKey = new Map<string, KObject>();
  for (const o of desired) byKey.set(keyOf(idOf(o)), o);
  const result: ApplyResult = { created: [], updated: [], replaced: [], deleted: [], unchanged: 0, kept: [] };

  const forward = [...plan.entries].sort((a, b) => rank(a.kind) - rank(b.kind));
  for (const e of forward) {
    const want = byKey.get(e.key);
    const id = parseKey(e.key);
    switch (e.action) {
      case "create": {
        if (!want) break;
        const existing = store.getById(id);
        // A generated object of the same name (rare) gives way to the one from git.
        if (existing) store.delete(id);
        store.create(withApp(want, app));
        result.created.push(e.key);
        hooks.onAction?.("create", id);
        break;
      }
      case "update": {
        const current = store.getById(id);
        if (!want || !current) break;
        if (mustReplace(e)) {
          store.delete(id);
          store.create(withApp(want, app));
          result.replaced.push(e.key);
          hooks.onAction?.("replace", id);
        } else {
          store.update(mergeForUpdate(withApp(want, app), current));
          result.updated.push(e.key);
          hooks.onAction?.("update", id);
        }
        break;
      }
      case "unchanged": {
        const current = store.getById(id);
        if (
          want &&
          current &&
          (holdsHashes(current) || current.metadata.annotations?.[APP_ANNOTATION] !== app)
        ) {
          store.update(mergeForUpdate(withApp(want, app), current));
        }
        result.unchanged += 1;
        break;
      }
      case "keep":
        result.kept.push(e.key);
        break;
      case "delete":
        break;
    }
  }

  const backward = plan.entries
    .filter((e) => e.action === "delete")
    .sort((a, b) => rank(b.kind) - rank(a.kind));
  for (const e of backward) {
    const id = parseKey(e.key);
    deleteWithNamespace(store, id);
    result.deleted.push(e.key);
    hooks.onAction?.("delete", id);
  }
  return result;
}

/** An immutable field changed (or a Job changed at all): delete and recreate. */
export function mustReplace(e: PlanEntry): boolean {
  return e.implications.some((i) => i.code === "REPLACE");
}
