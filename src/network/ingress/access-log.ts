// One structured line per request, shaped for pino (`logger.info(entry, entry.msg)`). It names the
// route and the upstream but never request headers: Authorization and Cookie stay out, and so does
// the query string, which often carries tokens.

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

/** An AccessLogger over a pino(-like) logger. */
export function pinoAccessLogger(logger: { info(obj: object, msg: string): void }): AccessLogger {
  return (entry) => {
    const { msg, time: _time, ...rest } = entry;
    logger.info(rest, msg);
  };
}
