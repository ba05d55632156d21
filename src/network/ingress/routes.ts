// The routing table: every served Ingress compiled into virtual hosts, and the lookup a request
// goes through. Pure; the server recompiles it whenever an Ingress changes.
//
// Lookup, as Kubernetes documents it and ingress-nginx, GKE and Envoy-based controllers behave:
// 1. The host picks one virtual host: an exact host rule first, else the `*.` wildcard matching
//    the first label, else the rules without host. Paths never fall through to another host.
// 2. Within it the longest matching path wins; on a tie Exact beats Prefix.
// 3. No path matches: the virtual host's fallback, the defaultBackend of the oldest Ingress that
//    contributes rules to this host and has one, else the global default backend (the oldest
//    Ingress's defaultBackend). No virtual host matches: the global default backend. Nothing: 404.

import type { Ingress, IngressBackend, PathType, ServiceBackendPort } from "../../manifest/types.js";
import { isWildcardHost, normalizeHost, wildcardFor } from "./host.js";
import { refName, refOf, servedIngresses, type IngressRef } from "./ingress-set.js";
import { matchKindOf, prefixKey, prefixMatches, type PathMatchKind } from "./paths.js";
import type { IngressWarning } from "./warnings.js";

export type RouteTarget =
  | { kind: "service"; namespace: string; service: string; port: ServiceBackendPort }
  | { kind: "unsupported"; reason: string };

export interface CompiledPath {
  match: PathMatchKind;
  pathType: PathType;
  /** As written in the Ingress. */
  path: string;
  /** What is compared: the exact path, or the prefix without trailing slashes. */
  key: string;
  target: RouteTarget;
  ingress: IngressRef;
}

export interface DefaultRoute {
  target: RouteTarget;
  ingress: IngressRef;
}

export interface VirtualHost {
  /** Normalised host or wildcard; "" for rules without host. */
  host: string;
  /** In precedence order: longest key first, Exact before Prefix on equal length. */
  paths: CompiledPath[];
  fallback?: DefaultRoute;
  /** Ingresses contributing rules, oldest first. */
  ingresses: IngressRef[];
}

export interface RoutingTable {
  exact: ReadonlyMap<string, VirtualHost>;
  wildcard: ReadonlyMap<string, VirtualHost>;
  anyHost?: VirtualHost;
  defaultBackend?: DefaultRoute;
  served: IngressRef[];
  warnings: IngressWarning[];
}

export interface RouteMatch {
  target: RouteTarget;
  ingress: IngressRef;
  /** The virtual host that matched ("" for rules without host); undefined for the global default. */
  host?: string;
  /** The matching path rule; undefined when a default backend answered. */
  path?: { path: string; pathType: PathType };
}

export function describeTarget(t: RouteTarget): string {
  if (t.kind === "unsupported") return t.reason;
  const port = t.port.number !== undefined ? String(t.port.number) : (t.port.name ?? "?");
  return `service ${t.service}:${port}`;
}

function targetOf(ing: Ingress, backend: IngressBackend): RouteTarget {
  const ns = ing.metadata.namespace ?? "default";
  const svc = backend.service;
  if (svc) {
    if (svc.port.number !== undefined) {
      return { kind: "service", namespace: ns, service: svc.name, port: { number: svc.port.number } };
    }
    if (svc.port.name !== undefined && svc.port.name !== "") {
      return { kind: "service", namespace: ns, service: svc.name, port: { name: svc.port.name } };
    }
    return { kind: "unsupported", reason: `backend service ${svc.name} names no port` };
  }
  if (backend.resource) {
    const r = backend.resource;
    return {
      kind: "unsupported",
      reason: `resource backend ${r.kind} ${ns}/${r.name} is not supported by berth's ingress`,
    };
  }
  return { kind: "unsupported", reason: "backend names neither a service nor a resource" };
}

function comparePaths(a: CompiledPath, b: CompiledPath): number {
  if (a.key.length !== b.key.length) return b.key.length - a.key.length;
  if (a.match !== b.match) return a.match === "Exact" ? -1 : 1;
  return 0;
}

interface Builder {
  hosts: Map<string, VirtualHost>;
  warnings: IngressWarning[];
}

function vhostFor(b: Builder, host: string, ref: IngressRef): VirtualHost {
  let v = b.hosts.get(host);
  if (!v) {
    v = { host, paths: [], ingresses: [] };
    b.hosts.set(host, v);
  }
  if (!v.ingresses.some((r) => refName(r) === refName(ref))) v.ingresses.push(ref);
  return v;
}

function validHost(host: string): boolean {
  const rest = isWildcardHost(host) ? host.slice(2) : host;
  return rest !== "" && !rest.includes("*") && !/[\s/:]/.test(rest);
}

function addRules(b: Builder, ing: Ingress, ref: IngressRef): void {
  const warn = (reason: IngressWarning["reason"], message: string): void => {
    b.warnings.push({ ingress: ref, reason, message });
  };
  (ing.spec.rules ?? []).forEach((rule, ri) => {
    const host = normalizeHost(rule.host ?? "");
    if (host !== "" && !validHost(host)) {
      warn(
        "InvalidRule",
        `spec.rules[${ri}].host "${rule.host ?? ""}" is not a host or *.wildcard; rule ignored`,
      );
      return;
    }
    const vhost = vhostFor(b, host, ref);
    const shown = host === "" ? "(any host)" : `"${host}"`;
    (rule.http?.paths ?? []).forEach((p, pi) => {
      const field = `spec.rules[${ri}].http.paths[${pi}]`;
      const path = p.path === undefined || p.path === "" ? "/" : p.path;
      if (!path.startsWith("/")) {
        warn("InvalidRule", `${field}.path "${path}" does not start with "/"; path ignored`);
        return;
      }
      const match = matchKindOf(p.pathType);
      const compiled: CompiledPath = {
        match,
        pathType: p.pathType,
        path,
        key: match === "Exact" ? path : prefixKey(path),
        target: targetOf(ing, p.backend),
        ingress: ref,
      };
      if (compiled.target.kind === "unsupported") {
        warn("UnsupportedBackend", `${field}.backend: ${compiled.target.reason}; requests for it get 503`);
      }
      const taken = vhost.paths.find((q) => q.match === match && q.key === compiled.key);
      if (taken) {
        const owner =
          refName(taken.ingress) === refName(ref)
            ? "an earlier path of this Ingress"
            : `Ingress ${refName(taken.ingress)}`;
        warn(
          "PathConflict",
          `${field}: host ${shown} path "${path}" (${p.pathType}) is already served by ${owner} ` +
            `(${describeTarget(taken.target)}); this path (${describeTarget(compiled.target)}) is not used`,
        );
        return;
      }
      vhost.paths.push(compiled);
    });
  });
}

/** Compiles every served Ingress (class "berth" or none) into a routing table. */
export function compileRoutes(
  ingresses: readonly Ingress[],
  opts: { className?: string } = {},
): RoutingTable {
  const served = servedIngresses(ingresses, opts.className);
  const b: Builder = { hosts: new Map(), warnings: [] };
  const defaults = new Map<string, DefaultRoute>();
  let global: DefaultRoute | undefined;
  for (const ing of served) {
    const ref = refOf(ing);
    addRules(b, ing, ref);
    const db = ing.spec.defaultBackend;
    if (db) {
      const route = { target: targetOf(ing, db), ingress: ref };
      if (route.target.kind === "unsupported") {
        b.warnings.push({
          ingress: ref,
          reason: "UnsupportedBackend",
          message: `spec.defaultBackend: ${route.target.reason}; requests for it get 503`,
        });
      }
      defaults.set(refName(ref), route);
      global ??= route;
    }
  }
  const used = new Set<string>();
  if (global) used.add(refName(global.ingress));
  const exact = new Map<string, VirtualHost>();
  const wildcard = new Map<string, VirtualHost>();
  let anyHost: VirtualHost | undefined;
  for (const v of b.hosts.values()) {
    v.paths.sort(comparePaths);
    const own = v.ingresses.map((r) => defaults.get(refName(r))).find((d) => d !== undefined);
    const fallback = own ?? global;
    if (fallback) {
      v.fallback = fallback;
      used.add(refName(fallback.ingress));
    }
    if (v.host === "") anyHost = v;
    else if (isWildcardHost(v.host)) wildcard.set(v.host, v);
    else exact.set(v.host, v);
  }
  for (const [name, d] of defaults) {
    if (used.has(name) || !global) continue;
    b.warnings.push({
      ingress: d.ingress,
      reason: "DefaultBackendIgnored",
      message:
        `spec.defaultBackend (${describeTarget(d.target)}) is not used: Ingress ${refName(global.ingress)} ` +
        `is older and its defaultBackend answers requests no rule matches`,
    });
  }
  const table: RoutingTable = { exact, wildcard, served: served.map(refOf), warnings: b.warnings };
  if (anyHost) table.anyHost = anyHost;
  if (global) table.defaultBackend = global;
  return table;
}

/** The virtual host a (normalised) request host selects. */
export function selectVirtualHost(table: RoutingTable, host: string): VirtualHost | undefined {
  const exact = table.exact.get(host);
  if (exact) return exact;
  const pattern = wildcardFor(host);
  const wild = pattern === undefined ? undefined : table.wildcard.get(pattern);
  return wild ?? table.anyHost;
}

function pathMatches(p: CompiledPath, path: string): boolean {
  return p.match === "Exact" ? p.key === path : prefixMatches(p.key, path);
}

/**
 * The route for a request: `host` normalised (hostFromHeader), `path` normalised
 * (normalizeRequestPath). Undefined when nothing, not even a default backend, applies.
 */
export function matchRoute(table: RoutingTable, host: string, path: string): RouteMatch | undefined {
  const vhost = selectVirtualHost(table, host);
  if (vhost) {
    const p = vhost.paths.find((c) => pathMatches(c, path));
    if (p) {
      return {
        target: p.target,
        ingress: p.ingress,
        host: vhost.host,
        path: { path: p.path, pathType: p.pathType },
      };
    }
    return vhost.fallback ? { ...vhost.fallback, host: vhost.host } : undefined;
  }
  return table.defaultBackend ? { ...table.defaultBackend } : undefined;
}
