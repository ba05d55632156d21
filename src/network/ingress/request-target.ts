// What routing reads from a request: the host (Host header, or the authority of an absolute-form
// request-target, which RFC 9112 §3.2.2 says wins) and the path without query.

import { hostFromHeader } from "./host.js";
import { normalizeRequestPath } from "./paths.js";

export interface RequestTarget {
  /** Normalised host for routing ("" when none was sent). */
  host: string;
  /** The Host value to forward (the authority for absolute-form). */
  hostHeader: string | undefined;
  /** The path as sent, without query: what messages and logs show. */
  path: string;
  /** The path routing compares (normalizeRequestPath). */
  matchPath: string;
  /** The origin-form target to send upstream: path and query as sent. */
  upstreamTarget: string;
}

export function parseRequestTarget(url: string, hostHeader: string | undefined): RequestTarget {
  let target = url;
  let host = hostHeader;
  if (!url.startsWith("/") && /^https?:\/\//i.test(url)) {
    const rest = url.slice(url.indexOf("//") + 2);
    const slash = rest.search(/[/?]/);
    const authority = slash === -1 ? rest : rest.slice(0, slash);
    host = authority.slice(authority.lastIndexOf("@") + 1);
    target = slash === -1 ? "/" : rest.slice(slash);
    if (target.startsWith("?")) target = `/${target}`;
  }
  const q = target.indexOf("?");
  const path = q === -1 ? target : target.slice(0, q);
  return {
    host: hostFromHeader(host),
    hostHeader: host,
    path,
    matchPath: normalizeRequestPath(path),
    upstreamTarget: target,
  };
}
