// A daemon pod for one node (k8s controller.GetPodFromTemplate + the DaemonSet's additions): the
// template's labels plus controller-revision-hash and pod-template-generation, the daemon
// tolerations, and node affinity replaced by the node's name (ReplaceDaemonSetPodNodeNameNodeAffinity;
// preferred terms are kept).

import type { DaemonSet, Pod } from "../../manifest/types.js";
import { controllerRef } from "../owner.js";
import { generatedName } from "../names.js";
import { NODE_NAME_FIELD } from "../workload-util/node-fit.js";
import { withDaemonTolerations } from "./placement.js";

export const REVISION_LABEL = "controller-revision-hash";
export const TEMPLATE_GENERATION_LABEL = "pod-template-generation";

export function newDaemonPod(ds: DaemonSet, nodeName: string, hash: string, suffix: string): Pod {
  const t = ds.spec.template;
  const spec = structuredClone(t.spec);
  spec.tolerations = withDaemonTolerations(t.spec);
  spec.affinity = {
    ...spec.affinity,
    nodeAffinity: {
      ...spec.affinity?.nodeAffinity,
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: [{ matchFields: [{ key: NODE_NAME_FIELD, operator: "In", values: [nodeName] }] }],
      },
    },
  };
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name: generatedName(`${ds.metadata.name}-`, suffix),
      namespace: ds.metadata.namespace ?? "default",
      labels: {
        ...t.metadata.labels,
        [REVISION_LABEL]: hash,
        [TEMPLATE_GENERATION_LABEL]: String(ds.metadata.generation ?? 1),
      },
      annotations: { ...t.metadata.annotations },
      ownerReferences: [controllerRef(ds)],
    },
    spec,
  };
}
