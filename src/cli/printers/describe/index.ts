// Which describer each resource type uses.

import type { ViewObjectOf } from "../../view/list.js";
import type { ViewKind } from "../../view/resource-types.js";
import type { EventObject } from "../../view/shapes.js";
import { rfc1123z } from "../format.js";
import { eventSource, eventTarget } from "../events.js";
import { describeCronJob, describeJob } from "./batch.js";
import { describeConfigMap, describeNamespace, describeSecret } from "./config.js";
import type { DescribeContext } from "./context.js";
import { writeObjectHeader } from "./meta.js";
import { describeEndpoints, describeIngress, describeService } from "./network.js";
import { describeNode } from "./node.js";
import { describePod } from "./pod.js";
import { DescribeWriter, LEVEL_0 } from "./writer.js";
import {
  describeDaemonSet,
  describeDeployment,
  describeReplicaSet,
  describeStatefulSet,
} from "./workloads.js";

export type { DescribeContext } from "./context.js";

/** An event, field by field (kubectl falls back to its generic describer for events). */
export function describeEvent(e: EventObject): string {
  const w = new DescribeWriter();
  writeObjectHeader(w, e.metadata);
  const rows: [string, string][] = [
    ["Type", e.type],
    ["Reason", e.reason],
    ["Object", eventTarget(e)],
    ["Message", e.message.trim()],
    ["Source", eventSource(e)],
    ["Count", String(e.count)],
    ["First Timestamp", rfc1123z(e.firstTimestamp)],
    ["Last Timestamp", rfc1123z(e.lastTimestamp)],
  ];
  for (const [k, v] of rows) w.write(LEVEL_0, `${k}:\t${v}\n`);
  return w.toString();
}

export const DESCRIBERS: {
  readonly [K in ViewKind]: (obj: ViewObjectOf<K>, ctx: DescribeContext) => string;
} = {
  Pod: describePod,
  Deployment: describeDeployment,
  ReplicaSet: describeReplicaSet,
  DaemonSet: describeDaemonSet,
  StatefulSet: describeStatefulSet,
  Job: describeJob,
  CronJob: describeCronJob,
  Service: describeService,
  Endpoints: describeEndpoints,
  Ingress: describeIngress,
  ConfigMap: describeConfigMap,
  Secret: describeSecret,
  Namespace: describeNamespace,
  Node: describeNode,
  Event: describeEvent,
};
