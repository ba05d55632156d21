// extensions/v1beta1: Deployment, DaemonSet and ReplicaSet (removed in Kubernetes 1.16) and Ingress
// (removed in 1.22). Where its defaults differ from apps/v1 they are written out here, so the
// defaults stage (which fills only what is absent) keeps them.

import {
  begin,
  child,
  dropField,
  dropRollbackTo,
  selectorAndLabelsFromTemplate,
  setIfAbsent,
  UNLIMITED,
  type Conversion,
  type Converter,
  type Doc,
} from "./common.js";
import { convertIngress } from "./networking.js";

const FROM = "extensions/v1beta1";

function deployment(doc: Doc): Conversion {
  const { out, issues } = begin(doc, { from: FROM, kind: "Deployment", removedIn: "1.16", to: "apps/v1" });
  selectorAndLabelsFromTemplate(out);
  const spec = child(out, "spec");
  const strategy = child(spec, "strategy");
  setIfAbsent(strategy, "type", "RollingUpdate");
  // extensions/v1beta1 filled the rolling-update parameters whenever rollingUpdate was present.
  if (strategy.type === "RollingUpdate" || strategy.rollingUpdate !== undefined) {
    const ru = child(strategy, "rollingUpdate");
    setIfAbsent(ru, "maxUnavailable", 1);
    setIfAbsent(ru, "maxSurge", 1);
  }
  // No progress deadline and no history limit: Kubernetes writes MaxInt32 for both, and the
  // deployment controller treats that progressDeadlineSeconds as "no deadline".
  setIfAbsent(spec, "progressDeadlineSeconds", UNLIMITED);
  setIfAbsent(spec, "revisionHistoryLimit", UNLIMITED);
  issues.push(...dropRollbackTo(out));
  return { object: out, issues };
}

function daemonSet(doc: Doc): Conversion {
  const { out, issues } = begin(doc, { from: FROM, kind: "DaemonSet", removedIn: "1.16", to: "apps/v1" });
  selectorAndLabelsFromTemplate(out);
  const spec = child(out, "spec");
  const strategy = child(spec, "updateStrategy");
  setIfAbsent(strategy, "type", "OnDelete");
  issues.push(
    ...dropField(
      out,
      ["spec", "templateGeneration"],
      "templateGeneration was removed in apps/v1 and is ignored",
      "remove spec.templateGeneration",
    ),
  );
  return { object: out, issues };
}

function replicaSet(doc: Doc): Conversion {
  const { out, issues } = begin(doc, { from: FROM, kind: "ReplicaSet", removedIn: "1.16", to: "apps/v1" });
  selectorAndLabelsFromTemplate(out);
  return { object: out, issues };
}

export const EXTENSIONS_V1BETA1: Readonly<Record<string, Converter>> = {
  Deployment: deployment,
  DaemonSet: daemonSet,
  ReplicaSet: replicaSet,
  Ingress: (doc) => convertIngress(doc, FROM),
};
