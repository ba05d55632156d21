// Ingress path semantics (networking.k8s.io/v1): Exact is a case-sensitive string match; Prefix
// matches element by element on '/' so `/foo` covers `/foo`, `/foo/` and `/foo/bar` but not
// `/foobar`, and a trailing slash on either side is ignored. berth treats ImplementationSpecific
// as Prefix (a literal prefix, never a regular expression).

import type { PathType } from "../../manifest/types.js";

/** How a compiled path matches: Exact, or element-wise prefix (Prefix and ImplementationSpecific). */
export type PathMatchKind = "Exact" | "Prefix";

export function matchKindOf(pathType: PathType): PathMatchKind {
  return pathType === "Exact" ? "Exact" : "Prefix";
}

/** A Prefix rule path without trailing slashes; "" for `/` (which then matches every path). */
export function prefixKey(rulePath: string): string {
  let end = rulePath.length;
  while (end > 0 && rulePath.charCodeAt(end - 1) === 47 /* '/' */) end -= 1;
  return rulePath.slice(0, end);
}

/** Element-wise prefix match of a request path against a key from prefixKey. */
export function prefixMatches(key: string, path: string): boolean {
  if (key === "") return true;
  if (!path.startsWith(key)) return false;
  return path.length === key.length || path.charCodeAt(key.length) === 47;
}

const UNRESERVED = /%(?:[46][1-9a-fA-F]|[57][0-9aA]|3[0-9]|2[dDeE]|5[fF]|7[eE])/g;

/**
 * The request path as routing sees it: percent-escapes of unreserved characters decoded and dot
 * segments removed (RFC 3986 §6.2.2), so `/%61pi/../admin` cannot slip past a rule for `/admin`.
 * Reserved escapes such as `%2F` stay encoded. The backend still receives the path as sent.
 */
export function normalizeRequestPath(rawPath: string): string {
  let path = rawPath === "" ? "/" : rawPath;
  if (path.includes("%"))
    path = path.replace(UNRESERVED, (e) => String.fromCharCode(parseInt(e.slice(1), 16)));
  if (path.includes("/.")) path = removeDotSegments(path);
  return path.startsWith("/") ? path : `/${path}`;
}

/** RFC 3986 §5.2.4 for an absolute path. */
export function removeDotSegments(path: string): string {
  const segments = path.split("/");
  const out: string[] = [];
  for (let i = 1; i < segments.length; i += 1) {
    const s = segments[i] ?? "";
    const last = i === segments.length - 1;
    if (s === ".") {
      if (last) out.push("");
    } else if (s === "..") {
      out.pop();
      if (last) out.push("");
    } else {
      out.push(s);
    }
  }
  return `/${out.join("/")}`;
}
