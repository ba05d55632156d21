// checkObject: the last stage of src/manifest before the loader's cross-object checks. Semantic
// rules the JSON schema cannot express, run on the converted and defaulted object. Issues carry
// field paths in the canonical object's structure (the same as the manifest's for current
// apiVersions).

import type { Issue } from "../issue.js";
import type { KObject } from "../types.js";
import { checkConfigMap, checkSecret } from "./config.js";
import { checkIngress } from "./ingress.js";
import { checkMetadataMaps } from "./labels.js";
import { checkObjectName } from "./names.js";
import { checkPodSpec } from "./pod-spec.js";
import { checkService } from "./service.js";
import {
  checkCronJob,
  checkDaemonSet,
  checkDeployment,
  checkJob,
  checkReplicaSet,
  checkStatefulSet,
} from "./workloads.js";

export { expandDescriptor, SCHEDULE_EXPECTED, standardScheduleError, timeZoneError } from "./schedule.js";

function checkKind(obj: KObject): Issue[] {
  switch (obj.kind) {
    case "Pod":
      return checkPodSpec(obj.spec, ["spec"]);
    case "Deployment":
      return checkDeployment(obj);
    case "ReplicaSet":
      return checkReplicaSet(obj);
    case "DaemonSet":
      return checkDaemonSet(obj);
    case "StatefulSet":
      return checkStatefulSet(obj);
    case "Job":
      return checkJob(obj);
    case "CronJob":
      return checkCronJob(obj);
    case "Service":
      return checkService(obj);
    case "Ingress":
      return checkIngress(obj);
    case "ConfigMap":
      return checkConfigMap(obj);
    case "Secret":
      return checkSecret(obj);
    case "Namespace":
      return [];
  }
}

export function checkObject(obj: KObject): Issue[] {
  return [...checkObjectName(obj), ...checkMetadataMaps(obj.metadata, ["metadata"]), ...checkKind(obj)];
}
