// What every pod worker of a node shares: the node's identity and engine, its container cache, the
// store, and the knobs. The node agent builds one per node.

import type Docker from "dockerode";
import type { ObjectStore } from "../../state/store.js";
import type { Clock } from "../../util/clock.js";
import type { NodePolicy } from "../node.js";
import type { NodeCapacity } from "../spec/context.js";
import type { ContainerCache } from "./container-cache.js";
import type { PodEventSink } from "./event-sink.js";
import type { AgentHooks } from "./execute.js";
import type { ImagePresence } from "./image-presence.js";
import type { Limiter } from "./limiter.js";
import type { SandboxGate } from "./network-gate.js";
import type { AgentLog } from "./log.js";
import type { AgentSettings } from "./settings.js";

export interface WorkerEnv {
  nodeName: string;
  /** The node's address: status.hostIP, and where published ports answer. */
  address: string;
  policy: NodePolicy;
  store: ObjectStore;
  cache: ContainerCache;
  images: ImagePresence;
  limiter: Limiter;
  /** Sandbox starts (join) and teardowns (leave) are ordered through here. */
  networkGate: SandboxGate;
  clock: Clock;
  settings: AgentSettings;
  hooks: AgentHooks;
  events: PodEventSink;
  log: AgentLog;
  /** The engine client; undefined until the agent connected. */
  docker(): Docker | undefined;
  capacity(): NodeCapacity;
  /** The engine answers and its containers have been listed: passes may run. */
  canAct(): boolean;
  /** Containers of pods berth never heard of may be removed (store loaded, first sync done). */
  orphansAllowed(): boolean;
  /** The worker has nothing left to look after (its pod is gone and so are its containers). */
  done(uid: string): void;
}
