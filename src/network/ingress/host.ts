// Host names as the ingress compares them: case-insensitive, without port or trailing dot, and
// `*.example.com` wildcards that stand for exactly one DNS label (Kubernetes' Ingress host rules and
// TLS hosts share this matching).

/** Lower-cased, without a trailing dot. IPv6 literals keep their brackets. */
export function normalizeHost(host: string): string {
  const h = host.trim().toLowerCase();
  return h.endsWith(".") ? h.slice(0, -1) : h;
}

/**
 * The host part of a Host header (or of an absolute request-target's authority), normalised:
 * `Example.COM:8080` → `example.com`, `[::1]:443` → `[::1]`. Empty when the header is absent.
 */
export function hostFromHeader(header: string | undefined): string {
  if (header === undefined) return "";
  const value = header.trim();
  if (value.startsWith("[")) {
    const end = value.indexOf("]");
    return end === -1 ? normalizeHost(value) : normalizeHost(value.slice(0, end + 1));
  }
  const colon = value.lastIndexOf(":");
  return normalizeHost(colon === -1 ? value : value.slice(0, colon));
}

export function isWildcardHost(pattern: string): boolean {
  return pattern.startsWith("*.");
}

/**
 * The wildcard pattern that would match `host`: the host with its first label replaced by `*`
 * (`a.b.example.com` → `*.b.example.com`). Undefined for a single-label host or an IP literal,
 * which no wildcard matches.
 */
export function wildcardFor(host: string): string | undefined {
  if (host.startsWith("[")) return undefined;
  const dot = host.indexOf(".");
  if (dot <= 0 || dot === host.length - 1) return undefined;
  return `*${host.slice(dot)}`;
}

/** Exact host match, or a `*.` wildcard matching exactly one leading label. Both sides normalised. */
export function hostMatches(pattern: string, host: string): boolean {
  if (isWildcardHost(pattern)) return wildcardFor(host) === pattern;
  return pattern === host;
}
