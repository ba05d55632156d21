// applyDefaults: the second stage after schema validation and legacy conversion. It fills every
// Kubernetes default berth models, so two manifests that mean the same give deep-equal objects,
// and it is idempotent. Pure: the input is not touched; a filled copy is returned. The loader,
// not this stage, sets metadata.namespace.

import type { KObject } from "../types.js";
import { defaultCronJob, defaultJob } from "./batch.js";
import { defaultSecret } from "./config.js";
import { defaultService } from "./network.js";
import { defaultPodSpec } from "./pod.js";
import { defaultDaemonSet, defaultDeployment, defaultReplicaSet, defaultStatefulSet } from "./workloads.js";

export { defaultPullPolicy, DEFAULT_VOLUME_MODE } from "./pod.js";

export function applyDefaults<T extends KObject>(obj: T): T {
  return applyDefaultsInPlace(structuredClone(obj));
}

/** applyDefaults without the copy, for callers that own the object (the loader). */
export function applyDefaultsInPlace<T extends KObject>(out: T): T {
  const meta = out.metadata;
  meta.labels ??= {};
  meta.annotations ??= {};
  const o: KObject = out;
  switch (o.kind) {
    case "Pod":
      defaultPodSpec(o.spec);
      break;
    case "Deployment":
      defaultDeployment(o);
      break;
    case "ReplicaSet":
      defaultReplicaSet(o);
      break;
    case "DaemonSet":
      defaultDaemonSet(o);
      break;
    case "StatefulSet":
      defaultStatefulSet(o);
      break;
    case "Job":
      defaultJob(o);
      break;
    case "CronJob":
      defaultCronJob(o);
      break;
    case "Service":
      defaultService(o);
      break;
    case "Secret":
      defaultSecret(o);
      break;
    case "Namespace":
    case "ConfigMap":
    case "Ingress":
      break;
  }
  return out;
}
