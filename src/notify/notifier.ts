// Notifications to the targets in berth.yaml (a generic JSON webhook, a Slack incoming webhook) for
// the triggers each target asked for. notify() only renders and queues: it returns at once, and a
// slow or broken receiver delays nothing but its own queue (delivery-queue.ts). Identical
// notifications within a window are sent once (dedup.ts). Target URLs and headers are secrets and
// appear in no log line; targets are named by their `name`.

import type { Logger } from "pino";
import type { NotificationConfig } from "../config/types.js";
import { E_CONFIG } from "../config/errors.js";
import { systemClock, type Clock } from "../util/clock.js";
import { BerthError } from "../util/errors.js";
import type { Timers } from "../util/timers.js";
import { Deduplicator } from "./dedup.js";
import { DEFAULT_DELIVERY_POLICY, DeliveryQueue, type DeliveryPolicy, type Send } from "./delivery-queue.js";
import { silentLogger } from "./log.js";
import { slackPayload, webhookPayload, type NotificationEvent } from "./payloads.js";
import { templateProblem } from "./template.js";
import { httpSend } from "./transport.js";

export type { NotificationEvent } from "./payloads.js";

export interface NotifierOptions {
  logger?: Logger;
  clock?: Clock;
  timers?: Timers;
  random?: () => number;
  /** Identical notifications within this many ms are sent once. Default 10 minutes; 0 sends all. */
  dedupWindowMs?: number;
  policy?: Partial<DeliveryPolicy>;
  /** How a target's requests are made; default: HTTP POST to its URL (tests substitute). */
  sender?: (target: NotificationConfig) => Send;
}

export const DEFAULT_DEDUP_WINDOW_MS = 10 * 60_000;

interface Target {
  config: NotificationConfig;
  queue: DeliveryQueue;
}

export class Notifier {
  private readonly targets: Target[];
  private readonly dedup: Deduplicator;
  private readonly clock: Clock;
  private readonly logger: Logger;

  constructor(configs: readonly NotificationConfig[], opts: NotifierOptions = {}) {
    this.clock = opts.clock ?? systemClock;
    this.logger = opts.logger ?? silentLogger();
    this.dedup = new Deduplicator(opts.dedupWindowMs ?? DEFAULT_DEDUP_WINDOW_MS, this.clock);
    const policy = { ...DEFAULT_DELIVERY_POLICY, ...opts.policy };
    const sender = opts.sender ?? ((t: NotificationConfig) => httpSend(t.url, t.headers));
    this.targets = configs.map((config) => {
      const problem = config.template === undefined ? undefined : templateProblem(config.template);
      if (problem !== undefined) {
        throw new BerthError(E_CONFIG, `notification ${config.name}: template: ${problem}`);
      }
      const queue = new DeliveryQueue(config.name, sender(config), policy, {
        logger: this.logger,
        ...(opts.timers ? { timers: opts.timers } : {}),
        ...(opts.random ? { random: opts.random } : {}),
      });
      return { config, queue };
    });
  }

  /** Queues the notification for every target subscribed to its trigger; never waits, never throws. */
  notify(event: NotificationEvent): void {
    const wanted = this.targets.filter((t) => t.config.triggers.includes(event.event));
    if (wanted.length === 0) return;
    const key = JSON.stringify([
      event.event,
      event.app,
      event.revision?.sha ?? "",
      event.message,
      event.health ?? "",
      event.sync ?? "",
    ]);
    const label = `${event.event} ${event.app}`;
    if (this.dedup.isDuplicate(key)) {
      this.logger.debug({ notification: label }, "notification suppressed: sent recently");
      return;
    }
    const time = event.time ?? this.clock.now();
    for (const t of wanted) {
      try {
        const payload =
          t.config.type === "slack"
            ? slackPayload(event, time, t.config.template)
            : webhookPayload(event, time, t.config.template);
        t.queue.push({ body: JSON.stringify(payload), label });
      } catch (e) {
        this.logger.error({ target: t.config.name, notification: label, err: e }, "notification not queued");
      }
    }
  }

  /** Per target: how many notifications wait (the one in flight included). */
  queueDepths(): Record<string, number> {
    return Object.fromEntries(this.targets.map((t) => [t.config.name, t.queue.depth]));
  }

  /** Resolves when every queue is empty. */
  async idle(): Promise<void> {
    await Promise.all(this.targets.map((t) => t.queue.idle()));
  }

  /**
   * Gives queued notifications up to `drainMs` to go out (a "sync failed" just before a shutdown is
   * worth a second), then drops the rest and aborts what is in flight.
   */
  async close(drainMs = 2_000): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([this.idle(), new Promise<void>((resolve) => (timer = setTimeout(resolve, drainMs)))]);
    clearTimeout(timer);
    for (const t of this.targets) t.queue.close();
  }
}
