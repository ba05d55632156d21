// Deployment status from its ReplicaSets (k8s sync.go calculateStatus): counts summed over the
// ReplicaSets, and the Available condition: at least replicas − maxUnavailable available pods.

import type { Deployment, DeploymentStatus, ReplicaSet } from "../../manifest/types.js";
import {
  MINIMUM_REPLICAS_AVAILABLE,
  MINIMUM_REPLICAS_UNAVAILABLE,
  newCondition,
  setCondition,
} from "./conditions.js";
import { maxUnavailable, replicasOf } from "./fenceposts.js";
import { actualReplicas, availableReplicas, readyReplicas, specReplicas } from "./replicasets.js";

export function calculateStatus(
  allRSs: readonly (ReplicaSet | undefined)[],
  newRS: ReplicaSet | undefined,
  d: Deployment,
  now: number,
): DeploymentStatus {
  const available = availableReplicas(allRSs);
  const unavailable = Math.max(0, specReplicas(allRSs) - available);
  const status: DeploymentStatus = {
    observedGeneration: d.metadata.generation ?? 0,
    replicas: actualReplicas(allRSs),
    updatedReplicas: actualReplicas([newRS]),
    readyReplicas: readyReplicas(allRSs),
    availableReplicas: available,
    unavailableReplicas: unavailable,
  };
  if (d.status?.conditions) status.conditions = d.status.conditions.map((c) => ({ ...c }));
  if (d.status?.collisionCount !== undefined) status.collisionCount = d.status.collisionCount;
  if (available >= replicasOf(d) - maxUnavailable(d)) {
    const msg = "Deployment has minimum availability.";
    setCondition(status, newCondition("Available", "True", MINIMUM_REPLICAS_AVAILABLE, msg, now));
  } else {
    const msg = "Deployment does not have minimum availability.";
    setCondition(status, newCondition("Available", "False", MINIMUM_REPLICAS_UNAVAILABLE, msg, now));
  }
  return status;
}
