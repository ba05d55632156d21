// Pods from a controller's template (k8s controller.GetPodFromTemplate): the template's labels,
// annotations and spec, the controller reference, and a name generated from `<owner>-`.

import { generatedName } from "../names.js";
import { controllerRef } from "../owner.js";
import type { KObject, Pod, PodTemplateSpec } from "../../manifest/types.js";
import type { StoreView } from "../types.js";

/** How many fresh suffixes to try when a generated name is taken (the API server fails the create). */
const NAME_ATTEMPTS = 10;

export function podFromTemplate(template: PodTemplateSpec, owner: KObject, name: string): Pod {
  const namespace = owner.metadata.namespace ?? "default";
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name,
      generateName: `${owner.metadata.name}-`,
      namespace,
      labels: { ...(template.metadata.labels ?? {}) },
      annotations: { ...(template.metadata.annotations ?? {}) },
      ownerReferences: [controllerRef(owner)],
    },
    spec: structuredClone(template.spec),
    // What the API server sets on create; the scheduler and node agent take it from here.
    status: { phase: "Pending" },
  };
}

/**
 * A `<owner>-<5 chars>` name not used by an existing pod nor by one created in this reconcile.
 * After NAME_ATTEMPTS collisions the last candidate is returned and its create fails, as on a
 * cluster; the failure is reported through the ReplicaFailure condition and retried.
 */
export function newPodName(
  owner: KObject,
  view: StoreView,
  taken: ReadonlySet<string>,
  randomSuffix: () => string,
): string {
  const namespace = owner.metadata.namespace ?? "default";
  let name = "";
  for (let i = 0; i < NAME_ATTEMPTS; i++) {
    name = generatedName(`${owner.metadata.name}-`, randomSuffix());
    if (!taken.has(name) && view.get("Pod", namespace, name) === undefined) return name;
  }
  return name;
}
