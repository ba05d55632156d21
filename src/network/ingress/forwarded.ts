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

/**
 * Adds the header names a Connection value lists (lower-cased) to `into`, skipping the ones always
 * dropped: the usual `Connection: keep-alive` then costs no Set.
 */
function addConnectionTokens(into: Set<string> | undefined, value: string): Set<string> | undefined {
  let out = into;
  for (const t of value.split(",")) {
    const token = t.trim().toLowerCase();
    if (token === "" || ALWAYS_HOP_BY_HOP.has(token)) continue;
    out ??= new Set<string>();
    out.add(token);
  }
  return out;
}

/** Header names listed in Connection; undefined when it names none beyond the always-dropped ones. */
function connectionTokens(raw: readonly string[]): Set<string> | undefined {
  let out: Set<string> | undefined;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i] ?? "";
    // The length test spares lower-casing every other name (this runs on every request).
    if (name.length === 10 && name.toLowerCase() === "connection")
      out = addConnectionTokens(out, raw[i + 1] ?? "");
  }
  return out;
}

/**
 * Which name lengths can be a header that is dropped or handled specially, so that other names
 * (Accept, User-Agent, Content-Type, …) are passed on without being lower-cased first.
 */
function lengthsOf(names: Iterable<string>): (length: number) => boolean {
  const table = new Uint8Array(32);
  for (const n of names) table[n.length] = 1;
  return (length) => length < table.length && table[length] === 1;
}
const REQUEST_SPECIAL_LENGTH = lengthsOf([
  ...ALWAYS_HOP_BY_HOP,
  ...SET_BY_INGRESS,
  "expect",
  "x-forwarded-for",
  "host",
  "x-request-id",
]);
const RESPONSE_SPECIAL_LENGTH = lengthsOf(ALWAYS_HOP_BY_HOP);

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
    if (named === undefined && !REQUEST_SPECIAL_LENGTH(name.length)) {
      out.push(name, value);
      continue;
    }
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
 * node:http's string list or undici's Buffer list. One pass; names of uncommon length are not even
 * lower-cased. Headers a Connection header names (rare: it usually says keep-alive) are removed
 * afterwards, wherever they stood.
 */
export function clientResponseHeaders(raw: readonly (string | Buffer)[]): string[] {
  const strings =
    typeof raw[0] === "string" ? (raw as readonly string[]) : latin1Strings(raw as readonly Buffer[]);
  const out: string[] = [];
  let named: Set<string> | undefined;
  for (let i = 0; i + 1 < strings.length; i += 2) {
    const name = strings[i] ?? "";
    const value = strings[i + 1] ?? "";
    if (RESPONSE_SPECIAL_LENGTH(name.length)) {
      const lower = name.toLowerCase();
      // `Connection: keep-alive`, what backends send, names nothing else: not worth a split.
      if (lower === "connection" && value.toLowerCase() !== "keep-alive")
        named = addConnectionTokens(named, value);
      if (ALWAYS_HOP_BY_HOP.has(lower)) continue;
    }
    out.push(name, value);
  }
  return named === undefined ? out : withoutNamed(out, named);
}

/**
 * undici's header Buffers as latin1 strings: all converted at once and then sliced, which costs
 * half of converting each Buffer (every conversion is a call into C++ and a new string).
 */
function latin1Strings(raw: readonly Buffer[]): string[] {
  const all = Buffer.concat(raw).toString("latin1");
  const out: string[] = [];
  let at = 0;
  for (const b of raw) {
    out.push(all.slice(at, at + b.length));
    at += b.length;
  }
  return out;
}

function withoutNamed(headers: readonly string[], named: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < headers.length; i += 2) {
    const name = headers[i] ?? "";
    if (!named.has(name.toLowerCase())) out.push(name, headers[i + 1] ?? "");
  }
  return out;
}

/** The first value of a header in a raw list (lower-case name). */
export function rawHeader(raw: readonly string[], lowerName: string): string | undefined {
  for (let i = 0; i + 1 < raw.length; i += 2)
    if ((raw[i] ?? "").toLowerCase() === lowerName) return raw[i + 1];
  return undefined;
}
