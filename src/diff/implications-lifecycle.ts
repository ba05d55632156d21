// What creating an object starts and what deleting one takes down with it. Deletions count the
// generated objects recorded for the owner (ReplicaSets, pods, Jobs); where none are recorded
// (comparing two revisions) they fall back on the spec's replica count.

import { describeObject, idOf } from "../manifest/identity.js";
import type { KObject } from "../manifest/types.js";
import type { ImplicationContext } from "./refs.js";
import { listNames, ordinalNames, plural } from "./rollout.js";
import type { Implication } from "./types.js";

export function createImplications(obj: KObject): Implication[] {
  const started = (message: string): Implication[] => [{ code: "PODS_CREATED", message }];
  switch (obj.kind) {
    case "Deployment":
    case "ReplicaSet": {
      const n = obj.spec.replicas ?? 1;
      return n > 0 ? started(`${plural(n, "pod")} ${n === 1 ? "is" : "are"} started`) : [];
    }
    case "StatefulSet": {
      const n = obj.spec.replicas ?? 1;
      if (n === 0) return [];
      const names = listNames(ordinalNames(obj.metadata.name, 0, n));
      const ordered = (obj.spec.podManagementPolicy ?? "OrderedReady") === "OrderedReady";
      return started(
        `${plural(n, "pod")} ${n === 1 ? "is" : "are"} started${ordered && n > 1 ? " one at a time" : ""} (${names})`,
      );
    }
    case "DaemonSet":
      return started("a pod is started on every eligible node");
    case "Job": {
      if (obj.spec.suspend === true)
        return started("the Job is created suspended: no pods start until it is resumed");
      const completions =
        obj.spec.completions === undefined ? "work queue" : `completions ${obj.spec.completions}`;
      return started(`the Job starts at once (${completions}, parallelism ${obj.spec.parallelism ?? 1})`);
    }
    default:
      return [];
  }
}

function ofKind(objs: KObject[], kind: string): KObject[] {
  return objs.filter((o) => o.kind === kind);
}

function cascade(subject: string, what: string): Implication[] {
  return [{ code: "CASCADE_DELETE", message: `${subject} deleted → ${what}` }];
}

export function deleteImplications(obj: KObject, ctx: ImplicationContext): Implication[] {
  const subject = describeObject(obj);
  const owned = ctx.ownedBy(obj);
  const pods = ofKind(owned, "Pod");
  switch (obj.kind) {
    case "Namespace": {
      const n = ctx.objectsInNamespace(obj.metadata.name);
      return n > 0 ? cascade(subject, `${plural(n, "object")} in it ${n === 1 ? "is" : "are"} deleted`) : [];
    }
    case "Deployment": {
      const sets = ofKind(owned, "ReplicaSet");
      const n =
        sets.length > 0
          ? sets.reduce((sum, rs) => sum + ofKind(ctx.ownedBy(rs), "Pod").length, 0)
          : (obj.spec.replicas ?? 1);
      return cascade(subject, `its ReplicaSets and ${plural(n, "pod")} are deleted`);
    }
    case "ReplicaSet": {
      const n = owned.length > 0 ? pods.length : (obj.spec.replicas ?? 1);
      return cascade(subject, `its ${plural(n, "pod")} ${n === 1 ? "is" : "are"} deleted`);
    }
    case "StatefulSet": {
      const n = owned.length > 0 ? pods.length : (obj.spec.replicas ?? 1);
      const claims = (obj.spec.volumeClaimTemplates?.length ?? 0) > 0;
      const keep = obj.spec.persistentVolumeClaimRetentionPolicy?.whenDeleted !== "Delete";
      const suffix = !claims
        ? ""
        : keep
          ? "; their volume claims are kept"
          : "; their volume claims are deleted";
      return cascade(subject, `its ${plural(n, "pod")} ${n === 1 ? "is" : "are"} deleted${suffix}`);
    }
    case "DaemonSet":
      return cascade(
        subject,
        pods.length > 0
          ? `its ${plural(pods.length, "pod")} ${pods.length === 1 ? "is" : "are"} deleted`
          : "its pods on every node are deleted",
      );
    case "Job":
      return cascade(
        subject,
        pods.length > 0
          ? `its ${plural(pods.length, "pod")} ${pods.length === 1 ? "is" : "are"} deleted`
          : "its pods are deleted",
      );
    case "CronJob": {
      const jobs = ofKind(owned, "Job");
      if (jobs.length === 0) return cascade(subject, "its Jobs and their pods are deleted");
      const n = jobs.reduce((sum, j) => sum + ofKind(ctx.ownedBy(j), "Pod").length, 0);
      return cascade(subject, `its ${plural(jobs.length, "Job")} and their ${plural(n, "pod")} are deleted`);
    }
    case "ConfigMap":
    case "Secret": {
      const id = idOf(obj);
      return ctx
        .usersOf(obj.kind, id.namespace, id.name)
        .filter((u) => !u.optional)
        .map((u) => ({
          code: "CONFIG_STILL_REFERENCED" as const,
          message: `still used by ${u.user} → its new pods cannot start without it`,
        }));
    }
    default:
      return [];
  }
}
