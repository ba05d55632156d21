// The node agents and the scheduling loop wired to each other, as the daemon starts them: a node
// that becomes Ready (or gains capacity) makes the scheduler try its unschedulable pods again.

import { SchedulerLoop } from "../../scheduler/loop.js";
import { NodeAgents, type NodeAgentsOptions } from "./node-agents.js";

export interface NodeRuntime {
  agents: NodeAgents;
  scheduler: SchedulerLoop;
  /** Start order: agents first (the scheduler needs their node statuses), then the scheduler. */
  components: [NodeAgents, SchedulerLoop];
}

export function createNodeRuntime(opts: NodeAgentsOptions & { schedulerRetryMs?: number }): NodeRuntime {
  const agents = new NodeAgents(opts);
  const scheduler = new SchedulerLoop({
    store: opts.store,
    nodes: () => agents.nodeStatuses(),
    percentageOfNodesToScore: opts.config.scheduler.percentageOfNodesToScore,
    ...(opts.clock ? { clock: opts.clock } : {}),
    ...(opts.onEvent ? { onEvent: opts.onEvent } : {}),
    ...(opts.log ? { log: opts.log } : {}),
    ...(opts.schedulerRetryMs !== undefined ? { retryIntervalMs: opts.schedulerRetryMs } : {}),
  });
  agents.onNodesChanged(() => scheduler.nodesChanged());
  return { agents, scheduler, components: [agents, scheduler] };
}
