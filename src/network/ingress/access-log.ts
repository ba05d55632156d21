// One structured line per request, shaped for pino (`logger.info(entry, entry.msg)`). It names the
// route and the upstream but never request headers: Authorization and Cookie stay out, and so does
// the query string, which often carries tokens.

import type { Logger } from "pino";

export interface AccessLogEntry {
  msg: "ingress request";
  /** Epoch milliseconds at the end of the request, as pino's `time`. */
  time: number;
  remoteAddress: string;
  method: string;
  host: string;
  path: string;
  protocol: "http" | "https";
  status: number;
  /** Response body bytes sent to the client (for a WebSocket: bytes sent to the client over the tunnel). */
  bytes: number;
  durationMs: number;
  requestId: string;
  /** The last endpoint tried, `host:port`. */
  upstream?: string;
  /** Endpoints tried (more than one after a retry). */
  attempts?: number;
  upstreamStatus?: number;
  /** `namespace/name` of the Ingress whose rule matched. */
  ingress?: string;
  /** `namespace/name:port` */
  service?: string;
  /** The client went away, or the backend broke off, before the response was complete. */
  aborted?: boolean;
  /** Why the ingress answered itself (404/502/503/504), or why the request broke off. */
  error?: string;
  userAgent?: string;
}

export type AccessLogger = (entry: AccessLogEntry) => void;

/**
 * An AccessLogger over a pino logger (the daemon's, src/notify/log.ts). Entries go through a child
 * without pino's key-based redaction: an entry has only the keys above, none of them a secret's
 * (request headers and the query are never logged), so redaction could never find anything — and
 * pino 10 copies every object it redacts: ~15 µs per request, more than the rest of berth's own
 * work on a proxied request. The stream hook that redacts credentials inside URLs still applies.
 */
export function pinoAccessLogger(logger: Logger): AccessLogger {
  const access = logger.child({}, { redact: { paths: [] } });
  return (entry) => {
    const { msg, time: _time, ...rest } = entry;
    access.info(rest, msg);
  };
}
