// Sandbox network operations on one engine, ordered so that Docker 20.10's libnetwork cannot
// deadlock. A sandbox leaving its network (kill, stop, remove) calls getSvcRecords, which takes the
// network lock and then the controller lock; the engine's endpoint watcher takes them the other way
// round for every endpoint created (moby/moby#42569, fixed in 20.10.23: moby/moby#44682) or deleted
// (moby/moby#46661, fixed only after 20.10.24). Endpoints are deleted by leaves, so on every 20.10
// engine a leave must not overlap another leave; before 20.10.23 it must not overlap a start
// either, since starts create endpoints. Which of the two applies is read from the engine's version
// (`gateModeFor`): "exclusive" (a leave runs alone), "leaves" (leaves one at a time, starts free),
// "none" (engines from 22.06 on carry both fixes).
//
// In "exclusive" mode, a read-write lock: joins share it, leaves hold it exclusively. Joins go
// first: a pod waiting to start is on someone's critical path (a rollout waits for its new pods), a
// sandbox waiting to go away is not (its containers have already stopped). A leave that has waited
// `maxLeaveWaitMs` stops further joins from starting, so teardown is never starved by a stream of
// starts; after it ran, the joins that waited for it go before the next overdue leave, so a backlog
// of teardowns costs a waiting start one leave, not all of them.

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

export type GateMode = "exclusive" | "leaves" | "none";

/**
 * The ordering an engine needs, from its version (`docker info`'s ServerVersion, e.g.
 * "20.10.24+dfsg1"). Unknown or unparsable versions get the strictest mode.
 */
export function gateModeFor(serverVersion: string | undefined): GateMode {
  const m = /^(\d+)\.(\d+)\.(\d+)/.exec(serverVersion ?? "");
  if (!m) return "exclusive";
  const [major, minor, patch] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (major >= 22) return "none";
  if (major === 20 && minor === 10 && patch >= 23) return "leaves";
  return "exclusive";
}

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
    /** Until the engine's version is known, the strictest. */
    private mode: GateMode = "exclusive",
  ) {}

  get currentMode(): GateMode {
    return this.mode;
  }

  /** Set from the engine's version at each heartbeat. Operations already admitted keep running;
   * the new mode applies to the ones that come next (a version changes only with the engine). */
  setMode(mode: GateMode): void {
    if (mode === this.mode) return;
    this.mode = mode;
    this.drain();
  }

  /** For sandbox starts. */
  readonly join: NetworkGate = (op) => this.run(false, op);
  /** For sandbox kills, stops and removals. */
  readonly leave: NetworkGate = (op) => this.run(true, op);

  private async run<T>(exclusive: boolean, op: () => Promise<T>): Promise<T> {
    if (this.mode === "none" || (!exclusive && this.mode === "leaves")) return op();
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
    if (this.mode !== "exclusive") {
      // Only left over from a stricter mode: joins go, leaves one at a time (or all, for "none").
      this.releaseJoins();
      for (let l = this.leaves[0]; l && (!this.held || this.mode === "none"); l = this.leaves[0]) {
        this.leaves.shift();
        this.held = true;
        l.grant();
      }
      return;
    }
    if (this.held) return;
    const leave = this.leaves[0];
    const leaveDue = leave !== undefined && this.now() - leave.since >= this.maxLeaveWaitMs;
    if (!leaveDue || this.joinsTurn) this.releaseJoins();
    this.joinsTurn = false;
    if (leave && this.shared === 0) {
      this.leaves.shift();
      this.held = true;
      leave.grant();
    }
  }

  /** Admits every waiting join (counted: a leave in "exclusive" mode waits for them). */
  private releaseJoins(): void {
    for (let j = this.joins.shift(); j; j = this.joins.shift()) {
      this.shared++;
      j.grant();
    }
  }
}

/** Without ordering (an engine that does not need it, or tests that want the race). */
export const UNORDERED: SandboxGate = { join: (op) => op(), leave: (op) => op() };
