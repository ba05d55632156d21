// What describers may look at besides the object: its events, and the objects related to it.

import type { Pod, ReplicaSet, Service } from "../../../manifest/types.js";
import type { EventObject } from "../../view/shapes.js";

export interface DescribeContext {
  now: number;
  /** The events whose involved object is the one described. */
  events: readonly EventObject[];
  /** Pods of the object's namespace (every pod for nodes and namespaces). */
  pods: readonly Pod[];
  /** ReplicaSets of the object's namespace (deployments). */
  replicaSets: readonly ReplicaSet[];
  /** Services of the object's namespace (ingresses, endpoints). */
  services: readonly Service[];
}
