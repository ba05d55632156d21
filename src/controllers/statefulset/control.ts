// One step of the StatefulSet update algorithm (k8s stateful_set_control.go updateStatefulSet):
// replace finished pods, create missing ordinals, delete ordinals beyond `replicas` from the top,
// then roll pods of an old revision from the highest ordinal down to `partition`. OrderedReady
// ("monotonic") stops at the first pod that is not yet Running, Ready and available; Parallel
// creates and deletes without waiting, yet still updates one pod at a time.

import type { Pod, StatefulSet } from "../../manifest/types.js";
import type { Action, ClaimLocation } from "../types.js";
import { eventAbout } from "../workload-util/events.js";
import {
  isPodAvailable,
  isPodFinished,
  isRunningAndReady,
  isTerminating,
  msUntilAvailable,
} from "../workload-util/pod-state.js";
import { newStatefulPod, REVISION_LABEL } from "./identity.js";
import type { Revisions } from "./revisions.js";

export interface StepInput {
  sts: StatefulSet;
  /** Pods of this set by ordinal. */
  pods: ReadonlyMap<number, Pod>;
  rev: Revisions;
  claims: readonly ClaimLocation[];
  now: number;
}

export function updateStep({ sts, pods, rev, claims, now }: StepInput): Action[] {
  const actions: Action[] = [];
  const namespace = sts.metadata.namespace ?? "default";
  const replicaCount = sts.spec.replicas ?? 1;
  const monotonic = sts.spec.podManagementPolicy !== "Parallel";
  const minReady = sts.spec.minReadySeconds ?? 0;
  const rolling = sts.spec.updateStrategy?.type !== "OnDelete";
  const partition = rolling ? (sts.spec.updateStrategy?.rollingUpdate?.partition ?? 0) : 0;
  const healthy = (p: Pod): boolean =>
    isRunningAndReady(p) && !isTerminating(p) && isPodAvailable(p, minReady, now);

  const create = (ordinal: number): void => {
    // newVersionedStatefulSetPod: below the partition, pods keep the current revision.
    const old = rolling && ordinal < partition;
    const pod = newStatefulPod(
      sts,
      old ? rev.currentTemplate : rev.updateTemplate,
      old ? rev.current : rev.update,
      ordinal,
      claims,
    );
    actions.push({ type: "create", object: pod });
    actions.push(
      eventAbout(
        sts,
        "Normal",
        "SuccessfulCreate",
        `create Pod ${pod.metadata.name} in StatefulSet ${sts.metadata.name} successful`,
      ),
    );
  };
  const remove = (pod: Pod): void => {
    const name = pod.metadata.name;
    actions.push({
      type: "delete",
      id: { kind: "Pod", namespace, name },
      reason: `StatefulSet ${sts.metadata.name}`,
    });
    actions.push(
      eventAbout(
        sts,
        "Normal",
        "SuccessfulDelete",
        `delete Pod ${name} in StatefulSet ${sts.metadata.name} successful`,
      ),
    );
  };

  const condemned = [...pods.entries()]
    .filter(([ord]) => ord >= replicaCount)
    .sort(([a], [b]) => b - a)
    .map(([, p]) => p);
  let firstUnhealthy: Pod | undefined;
  for (let i = 0; i < replicaCount && !firstUnhealthy; i++) {
    const p = pods.get(i);
    if (p && !healthy(p)) firstUnhealthy = p;
  }
  for (let i = condemned.length - 1; i >= 0 && !firstUnhealthy; i--) {
    const p = condemned[i];
    if (p && !healthy(p)) firstUnhealthy = p;
  }

  for (let ord = 0; ord < replicaCount; ord++) {
    const pod = pods.get(ord);
    if (pod === undefined) {
      create(ord);
      if (monotonic) return actions;
      continue;
    }
    if (isPodFinished(pod) && !isTerminating(pod)) {
      // Its replacement is created once the finished pod is gone (the name is its identity).
      remove(pod);
      if (monotonic) return actions;
      continue;
    }
    if (monotonic && !healthy(pod)) return actions;
  }

  for (const pod of condemned) {
    if (isTerminating(pod)) {
      if (monotonic) return actions;
      continue;
    }
    if (monotonic && !healthy(pod) && pod !== firstUnhealthy) return actions;
    remove(pod);
    if (monotonic) return actions;
  }
  if (!rolling) return actions;

  for (let ord = replicaCount - 1; ord >= partition; ord--) {
    const pod = pods.get(ord);
    if (pod === undefined) return actions;
    if (pod.metadata.labels?.[REVISION_LABEL] !== rev.update && !isTerminating(pod)) {
      remove(pod);
      return actions;
    }
    if (!healthy(pod)) return actions;
  }
  return actions;
}

/** How long until the first Ready-but-not-yet-available pod becomes available (minReadySeconds). */
export function msUntilNextAvailable(sts: StatefulSet, pods: Iterable<Pod>, now: number): number | undefined {
  const minReady = sts.spec.minReadySeconds ?? 0;
  let next: number | undefined;
  for (const p of pods) {
    if (!isRunningAndReady(p)) continue;
    const ms = msUntilAvailable(p, minReady, now);
    if (ms !== undefined) next = next === undefined ? ms : Math.min(next, ms);
  }
  return next;
}
