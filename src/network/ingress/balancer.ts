// Round-robin over a Service port's endpoints, with nginx-style passive health: an endpoint whose
// connection just failed goes to the back of the order for `failTimeoutMs` (nginx: max_fails=1,
// fail_timeout=10s), so most requests skip a dead pod until the endpoint list drops it.

import type { Clock } from "../../util/clock.js";
import { endpointAddress, type BackendEndpoint } from "./resolver.js";

export const DEFAULT_FAIL_TIMEOUT_MS = 10_000;

export class RoundRobin {
  private readonly next = new Map<string, number>();
  private readonly failedUntil = new Map<string, number>();

  constructor(
    private readonly clock: Clock,
    private readonly failTimeoutMs: number = DEFAULT_FAIL_TIMEOUT_MS,
  ) {}

  /** The endpoints in the order to try them for one request; advances the rotation for `key`. */
  order(key: string, endpoints: readonly BackendEndpoint[]): BackendEndpoint[] {
    const n = endpoints.length;
    const only = endpoints[0];
    if (only === undefined) return [];
    // One endpoint: nothing to rotate or reorder (the usual case for small Services).
    if (n === 1) return [only];
    const start = (this.next.get(key) ?? 0) % n;
    this.next.set(key, (start + 1) % n);
    const rotated = [...endpoints.slice(start), ...endpoints.slice(0, start)];
    if (this.failedUntil.size === 0) return rotated;
    const now = this.clock.now();
    const healthy: BackendEndpoint[] = [];
    const failed: BackendEndpoint[] = [];
    for (const e of rotated) {
      const until = this.failedUntil.get(endpointAddress(e));
      if (until !== undefined && until > now) failed.push(e);
      else healthy.push(e);
    }
    return failed.length === 0 ? rotated : [...healthy, ...failed];
  }

  markFailed(e: BackendEndpoint): void {
    const now = this.clock.now();
    this.failedUntil.set(endpointAddress(e), now + this.failTimeoutMs);
    for (const [k, until] of this.failedUntil) if (until <= now) this.failedUntil.delete(k);
  }

  markSucceeded(e: BackendEndpoint): void {
    if (this.failedUntil.size > 0) this.failedUntil.delete(endpointAddress(e));
  }
}
