// The node agent (berth's kubelet) and what the daemon wires: see docs/agent.md.

export { createNodeRuntime, type NodeRuntime } from "./components.js";
export { NodeAgents, type NodeAgentsOptions } from "./node-agents.js";
export { NodeAgent, type NodeAgentOptions } from "./node-agent.js";
export type { AgentHooks } from "./execute.js";
export type { AgentLog } from "./log.js";
export type { EventCallback } from "./event-sink.js";
export type { NodeHealth } from "./health.js";
export {
  DEFAULT_AGENT_SETTINGS,
  endpointOf,
  lifecycleFromConfig,
  policyFromConfig,
  settingsFromConfig,
  type AgentSettings,
} from "./settings.js";
export { planNodeLoss, evictionDelayMs, type NodeLossAction } from "./node-loss.js";
