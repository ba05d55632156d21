// `berth get deployments|replicasets|daemonsets|statefulsets`, as kubectl's printDeployment,
// printReplicaSet, printDaemonSet and printStatefulSet.

import type { DaemonSet, Deployment, ReplicaSet, StatefulSet } from "../../manifest/types.js";
import type { ViewContext } from "./context.js";
import { age, containerCells, formatLabels, selectorString } from "./format.js";
import type { Column } from "./table.js";

type Templated = Deployment | ReplicaSet | DaemonSet | StatefulSet;

function templateColumns<T extends Templated>(withSelector: boolean): Column<T, ViewContext>[] {
  const cols: Column<T, ViewContext>[] = [
    { header: "CONTAINERS", wide: true, cell: (o) => containerCells(o.spec.template.spec.containers).names },
    { header: "IMAGES", wide: true, cell: (o) => containerCells(o.spec.template.spec.containers).images },
  ];
  if (withSelector)
    cols.push({ header: "SELECTOR", wide: true, cell: (o) => selectorString(o.spec.selector) });
  return cols;
}

const AGE = {
  header: "AGE",
  cell: (o: Templated, ctx: ViewContext) => age(o.metadata.creationTimestamp, ctx.now),
};

export const DEPLOYMENT_COLUMNS: readonly Column<Deployment, ViewContext>[] = [
  { header: "NAME", name: true, cell: (d) => d.metadata.name },
  { header: "READY", cell: (d) => `${d.status?.readyReplicas ?? 0}/${d.spec.replicas ?? 1}` },
  { header: "UP-TO-DATE", cell: (d) => String(d.status?.updatedReplicas ?? 0) },
  { header: "AVAILABLE", cell: (d) => String(d.status?.availableReplicas ?? 0) },
  AGE,
  ...templateColumns<Deployment>(true),
];

export const REPLICASET_COLUMNS: readonly Column<ReplicaSet, ViewContext>[] = [
  { header: "NAME", name: true, cell: (r) => r.metadata.name },
  { header: "DESIRED", cell: (r) => String(r.spec.replicas ?? 1) },
  { header: "CURRENT", cell: (r) => String(r.status?.replicas ?? 0) },
  { header: "READY", cell: (r) => String(r.status?.readyReplicas ?? 0) },
  AGE,
  ...templateColumns<ReplicaSet>(true),
];

export const DAEMONSET_COLUMNS: readonly Column<DaemonSet, ViewContext>[] = [
  { header: "NAME", name: true, cell: (d) => d.metadata.name },
  { header: "DESIRED", cell: (d) => String(d.status?.desiredNumberScheduled ?? 0) },
  { header: "CURRENT", cell: (d) => String(d.status?.currentNumberScheduled ?? 0) },
  { header: "READY", cell: (d) => String(d.status?.numberReady ?? 0) },
  { header: "UP-TO-DATE", cell: (d) => String(d.status?.updatedNumberScheduled ?? 0) },
  { header: "AVAILABLE", cell: (d) => String(d.status?.numberAvailable ?? 0) },
  { header: "NODE SELECTOR", cell: (d) => formatLabels(d.spec.template.spec.nodeSelector) },
  AGE,
  ...templateColumns<DaemonSet>(true),
];

export const STATEFULSET_COLUMNS: readonly Column<StatefulSet, ViewContext>[] = [
  { header: "NAME", name: true, cell: (s) => s.metadata.name },
  { header: "READY", cell: (s) => `${s.status?.readyReplicas ?? 0}/${s.spec.replicas ?? 1}` },
  AGE,
  ...templateColumns<StatefulSet>(false),
];
