// What a planned change means for running things, in sentences a reviewer can act on: rolling
// updates and their pace, pods added or removed, immutable fields that force a delete and
// recreate, workloads that read a changed ConfigMap or Secret, and what goes down with a deletion.

import type {
  CronJob,
  DaemonSet,
  Deployment,
  KObject,
  ReplicaSet,
  Service,
  StatefulSet,
} from "../manifest/types.js";
import { formatSelector } from "../manifest/selector.js";
import { createImplications, deleteImplications } from "./implications-lifecycle.js";
import { configImplications } from "./implications-config.js";
import type { ImplicationContext } from "./refs.js";
import { listNames, ordinalNames, plural, resolveFenceposts } from "./rollout.js";
import type { FieldChange, Implication, PlanEntry } from "./types.js";

/** Whether any change lies at or under `prefix` ("spec.template" → ["spec", "template"]). */
export function changedUnder(changes: readonly FieldChange[], ...prefix: string[]): boolean {
  return changes.some((c) => prefix.every((p, i) => c.segments[i] === p));
}

function replace(fields: string[]): Implication {
  const what =
    fields.length === 1 ? `${fields[0]} is` : `${fields.slice(0, -1).join(", ")} and ${fields.at(-1)} are`;
  return { code: "REPLACE", message: `${what} immutable → the object will be deleted and recreated` };
}

function immutableChanged(changes: readonly FieldChange[], paths: string[]): string[] {
  return paths.filter((p) => changedUnder(changes, ...p.split(".")));
}

function scale(before: number, after: number, names?: { added: string[]; removed: string[] }): Implication[] {
  if (before === after) return [];
  if (after > before) {
    const list = names ? ` (${listNames(names.added)})` : "";
    return [
      {
        code: "SCALE_UP",
        message: `replicas ${before} → ${after}: ${plural(after - before, "pod")} added${list}`,
      },
    ];
  }
  const list = names ? ` (${listNames(names.removed)})` : "";
  return [
    {
      code: "SCALE_DOWN",
      message: `replicas ${before} → ${after}: ${plural(before - after, "pod")} removed${list}`,
    },
  ];
}

function deploymentUpdate(d: Deployment, r: Deployment, changes: readonly FieldChange[]): Implication[] {
  const immutable = immutableChanged(changes, ["spec.selector"]);
  if (immutable.length > 0) return [replace(immutable)];
  const out: Implication[] = [];
  const replicas = d.spec.replicas ?? 1;
  const before = r.spec.replicas ?? 1;
  if (changedUnder(changes, "spec", "template")) {
    const strategy = d.spec.strategy;
    if (d.spec.paused === true) {
      out.push({
        code: "PAUSED",
        message: "Deployment is paused → the new pod template rolls out when it is resumed",
      });
    } else if (strategy?.type === "Recreate") {
      out.push({
        code: "RECREATE",
        message:
          before === 0
            ? `Recreate: no pods are running; ${plural(replicas, "pod")} start with the new template`
            : `Recreate: all ${plural(before, "pod")} are stopped, then replaced`,
      });
    } else if (replicas === 0) {
      out.push({ code: "ROLLING_UPDATE", message: "pod template changed → no pods to update (replicas 0)" });
    } else {
      const ru = strategy?.rollingUpdate;
      const { surge, unavailable } = resolveFenceposts(ru?.maxSurge, ru?.maxUnavailable, replicas);
      out.push({
        code: "ROLLING_UPDATE",
        message: `pod template changed → rolling update of ${plural(replicas, "pod")} (maxSurge ${surge}, maxUnavailable ${unavailable})`,
      });
    }
  }
  out.push(...scale(before, replicas));
  return out;
}

function replicaSetUpdate(d: ReplicaSet, r: ReplicaSet, changes: readonly FieldChange[]): Implication[] {
  const immutable = immutableChanged(changes, ["spec.selector"]);
  if (immutable.length > 0) return [replace(immutable)];
  const out: Implication[] = [];
  if (changedUnder(changes, "spec", "template")) {
    out.push({
      code: "TEMPLATE_NEW_PODS_ONLY",
      message:
        "pod template changed → running pods keep the old template; only pods created from now on use it",
    });
  }
  out.push(...scale(r.spec.replicas ?? 1, d.spec.replicas ?? 1));
  return out;
}

function daemonSetUpdate(d: DaemonSet, changes: readonly FieldChange[]): Implication[] {
  const immutable = immutableChanged(changes, ["spec.selector"]);
  if (immutable.length > 0) return [replace(immutable)];
  if (!changedUnder(changes, "spec", "template")) return [];
  const strategy = d.spec.updateStrategy;
  if (strategy?.type === "OnDelete") {
    return [
      { code: "ON_DELETE", message: "template changed → OnDelete: pods are updated only when deleted" },
    ];
  }
  const surge = strategy?.rollingUpdate?.maxSurge ?? 0;
  const unavailable = strategy?.rollingUpdate?.maxUnavailable ?? 1;
  const pace =
    surge === 0 || surge === "0%"
      ? `maxUnavailable ${unavailable}`
      : `maxSurge ${surge}, maxUnavailable ${unavailable}`;
  return [
    {
      code: "DAEMONSET_ROLLING_UPDATE",
      message: `template changed → rolling update on every eligible node (${pace})`,
    },
  ];
}

function statefulSetUpdate(d: StatefulSet, r: StatefulSet, changes: readonly FieldChange[]): Implication[] {
  const immutable = immutableChanged(changes, [
    "spec.selector",
    "spec.serviceName",
    "spec.volumeClaimTemplates",
    "spec.podManagementPolicy",
  ]);
  if (immutable.length > 0) return [replace(immutable)];
  const out: Implication[] = [];
  const replicas = d.spec.replicas ?? 1;
  const before = r.spec.replicas ?? 1;
  const name = d.metadata.name;
  if (changedUnder(changes, "spec", "template")) {
    const strategy = d.spec.updateStrategy;
    if (strategy?.type === "OnDelete") {
      out.push({
        code: "ON_DELETE",
        message: "pod template changed → OnDelete: pods are updated only when deleted",
      });
    } else {
      const partition = strategy?.rollingUpdate?.partition ?? 0;
      const n = Math.max(0, replicas - partition);
      out.push({
        code: "STATEFULSET_ROLLING_UPDATE",
        message:
          n === 0
            ? `pod template changed → no pods are updated (partition ${partition}, replicas ${replicas})`
            : `pod template changed → rolling update of ${plural(n, "pod")} in reverse ordinal order (partition ${partition})`,
      });
    }
  }
  const names = {
    added: ordinalNames(name, before, replicas),
    removed: ordinalNames(name, replicas, before, true),
  };
  const scaled = scale(before, replicas, names);
  const claims = (d.spec.volumeClaimTemplates?.length ?? 0) > 0;
  const keepClaims = d.spec.persistentVolumeClaimRetentionPolicy?.whenScaled !== "Delete";
  for (const s of scaled) {
    if (s.code === "SCALE_DOWN" && claims) {
      s.message += keepClaims ? "; their volume claims are kept" : "; their volume claims are deleted";
    }
  }
  out.push(...scaled);
  return out;
}

function cronJobUpdate(d: CronJob, r: CronJob, changes: readonly FieldChange[]): Implication[] {
  const out: Implication[] = [];
  if (changedUnder(changes, "spec", "jobTemplate")) {
    out.push({
      code: "CRONJOB_NEXT_RUN",
      message: "job template changed → Jobs started from now on use it; running Jobs are not changed",
    });
  }
  const was = r.spec.suspend === true;
  const is = d.spec.suspend === true;
  if (!was && is) out.push({ code: "CRONJOB_SUSPENDED", message: "suspended → no new Jobs are started" });
  if (was && !is) out.push({ code: "CRONJOB_RESUMED", message: "resumed → Jobs start on schedule again" });
  return out;
}

function serviceUpdate(d: Service, r: Service, changes: readonly FieldChange[]): Implication[] {
  const immutable = immutableChanged(changes, ["spec.clusterIP"]);
  if (immutable.length > 0) return [replace(immutable)];
  if (!changedUnder(changes, "spec", "selector")) return [];
  const show = (s: Record<string, string> | undefined) =>
    formatSelector({ matchLabels: s ?? {} }) || "(none)";
  return [
    {
      code: "SERVICE_SELECTOR",
      message: `selector ${show(r.spec.selector)} → ${show(d.spec.selector)}: traffic goes to the pods it now selects`,
    },
  ];
}

function updateImplications(
  d: KObject,
  r: KObject,
  entry: PlanEntry,
  ctx: ImplicationContext,
): Implication[] {
  const changes = entry.changes;
  switch (d.kind) {
    case "Deployment":
      return deploymentUpdate(d, r as Deployment, changes);
    case "ReplicaSet":
      return replicaSetUpdate(d, r as ReplicaSet, changes);
    case "DaemonSet":
      return daemonSetUpdate(d, changes);
    case "StatefulSet":
      return statefulSetUpdate(d, r as StatefulSet, changes);
    case "Job":
      return changedUnder(changes, "spec")
        ? [{ code: "REPLACE", message: "Jobs are immutable → the Job will be deleted and recreated" }]
        : [];
    case "Pod":
      return changedUnder(changes, "spec")
        ? [{ code: "REPLACE", message: "Pods are immutable → the Pod will be deleted and recreated" }]
        : [];
    case "CronJob":
      return cronJobUpdate(d, r as CronJob, changes);
    case "Service":
      return serviceUpdate(d, r as Service, changes);
    case "ConfigMap":
    case "Secret":
      return configImplications(d, r, changes, ctx);
    default:
      return [];
  }
}

/** The implications of one plan entry. `desired`/`recorded` are the raw objects behind it. */
export function implicationsFor(
  entry: PlanEntry,
  desired: KObject | undefined,
  recorded: KObject | undefined,
  ctx: ImplicationContext,
): Implication[] {
  switch (entry.action) {
    case "create":
      return desired ? createImplications(desired) : [];
    case "update":
      return desired && desired.kind === recorded?.kind
        ? updateImplications(desired, recorded, entry, ctx)
        : [];
    case "delete":
      return recorded ? deleteImplications(recorded, ctx) : [];
    case "keep":
      return [{ code: "PRUNE_SKIPPED", message: "kept (berth.io/prune=false)" }];
    case "unchanged":
      return [];
  }
}
