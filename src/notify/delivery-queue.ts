// Delivery to one notification target, off the sync path: a bounded in-memory queue drained by one
// sender at a time (so a receiver sees notifications in order), each attempt under a timeout,
// failures retried with exponential backoff and jitter. When the receiver stays down and the queue
// fills, the oldest waiting notification is dropped (and logged): memory stays bounded and the
// newest news gets through first once the receiver is back. Time is injected (clock-free tests).

import type { Logger } from "pino";
import { backoffDelay } from "../sync/backoff.js";
import { systemTimers, type Timers } from "../util/timers.js";

export interface SendResult {
  ok: boolean;
  /** HTTP status, when a response came. */
  status?: number;
  /** Worth trying again: network errors, timeouts, 5xx, 408, 429. */
  retryable: boolean;
  /** The receiver's Retry-After, in ms. */
  retryAfterMs?: number;
  /** Why it failed, safe to log (never the URL). */
  error?: string;
}

/** One attempt to deliver `body`; must settle soon after `signal` aborts. */
export type Send = (body: string, signal: AbortSignal) => Promise<SendResult>;

export interface DeliveryPolicy {
  /** Notifications waiting per target (besides the one being sent). */
  maxQueue: number;
  /** Attempts per notification, the first included. */
  maxAttempts: number;
  initialBackoffMs: number;
  maxBackoffMs: number;
  /** Per attempt: connecting, sending and the response. */
  timeoutMs: number;
}

export const DEFAULT_DELIVERY_POLICY: DeliveryPolicy = {
  maxQueue: 100,
  maxAttempts: 5,
  initialBackoffMs: 1_000,
  maxBackoffMs: 60_000,
  timeoutMs: 10_000,
};

export interface QueuedNotification {
  body: string;
  /** For logs: "sync-failed shop". */
  label: string;
}

interface Deps {
  timers?: Timers;
  random?: () => number;
  logger: Logger;
}

export class DeliveryQueue {
  private readonly pending: QueuedNotification[] = [];
  private current: QueuedNotification | undefined;
  private running = false;
  private closed = false;
  private readonly idleWaiters: (() => void)[] = [];
  private readonly abort = new AbortController();
  private readonly timers: Timers;
  private readonly random: () => number;
  private wakeSleep: (() => void) | undefined;
  /** Notifications dropped because the queue was full or every attempt failed. */
  dropped = 0;
  delivered = 0;

  constructor(
    readonly target: string,
    private readonly send: Send,
    private readonly policy: DeliveryPolicy,
    private readonly deps: Deps,
  ) {
    this.timers = deps.timers ?? systemTimers;
    this.random = deps.random ?? Math.random;
  }

  /** Notifications not yet delivered or given up, the one being sent included. */
  get depth(): number {
    return this.pending.length + (this.current === undefined ? 0 : 1);
  }

  /** Queues a notification and returns at once; delivery happens in the background. */
  push(item: QueuedNotification): void {
    if (this.closed) return;
    if (this.pending.length >= this.policy.maxQueue) {
      const oldest = this.pending.shift();
      this.dropped++;
      this.deps.logger.warn(
        { target: this.target, notification: oldest?.label, queued: this.policy.maxQueue },
        "notification queue full: oldest dropped",
      );
    }
    this.pending.push(item);
    if (!this.running) void this.pump();
  }

  /** Resolves once nothing is queued or in flight. */
  idle(): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Drops what is queued and aborts the attempt in flight. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.dropped += this.pending.length;
    this.pending.length = 0;
    this.abort.abort();
    this.wakeSleep?.();
  }

  private async pump(): Promise<void> {
    this.running = true;
    try {
      for (let item = this.pending.shift(); item !== undefined && !this.closed; item = this.pending.shift()) {
        this.current = item;
        await this.deliver(item);
        this.current = undefined;
      }
    } finally {
      this.current = undefined;
      this.running = false;
      for (const resolve of this.idleWaiters.splice(0)) resolve();
    }
  }

  private async deliver(item: QueuedNotification): Promise<void> {
    for (let attempt = 1; !this.closed; attempt++) {
      const result = await this.attempt(item.body);
      // close() may have run during the attempt.
      if (this.abort.signal.aborted) return;
      const fields = { target: this.target, notification: item.label, attempt };
      if (result.ok) {
        this.delivered++;
        this.deps.logger.debug({ ...fields, status: result.status }, "notification delivered");
        return;
      }
      const why = { ...fields, status: result.status, error: result.error };
      if (!result.retryable || attempt >= this.policy.maxAttempts) {
        this.dropped++;
        this.deps.logger.warn(why, "notification not delivered: giving up");
        return;
      }
      const backoff = backoffDelay(
        attempt,
        { initialMs: this.policy.initialBackoffMs, maxMs: this.policy.maxBackoffMs },
        this.random,
      );
      const delayMs = Math.min(Math.max(result.retryAfterMs ?? 0, backoff), this.policy.maxBackoffMs);
      this.deps.logger.info({ ...why, retryInMs: delayMs }, "notification not delivered: will retry");
      await this.sleep(delayMs);
    }
  }

  private async attempt(body: string): Promise<SendResult> {
    const controller = new AbortController();
    const onClose = (): void => controller.abort();
    this.abort.signal.addEventListener("abort", onClose, { once: true });
    const timer = this.timers.setTimeout(() => controller.abort(), this.policy.timeoutMs);
    try {
      const result = await this.send(body, controller.signal);
      // A sender that ignored the abort is still judged by the deadline.
      return controller.signal.aborted && !result.ok ? { ...result, error: "timed out" } : result;
    } catch (e) {
      return { ok: false, retryable: true, error: controller.signal.aborted ? "timed out" : String(e) };
    } finally {
      this.timers.clearTimeout(timer);
      this.abort.signal.removeEventListener("abort", onClose);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const handle = this.timers.setTimeout(() => {
        this.wakeSleep = undefined;
        resolve();
      }, ms);
      this.wakeSleep = () => {
        this.timers.clearTimeout(handle);
        this.wakeSleep = undefined;
        resolve();
      };
    });
  }
}
