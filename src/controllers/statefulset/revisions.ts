// The two revisions a StatefulSet works with during an update: the current one (what pods below
// the partition keep) and the update one (the spec's template). Kubernetes keeps old templates in
// ControllerRevision objects; berth keeps the current revision's template in the StatefulSet's
// status (`currentRevisionTemplate`), which is all the update algorithm ever reads back.

import type { PodTemplateSpec, StatefulSet, StatefulSetStatus } from "../../manifest/types.js";
import { revisionHash } from "../workload-util/revision-hash.js";

export type StatefulSetStatusWithTemplate = StatefulSetStatus & {
  /** The template of currentRevision: berth's stand-in for its ControllerRevision. */
  currentRevisionTemplate?: PodTemplateSpec;
};

export interface Revisions {
  current: string;
  currentTemplate: PodTemplateSpec;
  update: string;
  updateTemplate: PodTemplateSpec;
}

export function revisionName(sts: StatefulSet, template: PodTemplateSpec): string {
  return `${sts.metadata.name}-${revisionHash(template, sts.status?.collisionCount ?? 0)}`;
}

export function revisionsOf(sts: StatefulSet): Revisions {
  const updateTemplate = sts.spec.template;
  const update = revisionName(sts, updateTemplate);
  const status = sts.status as StatefulSetStatusWithTemplate | undefined;
  const recorded = status?.currentRevisionTemplate;
  // Without a recorded template (a new set), the current revision is the update revision.
  if (status?.currentRevision === undefined || recorded === undefined) {
    return { current: update, currentTemplate: updateTemplate, update, updateTemplate };
  }
  return { current: status.currentRevision, currentTemplate: recorded, update, updateTemplate };
}
