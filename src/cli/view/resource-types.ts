// The resource types `berth get` and `berth describe` accept, with kubectl's names: plural,
// singular, short names and the group-qualified forms (`deployments.apps`). Besides berth's object
// kinds there are three views: endpoints (computed from services and pods), nodes and events (from
// what the daemon recorded).

import type { Kind } from "../../manifest/types.js";
import { closest } from "../../util/edit-distance.js";

export type ViewKind = Kind | "Endpoints" | "Node" | "Event";

export interface ResourceType {
  kind: ViewKind;
  /** Plural, lower-case: "pods", "deployments". */
  resource: string;
  singular: string;
  shortNames: readonly string[];
  /** API group: "" for core, "apps", "batch", "networking.k8s.io". */
  group: string;
  namespaced: boolean;
}

function t(
  kind: ViewKind,
  resource: string,
  group: string,
  shortNames: readonly string[] = [],
  namespaced = true,
): ResourceType {
  return { kind, resource, singular: kind.toLowerCase(), shortNames, group, namespaced };
}

/** In kubectl's api-resources order within each group. */
export const RESOURCE_TYPES: readonly ResourceType[] = [
  t("ConfigMap", "configmaps", "", ["cm"]),
  t("Endpoints", "endpoints", "", ["ep"]),
  t("Event", "events", "", ["ev"]),
  t("Namespace", "namespaces", "", ["ns"], false),
  t("Node", "nodes", "", ["no"], false),
  t("Pod", "pods", "", ["po"]),
  t("Secret", "secrets", ""),
  t("Service", "services", "", ["svc"]),
  t("DaemonSet", "daemonsets", "apps", ["ds"]),
  t("Deployment", "deployments", "apps", ["deploy"]),
  t("ReplicaSet", "replicasets", "apps", ["rs"]),
  t("StatefulSet", "statefulsets", "apps", ["sts"]),
  t("CronJob", "cronjobs", "batch", ["cj"]),
  t("Job", "jobs", "batch"),
  t("Ingress", "ingresses", "networking.k8s.io", ["ing"]),
];

/** What `get all` lists, in kubectl's order. */
export const ALL_TYPES: readonly ViewKind[] = [
  "Pod",
  "Service",
  "DaemonSet",
  "Deployment",
  "ReplicaSet",
  "StatefulSet",
  "Job",
  "CronJob",
];

export function typeOf(kind: ViewKind): ResourceType {
  const found = RESOURCE_TYPES.find((r) => r.kind === kind);
  if (!found) throw new Error(`no resource type for kind ${kind}`);
  return found;
}

/** `pod`, `deployment.apps`: how `-o name` and mixed-kind tables name a type. */
export function qualifiedName(type: ResourceType): string {
  return type.group === "" ? type.singular : `${type.singular}.${type.group}`;
}

function namesOf(r: ResourceType): string[] {
  return [r.resource, r.singular, ...r.shortNames];
}

/**
 * The type a user wrote: plural, singular or short name, any case, optionally qualified with its
 * group (`deploy.apps`); `ingress` also as `ingresses`. undefined when unknown.
 */
export function resolveResourceType(text: string): ResourceType | undefined {
  const lower = text.toLowerCase();
  for (const r of RESOURCE_TYPES) {
    for (const n of namesOf(r)) {
      if (lower === n || (r.group !== "" && lower === `${n}.${r.group}`)) return r;
    }
  }
  return undefined;
}

/** The closest known name, for "did you mean". */
export function suggestResourceType(text: string): string | undefined {
  return closest(text.toLowerCase(), [...RESOURCE_TYPES.flatMap(namesOf), "all"]);
}
