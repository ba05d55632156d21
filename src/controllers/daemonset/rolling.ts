// RollingUpdate for DaemonSets (k8s daemon/update.go rollingUpdate). Without surge: delete old pods
// on at most maxUnavailable nodes at a time (old pods that are unavailable anyway go first and
// freely); the per-node loop then creates the new pod once the old one is gone. With maxSurge:
// create the new pod beside the old one on up to maxSurge nodes, and delete the old pod once the
// new one is available.

import type { DaemonSet, Pod } from "../../manifest/types.js";
import { isPodAvailable, isTerminating } from "../workload-util/pod-state.js";
import { REVISION_LABEL } from "./pod.js";

export interface RollingPlan {
  deletePods: Pod[];
  createOn: string[];
}

/** findUpdatedPodsOnNode: the node's one new and one old live pod; ok false when there are more. */
function splitPods(pods: readonly Pod[], hash: string): { ok: boolean; newPod?: Pod; oldPod?: Pod } {
  let newPod: Pod | undefined;
  let oldPod: Pod | undefined;
  for (const p of pods) {
    if (isTerminating(p)) continue;
    if (p.metadata.labels?.[REVISION_LABEL] === hash) {
      if (newPod) return { ok: false };
      newPod = p;
    } else {
      if (oldPod) return { ok: false };
      oldPod = p;
    }
  }
  return { ok: true, ...(newPod ? { newPod } : {}), ...(oldPod ? { oldPod } : {}) };
}

/**
 * `nodes`: the nodes that want a daemon pod or have one, sorted by name (Kubernetes walks a map,
 * berth a stable order so the same state gives the same plan).
 */
export function rollingUpdate(
  ds: DaemonSet,
  nodes: readonly string[],
  byNode: ReadonlyMap<string, Pod[]>,
  hash: string,
  maxUnavailable: number,
  maxSurge: number,
  now: number,
): RollingPlan {
  const minReady = ds.spec.minReadySeconds ?? 0;
  const available = (p: Pod): boolean => isPodAvailable(p, minReady, now);
  if (maxSurge === 0) {
    let numUnavailable = 0;
    const replacements: Pod[] = [];
    const candidates: Pod[] = [];
    for (const node of nodes) {
      const { ok, newPod, oldPod } = splitPods(byNode.get(node) ?? [], hash);
      if (!ok || (oldPod === undefined) === (newPod === undefined)) {
        numUnavailable++;
      } else if (newPod) {
        if (!available(newPod)) numUnavailable++;
      } else if (oldPod) {
        if (!available(oldPod)) replacements.push(oldPod);
        else if (numUnavailable < maxUnavailable) candidates.push(oldPod);
      }
    }
    const room = Math.min(Math.max(0, maxUnavailable - numUnavailable), candidates.length);
    return { deletePods: [...replacements, ...candidates.slice(0, room)], createOn: [] };
  }
  let numSurge = 0;
  const allowedNew: string[] = [];
  const candidateNew: string[] = [];
  const deletePods: Pod[] = [];
  for (const node of nodes) {
    const { ok, newPod, oldPod } = splitPods(byNode.get(node) ?? [], hash);
    if (!ok) {
      numSurge++;
      continue;
    }
    if (oldPod === undefined) continue;
    if (newPod === undefined) {
      if (!available(oldPod)) allowedNew.push(node);
      else if (numSurge < maxSurge) candidateNew.push(node);
    } else if (!available(newPod)) {
      numSurge++;
    } else {
      deletePods.push(oldPod);
    }
  }
  const room = Math.min(Math.max(0, maxSurge - numSurge), candidateNew.length);
  return { deletePods, createOn: [...allowedNew, ...candidateNew.slice(0, room)] };
}
