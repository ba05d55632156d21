// Pods of a Job (k8s job controller + the API server's Job defaulting): the template with the
// controller-uid and job-name labels (plain and batch.kubernetes.io/), a controller reference, and
// the tracking marker that says "not yet counted in the Job's status" (Kubernetes uses a finalizer
// of the same name; berth's store has no finalizers, so it is an annotation). Indexed Jobs add the
// completion index as annotation, label, JOB_COMPLETION_INDEX env and hostname `<job>-<index>`.

import type { Job, Pod } from "../../manifest/types.js";
import { controllerRef } from "../owner.js";
import { generatedName } from "../names.js";

export const TRACKING_MARKER = "batch.kubernetes.io/job-tracking";
export const COMPLETION_INDEX = "batch.kubernetes.io/job-completion-index";
/** On pods the Job removed itself (suspended, too many active): neither counted nor failures. */
export const REMOVED_MARKER = "berth.io/job-removed";

export function jobPodLabels(job: Job): Record<string, string> {
  const uid = job.metadata.uid ?? "";
  return {
    "batch.kubernetes.io/controller-uid": uid,
    "batch.kubernetes.io/job-name": job.metadata.name,
    "controller-uid": uid,
    "job-name": job.metadata.name,
  };
}

export function newJobPod(job: Job, suffix: string, index?: number): Pod {
  const t = job.spec.template;
  const spec = structuredClone(t.spec);
  const labels: Record<string, string> = { ...t.metadata.labels, ...jobPodLabels(job) };
  const annotations: Record<string, string> = { ...t.metadata.annotations, [TRACKING_MARKER]: "" };
  let base = job.metadata.name;
  if (index !== undefined) {
    base = `${job.metadata.name}-${index}`;
    labels[COMPLETION_INDEX] = String(index);
    annotations[COMPLETION_INDEX] = String(index);
    spec.hostname ??= base;
    const env = {
      name: "JOB_COMPLETION_INDEX",
      valueFrom: { fieldRef: { fieldPath: `metadata.annotations['${COMPLETION_INDEX}']` } },
    };
    for (const c of [...spec.containers, ...(spec.initContainers ?? [])]) {
      if (!(c.env ?? []).some((e) => e.name === env.name)) c.env = [...(c.env ?? []), env];
    }
  }
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name: generatedName(`${base}-`, suffix),
      namespace: job.metadata.namespace ?? "default",
      labels,
      annotations,
      ownerReferences: [controllerRef(job)],
    },
    spec,
  };
}

export function isTracked(pod: Pod): boolean {
  return pod.metadata.annotations?.[TRACKING_MARKER] !== undefined;
}

/** The pod without its tracking marker: it has been counted, or (`removedBecause`) never will be. */
export function untracked(pod: Pod, removedBecause?: string): Pod {
  const annotations = { ...pod.metadata.annotations };
  delete annotations[TRACKING_MARKER];
  if (removedBecause !== undefined) annotations[REMOVED_MARKER] = removedBecause;
  const { resourceVersion: _rv, ...metadata } = pod.metadata;
  return { ...pod, metadata: { ...metadata, annotations } };
}

export function completionIndexOf(pod: Pod): number | undefined {
  const v = pod.metadata.annotations?.[COMPLETION_INDEX] ?? pod.metadata.labels?.[COMPLETION_INDEX];
  if (v === undefined || !/^\d+$/.test(v)) return undefined;
  return Number(v);
}

export function wasRemovedByJob(pod: Pod): boolean {
  return pod.metadata.annotations?.[REMOVED_MARKER] !== undefined;
}
