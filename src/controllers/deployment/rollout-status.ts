// What `kubectl rollout status` and `kubectl rollout history` print for a Deployment
// (kubectl polymorphichelpers rollout_status.go DeploymentStatusViewer and history.go
// DeploymentHistoryViewer), as pure functions of the stored objects, for `berth rollout ...`.

import type { Deployment, ReplicaSet } from "../../manifest/types.js";
import { controllerOf } from "../owner.js";
import { CHANGE_CAUSE, revisionOf } from "./annotations.js";
import { getCondition, TIMED_OUT } from "./conditions.js";
import { findNewReplicaSet } from "./replicasets.js";

export interface RolloutStatus {
  /** The rollout finished: `deployment "web" successfully rolled out`. */
  done: boolean;
  /** The line kubectl prints (errors with kubectl's `error: ` prefix), without the newline. */
  message: string;
  /** Set when kubectl would exit non-zero: the rollout failed or the revision is not the running one. */
  error?: string;
}

function failed(error: string): RolloutStatus {
  return { done: false, message: `error: ${error}`, error };
}

/**
 * One evaluation of `kubectl rollout status deployment/<name>`; the CLI repeats it on every change
 * until `done` or `error`. With `revision`, the Deployment must be running that revision.
 */
export function deploymentRolloutStatus(d: Deployment, opts: { revision?: number } = {}): RolloutStatus {
  const name = d.metadata.name;
  if (opts.revision !== undefined && opts.revision > 0) {
    const running = revisionOf(d);
    if (running === undefined) return failed(`cannot get the revision of deployment "${name}"`);
    if (running !== opts.revision) {
      return failed(
        `desired revision (${opts.revision}) is different from the running revision (${running})`,
      );
    }
  }
  const status = d.status ?? {};
  if ((d.metadata.generation ?? 0) > (status.observedGeneration ?? 0)) {
    return { done: false, message: "Waiting for deployment spec update to be observed..." };
  }
  if (getCondition(status, "Progressing")?.reason === TIMED_OUT) {
    return failed(`deployment "${name}" exceeded its progress deadline`);
  }
  const replicas = d.spec.replicas ?? 1;
  const updated = status.updatedReplicas ?? 0;
  const total = status.replicas ?? 0;
  const available = status.availableReplicas ?? 0;
  const waiting = `Waiting for deployment "${name}" rollout to finish: `;
  if (updated < replicas) {
    return {
      done: false,
      message: `${waiting}${updated} out of ${replicas} new replicas have been updated...`,
    };
  }
  if (total > updated) {
    return { done: false, message: `${waiting}${total - updated} old replicas are pending termination...` };
  }
  if (available < updated) {
    return { done: false, message: `${waiting}${available} of ${updated} updated replicas are available...` };
  }
  return { done: true, message: `deployment "${name}" successfully rolled out` };
}

export interface RolloutHistoryRow {
  revision: number;
  /** The ReplicaSet's kubernetes.io/change-cause, or `<none>`. */
  changeCause: string;
  replicaSet: string;
}

/** The Deployment's ReplicaSets (controlled by it and matching its selector). */
function ownedReplicaSets(d: Deployment, replicaSets: readonly ReplicaSet[]): ReplicaSet[] {
  return replicaSets.filter(
    (rs) =>
      (rs.metadata.namespace ?? "default") === (d.metadata.namespace ?? "default") &&
      controllerOf(rs)?.uid === d.metadata.uid,
  );
}

/**
 * `kubectl rollout history` rows, by revision. As in kubectl, a revision appears once: the new
 * ReplicaSet wins over an old one carrying the same number.
 */
export function deploymentRolloutHistory(
  d: Deployment,
  replicaSets: readonly ReplicaSet[],
): RolloutHistoryRow[] {
  const owned = ownedReplicaSets(d, replicaSets);
  const newRS = findNewReplicaSet(d, owned);
  const ordered = [...owned.filter((rs) => rs !== newRS), ...(newRS ? [newRS] : [])];
  const byRevision = new Map<number, ReplicaSet>();
  for (const rs of ordered) {
    const v = revisionOf(rs);
    if (v !== undefined) byRevision.set(v, rs);
  }
  return [...byRevision.entries()]
    .sort(([a], [b]) => a - b)
    .map(([revision, rs]) => {
      const cause = rs.metadata.annotations?.[CHANGE_CAUSE] ?? "";
      return { revision, changeCause: cause === "" ? "<none>" : cause, replicaSet: rs.metadata.name };
    });
}

/** The ReplicaSet behind one revision (`kubectl rollout history --revision=N`), if it still exists. */
export function replicaSetForRevision(
  d: Deployment,
  replicaSets: readonly ReplicaSet[],
  revision: number,
): ReplicaSet | undefined {
  const row = deploymentRolloutHistory(d, replicaSets).find((r) => r.revision === revision);
  return row ? replicaSets.find((rs) => rs.metadata.name === row.replicaSet) : undefined;
}

/**
 * The text kubectl prints: `deployment.apps/<name> ` (with kubectl's trailing space), then the
 * table aligned as Go's tabwriter does (columns padded to the widest cell plus two spaces).
 */
export function formatRolloutHistory(name: string, rows: readonly RolloutHistoryRow[]): string {
  const cells = [["REVISION", "CHANGE-CAUSE"], ...rows.map((r) => [String(r.revision), r.changeCause])];
  const width = Math.max(...cells.map((c) => (c[0] ?? "").length)) + 2;
  const lines = cells.map(([rev = "", cause = ""]) => rev.padEnd(width) + cause);
  return `deployment.apps/${name} \n${lines.join("\n")}\n`;
}
