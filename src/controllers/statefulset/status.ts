// StatefulSet status from its pods (k8s stateful_set_control.go computeReplicaStatus and
// completeRollingUpdate): once every pod is of the update revision and Ready, the update revision
// becomes the current one.

import type { Pod, StatefulSet } from "../../manifest/types.js";
import { isPodAvailable, isRunningAndReady, isTerminating } from "../workload-util/pod-state.js";
import { REVISION_LABEL } from "./identity.js";
import type { Revisions, StatefulSetStatusWithTemplate } from "./revisions.js";

export function statefulSetStatus(
  sts: StatefulSet,
  pods: readonly Pod[],
  rev: Revisions,
  now: number,
): StatefulSetStatusWithTemplate {
  const minReady = sts.spec.minReadySeconds ?? 0;
  let replicas = 0;
  let ready = 0;
  let available = 0;
  let current = 0;
  let updated = 0;
  for (const pod of pods) {
    replicas++;
    if (isRunningAndReady(pod)) {
      ready++;
      if (isPodAvailable(pod, minReady, now)) available++;
    }
    if (isTerminating(pod)) continue;
    const revision = pod.metadata.labels?.[REVISION_LABEL];
    if (revision === rev.current) current++;
    if (revision === rev.update) updated++;
  }
  let currentRevision = rev.current;
  let currentTemplate = rev.currentTemplate;
  const wanted = sts.spec.replicas ?? 1;
  if (updated === replicas && ready === replicas && replicas === wanted) {
    currentRevision = rev.update;
    currentTemplate = rev.updateTemplate;
    current = updated;
  }
  return {
    observedGeneration: sts.metadata.generation ?? 1,
    replicas,
    readyReplicas: ready,
    currentReplicas: current,
    updatedReplicas: updated,
    availableReplicas: available,
    currentRevision,
    updateRevision: rev.update,
    collisionCount: sts.status?.collisionCount ?? 0,
    currentRevisionTemplate: currentTemplate,
  };
}
