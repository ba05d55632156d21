// Headers between client and backend. Hop-by-hop headers (RFC 9110 §7.6.1: Connection and every
// header it names, Keep-Alive, Proxy-*, TE, Trailer, Transfer-Encoding, Upgrade) are dropped in both
// directions; Host is kept as the client sent it. berth appends the client to X-Forwarded-For and
// sets X-Forwarded-Proto, -Host, -Port and X-Real-IP itself (client values would let anyone claim
// to have come over HTTPS), and keeps or adds an X-Request-ID, as ingress-nginx does.
// Body framing is the transport's: Node de-chunked the request, and undici frames it again (chunked
// without Content-Length, Content-Length: 0 for a bodiless POST).
// Headers stay flat [name, value, …] arrays (IncomingMessage.rawHeaders) to keep case, order and
// repeated fields such as Set-Cookie.

export interface ForwardInfo {
  clientAddress: string;
  proto: "http" | "https";
  /** The port the client connected to. */
  localPort: number;
  requestId: string;
  /** Used when the client sent no Host (HTTP/1.0): the endpoint's address. */
  fallbackHost: string;
  /** Keep Connection: upgrade and Upgrade (a WebSocket handshake). */
  upgrade: boolean;
}

const ALWAYS_HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "proxy-connection",
  "proxy-authenticate",
  "proxy-authorization",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
]);

/** Headers berth sets itself and never copies from the client. */
const SET_BY_INGRESS = new Set(["x-forwarded-proto", "x-forwarded-host", "x-forwarded-port", "x-real-ip"]);

/** Header names listed in Connection (lower-cased); undefined when there is no Connection header. */
function connectionTokens(raw: readonly (string | Buffer)[]): Set<string> | undefined {
  let out: Set<string> | undefined;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i];
    // The length test spares lower-casing every other name (this runs on every request).
    if (name?.length !== 10 || name.toString("latin1").toLowerCase() !== "connection") continue;
    out ??= new Set<string>();
    for (const t of (raw[i + 1] ?? "").toString("latin1").split(",")) {
      const token = t.trim().toLowerCase();
      if (token !== "") out.add(token);
    }
  }
  return out;
}

/** "::ffff:127.0.0.1" → "127.0.0.1". */
export function clientAddress(remote: string | undefined): string {
  if (remote === undefined) return "";
  return remote.startsWith("::ffff:") && remote.includes(".") ? remote.slice(7) : remote;
}

export function upstreamRequestHeaders(raw: readonly string[], info: ForwardInfo): string[] {
  const named = connectionTokens(raw);
  const out: string[] = [];
  const forwardedFor: string[] = [];
  let host: string | undefined;
  let requestId: string | undefined;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i] ?? "";
    const value = raw[i + 1] ?? "";
    const lower = name.toLowerCase();
    if (info.upgrade && (lower === "upgrade" || lower === "connection")) {
      out.push(name, value);
      continue;
    }
    if (
      ALWAYS_HOP_BY_HOP.has(lower) ||
      named?.has(lower) === true ||
      SET_BY_INGRESS.has(lower) ||
      lower === "expect"
    )
      continue;
    if (lower === "x-forwarded-for") {
      forwardedFor.push(value);
      continue;
    }
    if (lower === "host") host ??= value;
    if (lower === "x-request-id") requestId ??= value;
    out.push(name, value);
  }
  if (host === undefined) out.push("Host", info.fallbackHost);
  if (requestId === undefined) out.push("X-Request-ID", info.requestId);
  forwardedFor.push(info.clientAddress);
  out.push(
    "X-Forwarded-For",
    forwardedFor.join(", "),
    "X-Real-IP",
    info.clientAddress,
    "X-Forwarded-Proto",
    info.proto,
    "X-Forwarded-Host",
    host ?? info.fallbackHost,
    "X-Forwarded-Port",
    String(info.localPort),
  );
  return out;
}

/**
 * The backend's response headers for the client: hop-by-hop removed (Node frames the body). Takes
 * node:http's string list or undici's Buffer list, so undici's needs no converted copy first.
 */
export function clientResponseHeaders(raw: readonly (string | Buffer)[]): string[] {
  const named = connectionTokens(raw);
  const out: string[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = (raw[i] ?? "").toString("latin1");
    const lower = name.toLowerCase();
    if (ALWAYS_HOP_BY_HOP.has(lower) || named?.has(lower) === true) continue;
    out.push(name, (raw[i + 1] ?? "").toString("latin1"));
  }
  return out;
}

/** The first value of a header in a raw list (lower-case name). */
export function rawHeader(raw: readonly string[], lowerName: string): string | undefined {
  for (let i = 0; i + 1 < raw.length; i += 2)
    if ((raw[i] ?? "").toLowerCase() === lowerName) return raw[i + 1];
  return undefined;
}
