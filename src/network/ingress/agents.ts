// One keep-alive agent per backend endpoint, so connections to a pod are reused across requests
// and one slow pod cannot exhaust another's pool. Agents idle for a while are destroyed, which also
// drops endpoints that left the Service.

import http from "node:http";
import { endpointAddress, type BackendEndpoint } from "./resolver.js";

export const AGENT_IDLE_MS = 5 * 60_000;

function busy(agent: http.Agent): boolean {
  return Object.values(agent.sockets).some((list) => (list?.length ?? 0) > 0);
}

export class AgentPool {
  private readonly agents = new Map<string, { agent: http.Agent; lastUsed: number }>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly options: http.AgentOptions = {},
    private readonly idleMs: number = AGENT_IDLE_MS,
  ) {
    this.sweeper = setInterval(() => this.sweep(Date.now()), Math.max(1000, Math.floor(idleMs / 2)));
    this.sweeper.unref();
  }

  get(e: BackendEndpoint): http.Agent {
    const key = endpointAddress(e);
    let entry = this.agents.get(key);
    if (!entry) {
      const agent = new http.Agent({
        keepAlive: true,
        scheduling: "lifo",
        maxFreeSockets: 64,
        ...this.options,
      });
      entry = { agent, lastUsed: 0 };
      this.agents.set(key, entry);
    }
    entry.lastUsed = Date.now();
    return entry.agent;
  }

  sweep(now: number): void {
    for (const [key, entry] of this.agents) {
      if (now - entry.lastUsed < this.idleMs || busy(entry.agent)) continue;
      entry.agent.destroy();
      this.agents.delete(key);
    }
  }

  destroy(): void {
    clearInterval(this.sweeper);
    for (const entry of this.agents.values()) entry.agent.destroy();
    this.agents.clear();
  }
}
