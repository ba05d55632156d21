// The Docker layer's public surface: what the node agent, `berth` commands and the networking
// layer use. See docs/runtime.md for how each piece behaves.

export { connect, dockerOptions, negotiateVersion, parseEndpoint, PREFERRED_API_VERSION } from "./connect.js";
export type { Connected, ParsedEndpoint } from "./connect.js";
export { ensureInfraImage, infraImageTag, INFRA_REPOSITORY } from "../infra/image.js";
export { ensureNamespaceNetwork, removeNamespaceNetwork } from "./network.js";
export type { NamespaceNetwork, NamespaceNetworkIpam } from "./network.js";
export { createSandbox, removeSandbox, startSandbox } from "./sandbox.js";
export type { CreatedSandbox, NodeFacts, SandboxOptions } from "./sandbox.js";
export { projectVolumes } from "./projection.js";
export type { ProjectionResult } from "./projection.js";
export { ensureVolumes, removeClaimVolume, removePodVolumes } from "./volumes.js";
export {
  createContainer,
  killContainer,
  removeContainer,
  removePod,
  startContainer,
  stopContainer,
  stopPod,
  UNGATED,
  waitContainer,
} from "./containers.js";
export type { CreatedContainer, NetworkGate } from "./containers.js";
export { inspectContainer, listManagedContainers } from "./list.js";
export { exec, MAX_EXEC_OUTPUT } from "./exec.js";
export type { ExecResult } from "./exec.js";
export { logs, previousAttempt, readLogs } from "./logs.js";
export type { LogOptions } from "./logs.js";
export { watchEvents } from "./events.js";
export type { EventWatch, WatchOptions } from "./events.js";
export type { EngineEvent } from "./event-parse.js";
export { capacityOf, dockerInfo } from "./info.js";
export type { DockerInfo } from "./info.js";
export { readTerminationMessage } from "./termination.js";
