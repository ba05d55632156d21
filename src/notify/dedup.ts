// Suppresses a notification identical to one sent within the window: an app whose health flaps
// between Healthy and Degraded would otherwise page on every flap. "Identical" is the same event,
// app, revision, message, health and sync status; the time does not count.

import type { Clock } from "../util/clock.js";

export class Deduplicator {
  private readonly lastSeen = new Map<string, number>();

  constructor(
    private readonly windowMs: number,
    private readonly clock: Clock,
  ) {}

  /** True when `key` was let through less than the window ago; else records it and returns false. */
  isDuplicate(key: string): boolean {
    const now = this.clock.now();
    for (const [k, at] of this.lastSeen) if (now - at >= this.windowMs) this.lastSeen.delete(k);
    if (this.windowMs > 0 && this.lastSeen.has(key)) return true;
    this.lastSeen.set(key, now);
    return false;
  }
}
