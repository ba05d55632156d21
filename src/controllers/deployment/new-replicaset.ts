// The new ReplicaSet (k8s sync.go getNewReplicaSet): the one whose template is the Deployment's,
// with its revision raised above every old one, or a fresh `<deployment>-<hash>` sized by the
// strategy. A rollback is this lookup finding an old ReplicaSet again.

import { controllerOf, controllerRef } from "../owner.js";
import type { LabelSelector, ReplicaSet } from "../../manifest/types.js";
import { maxRevision, REVISION, setDeploymentRevision, setNewReplicaSetAnnotations } from "./annotations.js";
import {
  FAILED_RS_CREATE,
  FOUND_NEW_REPLICA_SET,
  getCondition,
  NEW_REPLICA_SET_CREATED,
  newCondition,
  setCondition,
} from "./conditions.js";
import { hasProgressDeadline } from "./fenceposts.js";
import { computeHash, POD_TEMPLATE_HASH_LABEL } from "./hash.js";
import { equalIgnoreHash, findNewReplicaSet, findOldReplicaSets, rsReplicas } from "./replicasets.js";
import { newRSNewReplicas } from "./scale.js";
import { SyncAbort, type DeploymentSync } from "./session.js";

export interface ReplicaSets {
  newRS: ReplicaSet | undefined;
  /** Every old ReplicaSet, scaled to 0 or not. */
  oldRSs: ReplicaSet[];
}

/** getAllReplicaSetsAndSyncRevision */
export function allReplicaSetsAndSyncRevision(
  s: DeploymentSync,
  rsList: ReplicaSet[],
  create: boolean,
): ReplicaSets {
  const oldRSs = findOldReplicaSets(s.d, rsList);
  const newRS = newReplicaSet(s, rsList, oldRSs, create);
  return { newRS, oldRSs };
}

function withLabel(sel: LabelSelector, key: string, value: string): LabelSelector {
  return { ...structuredClone(sel), matchLabels: { ...(sel.matchLabels ?? {}), [key]: value } };
}

function failedCreate(s: DeploymentSync, name: string): string | undefined {
  for (const f of s.ctx.failedActions ?? []) {
    const a = f.action;
    if (a.type === "create" && a.object.kind === "ReplicaSet" && a.object.metadata.name === name)
      return f.message;
  }
  return undefined;
}

/**
 * The ReplicaSet for the current template (getNewReplicaSet): an existing one gets its revision
 * raised above every old one (a rollback reuses the old ReplicaSet this way); otherwise, when
 * `create`, a new `<deployment>-<hash>` one is made, sized by the strategy.
 */
function newReplicaSet(
  s: DeploymentSync,
  rsList: ReplicaSet[],
  oldRSs: ReplicaSet[],
  create: boolean,
): ReplicaSet | undefined {
  const d = s.d;
  const existing = findNewReplicaSet(d, rsList);
  const newRevision = maxRevision(oldRSs) + 1;
  if (existing) {
    const annotationsUpdated = setNewReplicaSetAnnotations(d, existing, newRevision, true);
    const minReady = d.spec.minReadySeconds ?? 0;
    if (annotationsUpdated || (existing.spec.minReadySeconds ?? 0) !== minReady) {
      // Kubernetes writes the ReplicaSet and returns; the Deployment's revision follows next time.
      existing.spec.minReadySeconds = minReady;
      return existing;
    }
    setDeploymentRevision(d, existing.metadata.annotations?.[REVISION] ?? "");
    if (hasProgressDeadline(d) && getCondition(d.status, "Progressing") === undefined) {
      const msg = `Found new replica set "${existing.metadata.name}"`;
      setCondition(d.status, newCondition("Progressing", "True", FOUND_NEW_REPLICA_SET, msg, s.now));
    }
    return existing;
  }
  if (!create) return undefined;

  const hash = computeHash(d.spec.template, d.status.collisionCount);
  const template = structuredClone(d.spec.template);
  template.metadata.labels = { ...(template.metadata.labels ?? {}), [POD_TEMPLATE_HASH_LABEL]: hash };
  const name = `${d.metadata.name}-${hash}`;
  const rs: ReplicaSet = {
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: {
      name,
      namespace: s.namespace,
      labels: { ...template.metadata.labels },
      annotations: {},
      ownerReferences: [controllerRef(s.d)],
    },
    spec: {
      replicas: 0,
      minReadySeconds: d.spec.minReadySeconds ?? 0,
      selector: withLabel(d.spec.selector, POD_TEMPLATE_HASH_LABEL, hash),
      template,
    },
  };
  rs.spec.replicas = newRSNewReplicas(d, [...oldRSs, rs], rs);
  setNewReplicaSetAnnotations(d, rs, newRevision, false);

  const taken = s.ctx.view.get("ReplicaSet", s.namespace, name);
  let created: ReplicaSet;
  let alreadyExists = false;
  if (taken) {
    if (
      controllerOf(taken)?.uid === d.metadata.uid &&
      equalIgnoreHash(d.spec.template, taken.spec.template)
    ) {
      created = s.track(taken);
      alreadyExists = true;
    } else {
      // A hash collision: another template (or owner) holds the name. Kubernetes bumps
      // collisionCount, which changes the hash, and tries again on the next sync.
      d.status.collisionCount = (d.status.collisionCount ?? 0) + 1;
      throw new SyncAbort(`hash collision on ReplicaSet ${name}`);
    }
  } else {
    const failure = failedCreate(s, name);
    if (failure !== undefined) {
      const msg = `Failed to create new replica set "${name}": ${failure}`;
      if (hasProgressDeadline(d))
        setCondition(d.status, newCondition("Progressing", "False", FAILED_RS_CREATE, msg, s.now));
      s.event("Warning", FAILED_RS_CREATE, msg);
      throw new SyncAbort(msg, 1000);
    }
    created = s.create(rs);
    if (rsReplicas(rs) > 0) {
      s.event("Normal", "ScalingReplicaSet", `Scaled up replica set ${name} from 0 to ${rsReplicas(rs)}`);
    }
  }
  setDeploymentRevision(d, String(newRevision));
  if (!alreadyExists && hasProgressDeadline(d)) {
    const msg = `Created new replica set "${name}"`;
    setCondition(d.status, newCondition("Progressing", "True", NEW_REPLICA_SET_CREATED, msg, s.now));
  }
  return created;
}
