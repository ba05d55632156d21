// When a failed upstream attempt may be tried again on another endpoint. A request is only ever
// sent twice when the first copy cannot have reached the application, or when repeating it is
// harmless (RFC 9110 §9.2.2 idempotent methods, or an Idempotency-Key) and its body, if any, has
// not been consumed (berth streams bodies and keeps no copy to replay).

export const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set([
  "GET",
  "HEAD",
  "OPTIONS",
  "TRACE",
  "PUT",
  "DELETE",
]);

export interface AttemptOutcome {
  /** Request bytes were handed to a connected socket. */
  sent: boolean;
  /** A response (status line) arrived: the backend answered; nothing is retried after that. */
  responded: boolean;
  /** The backend took too long to answer; it may still be processing, so no retry. */
  timedOut: boolean;
  /** Request body bytes were already read from the client. */
  bodyConsumed: boolean;
}

export function isReplayable(method: string, hasIdempotencyKey: boolean): boolean {
  return IDEMPOTENT_METHODS.has(method) || hasIdempotencyKey;
}

export function shouldRetry(outcome: AttemptOutcome, replayable: boolean): boolean {
  if (outcome.responded || outcome.timedOut) return false;
  if (!outcome.sent) return true;
  return replayable && !outcome.bodyConsumed;
}

/** Error codes that mean the connection failed or broke, as opposed to a bug in berth. */
const CODES: Readonly<Record<string, string>> = {
  ECONNREFUSED: "connection refused",
  ECONNRESET: "connection reset",
  EPIPE: "connection reset",
  ETIMEDOUT: "connect timeout",
  E_CONNECT_TIMEOUT: "connect timeout",
  UND_ERR_CONNECT_TIMEOUT: "connect timeout",
  E_UPSTREAM_TIMEOUT: "timeout",
  UND_ERR_HEADERS_TIMEOUT: "timeout",
  UND_ERR_BODY_TIMEOUT: "timeout",
  UND_ERR_SOCKET: "connection closed before any response",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
  EADDRNOTAVAIL: "address not available",
  ENOTFOUND: "host not found",
  EAI_AGAIN: "host not found",
};

/** A short phrase for a failed attempt: "connection refused", "connection reset", … */
export function describeUpstreamError(e: unknown): string {
  const code = (e as { code?: unknown } | undefined)?.code;
  if (typeof code === "string" && code in CODES) return CODES[code] ?? code;
  if (e instanceof Error && e.message === "socket hang up") return "connection closed before any response";
  return e instanceof Error ? e.message : String(e);
}
