// apps/v1beta1 (Deployment, StatefulSet) and apps/v1beta2 (Deployment, StatefulSet, DaemonSet,
// ReplicaSet), both removed in Kubernetes 1.16. apps/v1beta1 still defaulted the selector from the
// template, kept only 2 old ReplicaSets and updated StatefulSets OnDelete; apps/v1beta2 already
// had apps/v1's defaults and required selectors, so it converts by renaming the apiVersion.

import {
  begin,
  child,
  dropRollbackTo,
  selectorAndLabelsFromTemplate,
  setIfAbsent,
  type Converter,
} from "./common.js";

const V1BETA1 = "apps/v1beta1";
const V1BETA2 = "apps/v1beta2";

export const APPS_V1BETA1: Readonly<Record<string, Converter>> = {
  Deployment(doc) {
    const { out, issues } = begin(doc, {
      from: V1BETA1,
      kind: "Deployment",
      removedIn: "1.16",
      to: "apps/v1",
    });
    selectorAndLabelsFromTemplate(out);
    setIfAbsent(child(out, "spec"), "revisionHistoryLimit", 2);
    issues.push(...dropRollbackTo(out));
    return { object: out, issues };
  },
  StatefulSet(doc) {
    const { out, issues } = begin(doc, {
      from: V1BETA1,
      kind: "StatefulSet",
      removedIn: "1.16",
      to: "apps/v1",
    });
    selectorAndLabelsFromTemplate(out);
    setIfAbsent(child(child(out, "spec"), "updateStrategy"), "type", "OnDelete");
    return { object: out, issues };
  },
};

function rename(kind: string): Converter {
  return (doc) => {
    const { out, issues } = begin(doc, { from: V1BETA2, kind, removedIn: "1.16", to: "apps/v1" });
    return { object: out, issues };
  };
}

export const APPS_V1BETA2: Readonly<Record<string, Converter>> = {
  Deployment: rename("Deployment"),
  StatefulSet: rename("StatefulSet"),
  DaemonSet: rename("DaemonSet"),
  ReplicaSet: rename("ReplicaSet"),
};
