// Which columns each resource type prints.

import type { ViewObjectOf } from "../view/list.js";
import type { ViewKind } from "../view/resource-types.js";
import { CRONJOB_COLUMNS, JOB_COLUMNS } from "./batch.js";
import { CONFIGMAP_COLUMNS, NAMESPACE_COLUMNS, SECRET_COLUMNS } from "./config.js";
import type { ViewContext } from "./context.js";
import { EVENT_COLUMNS } from "./events.js";
import { ENDPOINTS_COLUMNS, INGRESS_COLUMNS, SERVICE_COLUMNS } from "./network.js";
import { NODE_COLUMNS } from "./nodes.js";
import { POD_COLUMNS } from "./pods.js";
import type { Column } from "./table.js";
import {
  DAEMONSET_COLUMNS,
  DEPLOYMENT_COLUMNS,
  REPLICASET_COLUMNS,
  STATEFULSET_COLUMNS,
} from "./workloads.js";

export type ColumnsOf<K extends ViewKind> = readonly Column<ViewObjectOf<K>, ViewContext>[];

export const COLUMNS: { readonly [K in ViewKind]: ColumnsOf<K> } = {
  Pod: POD_COLUMNS,
  Deployment: DEPLOYMENT_COLUMNS,
  ReplicaSet: REPLICASET_COLUMNS,
  DaemonSet: DAEMONSET_COLUMNS,
  StatefulSet: STATEFULSET_COLUMNS,
  Job: JOB_COLUMNS,
  CronJob: CRONJOB_COLUMNS,
  Service: SERVICE_COLUMNS,
  Endpoints: ENDPOINTS_COLUMNS,
  Ingress: INGRESS_COLUMNS,
  ConfigMap: CONFIGMAP_COLUMNS,
  Secret: SECRET_COLUMNS,
  Namespace: NAMESPACE_COLUMNS,
  Node: NODE_COLUMNS,
  Event: EVENT_COLUMNS,
};
