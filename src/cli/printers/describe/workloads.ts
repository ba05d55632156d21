// kubectl describe deployment | replicaset | daemonset | statefulset.

import { findNewReplicaSet, findOldReplicaSets } from "../../../controllers/deployment/replicasets.js";
import { isControlledBy } from "../../../controllers/owner.js";
import type {
  DaemonSet,
  Deployment,
  KObject,
  Pod,
  ReplicaSet,
  StatefulSet,
} from "../../../manifest/types.js";
import { formatLabels, formatSelector, selectorString } from "../format.js";
import type { DescribeContext } from "./context.js";
import { writePodTemplate } from "./containers.js";
import {
  controlledBy,
  podPhaseCounts,
  writeAnnotations,
  writeEvents,
  writeLabels,
  writeObjectHeader,
} from "./meta.js";
import { DescribeWriter, LEVEL_0, LEVEL_1 } from "./writer.js";

/** The pods `owner` controls. */
export function podsOf(owner: KObject, pods: readonly Pod[]): Pod[] {
  return pods.filter((p) => isControlledBy(p, owner));
}

/** The deployment's ReplicaSets: the one whose template is the deployment's, and the others. */
export function deploymentReplicaSets(
  d: Deployment,
  all: readonly ReplicaSet[],
): { newRS?: ReplicaSet; old: ReplicaSet[] } {
  const owned = all.filter((rs) => isControlledBy(rs, d));
  const newRS = findNewReplicaSet(d, owned);
  const old = findOldReplicaSets(d, owned);
  return newRS ? { newRS, old } : { old };
}

/** "web-7d4b9c (3/3 replicas created)", comma-separated; `<none>`. */
function replicaSetsLine(sets: readonly ReplicaSet[]): string {
  if (sets.length === 0) return "<none>";
  return sets
    .map(
      (rs) => `${rs.metadata.name} (${rs.status?.replicas ?? 0}/${rs.spec.replicas ?? 1} replicas created)`,
    )
    .join(", ");
}

function writeConditions(
  w: DescribeWriter,
  conditions: readonly { type: string; status: string; reason?: string }[] | undefined,
): void {
  if (!conditions || conditions.length === 0) return;
  w.write(LEVEL_0, "Conditions:\n  Type\tStatus\tReason\n");
  w.write(LEVEL_1, "----\t------\t------\n");
  for (const c of conditions) w.write(LEVEL_1, `${c.type} \t${c.status}\t${c.reason ?? ""}\n`);
}

export function describeDeployment(d: Deployment, ctx: DescribeContext): string {
  const w = new DescribeWriter();
  const s = d.status ?? {};
  writeObjectHeader(w, d.metadata, { created: true });
  w.write(LEVEL_0, `Selector:\t${selectorString(d.spec.selector)}\n`);
  w.write(
    LEVEL_0,
    `Replicas:\t${d.spec.replicas ?? 1} desired | ${s.updatedReplicas ?? 0} updated | ${s.replicas ?? 0} total | ` +
      `${s.availableReplicas ?? 0} available | ${s.unavailableReplicas ?? 0} unavailable\n`,
  );
  const strategy = d.spec.strategy ?? { type: "RollingUpdate" };
  w.write(LEVEL_0, `StrategyType:\t${strategy.type}\n`);
  w.write(LEVEL_0, `MinReadySeconds:\t${d.spec.minReadySeconds ?? 0}\n`);
  if (strategy.type === "RollingUpdate") {
    const ru = strategy.rollingUpdate ?? {};
    w.write(
      LEVEL_0,
      `RollingUpdateStrategy:\t${ru.maxUnavailable ?? "25%"} max unavailable, ${ru.maxSurge ?? "25%"} max surge\n`,
    );
  }
  writePodTemplate(w, d.spec.template);
  writeConditions(w, s.conditions);
  const { newRS, old } = deploymentReplicaSets(d, ctx.replicaSets);
  w.write(
    LEVEL_0,
    `OldReplicaSets:\t${replicaSetsLine(old.filter((rs) => (rs.spec.replicas ?? 1) !== 0))}\n`,
  );
  w.write(LEVEL_0, `NewReplicaSet:\t${replicaSetsLine(newRS ? [newRS] : [])}\n`);
  writeEvents(w, ctx.events, ctx.now);
  return w.toString();
}

export function describeReplicaSet(rs: ReplicaSet, ctx: DescribeContext): string {
  const w = new DescribeWriter();
  w.write(LEVEL_0, `Name:\t${rs.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${rs.metadata.namespace ?? "default"}\n`);
  w.write(LEVEL_0, `Selector:\t${formatSelector(rs.spec.selector)}\n`);
  writeLabels(w, "Labels", rs.metadata.labels);
  writeAnnotations(w, "Annotations", rs.metadata.annotations);
  const controller = controlledBy(rs.metadata);
  if (controller) w.write(LEVEL_0, `Controlled By:\t${controller}\n`);
  w.write(LEVEL_0, `Replicas:\t${rs.status?.replicas ?? 0} current / ${rs.spec.replicas ?? 1} desired\n`);
  w.write(LEVEL_0, `Pods Status:\t${podPhaseCounts(podsOf(rs, ctx.pods))}\n`);
  writePodTemplate(w, rs.spec.template);
  writeConditions(w, rs.status?.conditions);
  writeEvents(w, ctx.events, ctx.now);
  return w.toString();
}

export function describeDaemonSet(ds: DaemonSet, ctx: DescribeContext): string {
  const w = new DescribeWriter();
  const s = ds.status;
  w.write(LEVEL_0, `Name:\t${ds.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${ds.metadata.namespace ?? "default"}\n`);
  w.write(LEVEL_0, `Selector:\t${selectorString(ds.spec.selector)}\n`);
  w.write(LEVEL_0, `Node-Selector:\t${formatLabels(ds.spec.template.spec.nodeSelector)}\n`);
  writeLabels(w, "Labels", ds.metadata.labels);
  writeAnnotations(w, "Annotations", ds.metadata.annotations);
  w.write(LEVEL_0, `Desired Number of Nodes Scheduled: ${s?.desiredNumberScheduled ?? 0}\n`);
  w.write(LEVEL_0, `Current Number of Nodes Scheduled: ${s?.currentNumberScheduled ?? 0}\n`);
  w.write(LEVEL_0, `Number of Nodes Scheduled with Up-to-date Pods: ${s?.updatedNumberScheduled ?? 0}\n`);
  w.write(LEVEL_0, `Number of Nodes Scheduled with Available Pods: ${s?.numberAvailable ?? 0}\n`);
  w.write(LEVEL_0, `Number of Nodes Misscheduled: ${s?.numberMisscheduled ?? 0}\n`);
  w.write(LEVEL_0, `Pods Status:\t${podPhaseCounts(podsOf(ds, ctx.pods))}\n`);
  writePodTemplate(w, ds.spec.template);
  writeEvents(w, ctx.events, ctx.now);
  return w.toString();
}

export function describeStatefulSet(sts: StatefulSet, ctx: DescribeContext): string {
  const w = new DescribeWriter();
  writeObjectHeader(w, sts.metadata, { created: true });
  w.write(LEVEL_0, `Selector:\t${selectorString(sts.spec.selector)}\n`);
  w.write(LEVEL_0, `Replicas:\t${sts.spec.replicas ?? 1} desired | ${sts.status?.replicas ?? 0} total\n`);
  const strategy = sts.spec.updateStrategy ?? { type: "RollingUpdate" };
  w.write(LEVEL_0, `Update Strategy:\t${strategy.type}\n`);
  const ru = strategy.rollingUpdate;
  if (ru?.partition !== undefined) {
    w.write(LEVEL_1, `Partition:\t${ru.partition}\n`);
    if (ru.maxUnavailable !== undefined) w.write(LEVEL_1, `MaxUnavailable:\t${ru.maxUnavailable}\n`);
  }
  w.write(LEVEL_0, `Pods Status:\t${podPhaseCounts(podsOf(sts, ctx.pods))}\n`);
  writePodTemplate(w, sts.spec.template);
  const claims = sts.spec.volumeClaimTemplates ?? [];
  if (claims.length === 0) w.write(LEVEL_0, "Volume Claims:\t<none>\n");
  else {
    w.write(LEVEL_0, "Volume Claims:\n");
    for (const c of claims) {
      w.write(LEVEL_1, `Name:\t${c.metadata.name}\n`);
      w.write(LEVEL_1, `StorageClass:\t${c.spec.storageClassName ?? ""}\n`);
      writeLabels(w, "Labels", c.metadata.labels, "  ");
      writeLabels(w, "Annotations", c.metadata.annotations, "  ");
      w.write(LEVEL_1, `Capacity:\t${c.spec.resources?.requests?.storage ?? "<default>"}\n`);
      w.write(LEVEL_1, `Access Modes:\t[${(c.spec.accessModes ?? []).join(" ")}]\n`);
    }
  }
  writeEvents(w, ctx.events, ctx.now);
  return w.toString();
}
