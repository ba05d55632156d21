// Sandbox network operations on one engine, ordered so that Docker 20.10's libnetwork cannot
// deadlock: a container leaving a network (kill, stop, remove of a sandbox) takes the network lock
// and then the controller lock, while the engine's endpoint watcher — fed by every endpoint created
// or deleted — takes them the other way round (moby/moby#46661, fixed only after 20.10.24). So a
// sandbox leaving its network runs alone; sandboxes joining (starting) may run side by side.
//
// A read-write lock: joins share it, leaves hold it exclusively. Joins go first: a pod waiting to
// start is on someone's critical path (a rollout waits for its new pods), a sandbox waiting to go
// away is not (its containers have already stopped). A leave that has waited `maxLeaveWaitMs`
// stops further joins from starting, so teardown is never starved by a stream of starts; after it
// ran, the joins that waited for it go before the next overdue leave, so a backlog of teardowns
// costs a waiting start one leave, not all of them.

import type { NetworkGate } from "../docker/containers.js";

export interface SandboxGate {
  join: NetworkGate;
  leave: NetworkGate;
}

interface Waiter {
  since: number;
  grant: () => void;
}

export const MAX_LEAVE_WAIT_MS = 2000;

export class SandboxNetworkGate implements SandboxGate {
  private shared = 0;
  private held = false;
  /** A leave just ran: waiting joins go next even if another leave is overdue. */
  private joinsTurn = false;
  private readonly joins: Waiter[] = [];
  private readonly leaves: Waiter[] = [];

  constructor(
    private readonly maxLeaveWaitMs = MAX_LEAVE_WAIT_MS,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** For sandbox starts. */
  readonly join: NetworkGate = (op) => this.run(false, op);
  /** For sandbox kills, stops and removals. */
  readonly leave: NetworkGate = (op) => this.run(true, op);

  private async run<T>(exclusive: boolean, op: () => Promise<T>): Promise<T> {
    await new Promise<void>((grant) => {
      (exclusive ? this.leaves : this.joins).push({ since: this.now(), grant });
      this.drain();
    });
    try {
      return await op();
    } finally {
      if (exclusive) {
        this.held = false;
        this.joinsTurn = true;
      } else this.shared--;
      this.drain();
    }
  }

  private drain(): void {
    if (this.held) return;
    const leave = this.leaves[0];
    const leaveDue = leave !== undefined && this.now() - leave.since >= this.maxLeaveWaitMs;
    if (!leaveDue || this.joinsTurn) {
      for (let j = this.joins.shift(); j; j = this.joins.shift()) {
        this.shared++;
        j.grant();
      }
    }
    this.joinsTurn = false;
    if (leave && this.shared === 0) {
      this.leaves.shift();
      this.held = true;
      leave.grant();
    }
  }
}

/** Without ordering (an engine that does not need it, or tests that want the race). */
export const UNORDERED: SandboxGate = { join: (op) => op(), leave: (op) => op() };
