// POSTing a notification with fetch (undici, built into Node). The URL and headers are secrets (Slack
// and most chat webhooks carry their token in the URL): they are revealed only for the request, and
// every result this returns describes failures without them.

import type { Secret } from "../config/secret.js";
import { BERTH_VERSION } from "../version.js";
import type { Send, SendResult } from "./delivery-queue.js";

function retryAfterMs(header: string | null, now: number): number | undefined {
  if (header === null) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** A short reason for a failed fetch: the error code of the cause (ECONNREFUSED, ...), never a URL. */
function fetchFailure(e: unknown, signal: AbortSignal): string {
  if (signal.aborted) return "timed out";
  const cause = (e as { cause?: { code?: unknown; name?: unknown } } | undefined)?.cause;
  if (typeof cause?.code === "string") return cause.code;
  if (typeof cause?.name === "string") return cause.name;
  return e instanceof Error ? e.name : "request failed";
}

function retryableStatus(status: number): boolean {
  return status >= 500 || status === 408 || status === 429;
}

/** A Send that POSTs JSON to `url` with `headers` added. */
export function httpSend(url: Secret, headers: Record<string, Secret>): Send {
  return async (body, signal): Promise<SendResult> => {
    const extra = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, v.reveal()]));
    let res: Response;
    try {
      res = await fetch(url.reveal(), {
        method: "POST",
        headers: {
          "user-agent": `berth/${BERTH_VERSION}`,
          ...extra,
          "content-type": "application/json",
        },
        body,
        signal,
        // A redirect would turn the POST into a GET elsewhere; the URL should name the receiver.
        redirect: "manual",
      });
    } catch (e) {
      return { ok: false, retryable: true, error: fetchFailure(e, signal) };
    }
    // The body is not needed; reading it frees the connection for reuse.
    await res.arrayBuffer().catch(() => undefined);
    if (res.status >= 200 && res.status < 300) return { ok: true, status: res.status, retryable: false };
    const after = retryAfterMs(res.headers.get("retry-after"), Date.now());
    return {
      ok: false,
      status: res.status,
      retryable: retryableStatus(res.status),
      error:
        res.status >= 300 && res.status < 400
          ? `HTTP ${res.status} (redirect): point the URL at the final address`
          : `HTTP ${res.status}`,
      ...(after !== undefined ? { retryAfterMs: after } : {}),
    };
  };
}
