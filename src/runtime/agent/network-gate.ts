// Sandbox network operations on one engine, ordered so that Docker 20.10's libnetwork cannot
// deadlock: a container leaving a network (kill, stop, remove of a sandbox) takes the network lock
// and then the controller lock, while the engine's endpoint watcher — fed by every endpoint created
// or deleted — takes them the other way round (moby/moby#46661, fixed only after 20.10.24). So a
// sandbox leaving its network runs alone; sandboxes joining (starting) may run side by side.
// A read-write lock: joins share it, leaves hold it exclusively; a waiting leave goes before joins
// that arrive after it, so teardown is never starved by a stream of starts.

import type { NetworkGate } from "../docker/containers.js";

export interface SandboxGate {
  join: NetworkGate;
  leave: NetworkGate;
}

interface Waiter {
  exclusive: boolean;
  grant: () => void;
}

export class SandboxNetworkGate implements SandboxGate {
  private shared = 0;
  private held = false;
  private readonly queue: Waiter[] = [];

  /** For sandbox starts. */
  readonly join: NetworkGate = (op) => this.run(false, op);
  /** For sandbox kills, stops and removals. */
  readonly leave: NetworkGate = (op) => this.run(true, op);

  private async run<T>(exclusive: boolean, op: () => Promise<T>): Promise<T> {
    await this.acquire(exclusive);
    try {
      return await op();
    } finally {
      if (exclusive) this.held = false;
      else this.shared--;
      this.drain();
    }
  }

  private acquire(exclusive: boolean): Promise<void> {
    const free = exclusive ? !this.held && this.shared === 0 : !this.held;
    if (this.queue.length === 0 && free) {
      if (exclusive) this.held = true;
      else this.shared++;
      return Promise.resolve();
    }
    return new Promise((grant) => this.queue.push({ exclusive, grant }));
  }

  private drain(): void {
    for (;;) {
      const next = this.queue[0];
      if (!next) return;
      if (next.exclusive) {
        if (this.held || this.shared > 0) return;
        this.queue.shift();
        this.held = true;
        next.grant();
        return;
      }
      if (this.held) return;
      this.queue.shift();
      this.shared++;
      next.grant();
    }
  }
}

/** Without ordering (an engine that does not need it, or tests that want the race). */
export const UNORDERED: SandboxGate = { join: (op) => op(), leave: (op) => op() };
