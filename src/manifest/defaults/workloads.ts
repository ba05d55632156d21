// apps/v1 defaults (k8s pkg/apis/apps/v1/defaults.go). Legacy versions' different defaults were
// written out by convertLegacy, so "fill only what is absent" keeps them.

import type { DaemonSet, Deployment, ReplicaSet, StatefulSet } from "../types.js";
import { canonicalOrSame } from "./resources.js";
import { defaultPodTemplate } from "./template.js";

export function defaultDeployment(d: Deployment): void {
  const spec = d.spec;
  spec.replicas ??= 1;
  // Kubernetes defaults an empty type too, so `strategy: {rollingUpdate: ...}` alone is RollingUpdate.
  spec.strategy ??= { type: "RollingUpdate" };
  (spec.strategy as { type?: string }).type ||= "RollingUpdate";
  // rollingUpdate belongs to RollingUpdate only; a Recreate one is left for the checks to report.
  if (spec.strategy.type === "RollingUpdate") {
    spec.strategy.rollingUpdate ??= {};
    spec.strategy.rollingUpdate.maxUnavailable ??= "25%";
    spec.strategy.rollingUpdate.maxSurge ??= "25%";
  }
  spec.revisionHistoryLimit ??= 10;
  spec.progressDeadlineSeconds ??= 600;
  spec.minReadySeconds ??= 0;
  spec.paused ??= false;
  defaultPodTemplate(spec.template);
}

export function defaultReplicaSet(rs: ReplicaSet): void {
  rs.spec.replicas ??= 1;
  rs.spec.minReadySeconds ??= 0;
  defaultPodTemplate(rs.spec.template);
}

export function defaultDaemonSet(ds: DaemonSet): void {
  const spec = ds.spec;
  spec.updateStrategy ??= { type: "RollingUpdate" };
  (spec.updateStrategy as { type?: string }).type ||= "RollingUpdate";
  if (spec.updateStrategy.type === "RollingUpdate") {
    spec.updateStrategy.rollingUpdate ??= {};
    spec.updateStrategy.rollingUpdate.maxUnavailable ??= 1;
    spec.updateStrategy.rollingUpdate.maxSurge ??= 0;
  }
  spec.revisionHistoryLimit ??= 10;
  spec.minReadySeconds ??= 0;
  defaultPodTemplate(spec.template);
}

export function defaultStatefulSet(sts: StatefulSet): void {
  const spec = sts.spec;
  spec.replicas ??= 1;
  spec.podManagementPolicy ??= "OrderedReady";
  spec.updateStrategy ??= { type: "RollingUpdate" };
  (spec.updateStrategy as { type?: string }).type ||= "RollingUpdate";
  if (spec.updateStrategy.type === "RollingUpdate") {
    spec.updateStrategy.rollingUpdate ??= {};
    spec.updateStrategy.rollingUpdate.partition ??= 0;
  }
  spec.revisionHistoryLimit ??= 10;
  spec.minReadySeconds ??= 0;
  // GA in Kubernetes 1.32 (StatefulSetAutoDeletePVC): claims are kept unless asked otherwise.
  spec.persistentVolumeClaimRetentionPolicy ??= {};
  spec.persistentVolumeClaimRetentionPolicy.whenDeleted ??= "Retain";
  spec.persistentVolumeClaimRetentionPolicy.whenScaled ??= "Retain";
  for (const claim of spec.volumeClaimTemplates ?? []) {
    // The claim's spec is optional in the Kubernetes schema; afterwards it is always there.
    type ClaimSpec = (typeof claim)["spec"];
    (claim as { spec?: ClaimSpec }).spec ??= {};
    claim.spec.volumeMode ??= "Filesystem";
    const res = claim.spec.resources;
    for (const list of [res?.requests, res?.limits]) {
      if (!list) continue;
      const m = list as Record<string, unknown>;
      for (const k of Object.keys(m)) m[k] = canonicalOrSame(m[k]);
    }
  }
  defaultPodTemplate(spec.template);
}
