// What the runtime layer reports about the containers it finds on an engine. The pod-lifecycle
// logic (src/runtime/lifecycle) decides from these alone; they carry nothing Docker-specific
// beyond ids.

import type { ContainerRole } from "./labels.js";

export type ObservedState = "created" | "running" | "exited" | "dead" | "paused" | "restarting";

export type PortProtocol = "TCP" | "UDP" | "SCTP";

/** One published port: container port → host ip:port on the node's engine. */
export interface ObservedPort {
  containerPort: number;
  protocol: PortProtocol;
  /** As the engine reports it; "0.0.0.0" / "::" mean every address of the node. */
  hostIP: string;
  hostPort: number;
}

export interface ObservedContainer {
  /** Docker container id. */
  id: string;
  /** Docker container name without the leading "/". */
  dockerName: string;
  podUid: string;
  podName: string;
  namespace: string;
  /** The pod spec's container name; "POD" for the sandbox. */
  name: string;
  role: ContainerRole;
  /** 0 for the first container of this name in the pod, +1 per restart. */
  attempt: number;
  specHash: string;
  state: ObservedState;
  /** Meaningful once the container ran and exited (Docker reports 0 before). */
  exitCode: number;
  oomKilled: boolean;
  /** The engine's error for a container that could not start ("exec: not found", …). */
  error?: string;
  /** The termination message of an exited container (its terminationMessagePath file, or with
   * FallbackToLogsOnError the log tail of a failed container). Filled by inspectContainer. */
  message?: string;
  createdAt: string;
  /** RFC 3339, absent when the container never started. */
  startedAt?: string;
  /** RFC 3339, absent when the container never finished. */
  finishedAt?: string;
  /** The reference the container was created from ("berth.local/web:1"). */
  image: string;
  /** status.imageID: "docker://sha256:…". */
  imageId: string;
  /** Published ports: only the sandbox publishes; empty for the others. */
  ports: ObservedPort[];
  /** The sandbox's address on its namespace network (the pod IP); absent for other roles and
   * host-network pods. */
  ip?: string;
  /** Every io.* label, for whatever else a caller wants to read. */
  labels: Record<string, string>;
}

/** Everything berth runs on one engine for one pod. */
export interface ObservedPod {
  uid: string;
  name: string;
  namespace: string;
  sandbox?: ObservedContainer;
  /** Init and app containers of every attempt, oldest attempt first per name. */
  containers: ObservedContainer[];
}
