// What the Docker layer reports about the containers it finds on an engine: the lifecycle core's
// ObservedContainer/ObservedPod (src/runtime/lifecycle/types.ts), extended with what the agent,
// services and `berth` commands also need (pod identity, ports, labels). Being extensions, these
// are passed to computePodActions as they are.

import type {
  ObservedContainer as LifecycleObservedContainer,
  ObservedContainerState,
  ObservedPod as LifecycleObservedPod,
} from "./lifecycle/types.js";

export type ObservedState = ObservedContainerState;

export type PortProtocol = "TCP" | "UDP" | "SCTP";

/** One published port: container port → host ip:port on the node's engine. */
export interface ObservedPort {
  containerPort: number;
  protocol: PortProtocol;
  /** As the engine reports it; "0.0.0.0" / "::" mean every address of the node. */
  hostIP: string;
  hostPort: number;
}

export interface ObservedContainer extends LifecycleObservedContainer {
  /** Docker container name without the leading "/". */
  dockerName: string;
  podUid: string;
  podName: string;
  namespace: string;
  /** Docker reports 0 before the container ran; meaningful once it exited. */
  exitCode: number;
  /** RFC 3339. */
  createdAt: string;
  /** Published ports: only the sandbox publishes; empty for the others. */
  ports: ObservedPort[];
  /** The sandbox's address on its namespace network (the pod IP); absent for other roles and
   * host-network pods. */
  ip?: string;
  /** The sandbox's termination volume directory on the engine host; absent for other roles. */
  terminationDir?: string;
  /** The container's labels, for whatever else a caller wants to read. */
  labels: Record<string, string>;
}

/** Everything berth runs on one engine for one pod. */
export interface ObservedPod extends LifecycleObservedPod {
  name: string;
  namespace: string;
  sandbox?: ObservedContainer;
  /** Init and app containers of every attempt, attempts ascending per name. */
  containers: ObservedContainer[];
}
