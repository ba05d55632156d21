// From a request's host and path to the endpoints to try, or to the ingress's own error answer.
// Shared by plain requests (proxy.ts) and WebSocket handshakes (websocket.ts).

import type { RoundRobin } from "./balancer.js";
import { refName, type IngressRef } from "./ingress-set.js";
import type { RequestTarget } from "./request-target.js";
import { errorMessage } from "../../util/errors.js";
import type { BackendEndpoint, BackendResolver, ResolvedBackend } from "./resolver.js";
import {
  internalError,
  notFound,
  noEndpoints,
  portLabel,
  unsupportedBackend,
  type ErrorResponse,
} from "./responses.js";
import { matchRoute, type RouteMatch, type RouteTarget, type RoutingTable } from "./routes.js";

export type Dispatch =
  | {
      ok: true;
      route: RouteMatch;
      /** `namespace/name` of the matched Ingress. */
      ingress: string;
      /** `namespace/name:port` */
      service: string;
      /** Ordered for this request (round-robin, recently failed last); never empty. */
      endpoints: [BackendEndpoint, ...BackendEndpoint[]];
    }
  | { ok: false; error: ErrorResponse; ingress?: string; service?: string };

export function dispatch(
  table: RoutingTable,
  resolver: BackendResolver,
  balancer: RoundRobin,
  target: RequestTarget,
): Dispatch {
  const route = matchRoute(table, target.host, target.matchPath);
  if (!route) return { ok: false, error: notFound(target.host, target.path) };
  const ingress = ingressName(route.ingress);
  const t = route.target;
  if (t.kind === "unsupported") return { ok: false, error: unsupportedBackend(t.reason, ingress), ingress };
  const service = serviceLabel(t);
  let resolved: ResolvedBackend;
  try {
    resolved = resolver.resolve(t.namespace, t.service, t.port);
  } catch (e) {
    const error = internalError(`cannot resolve service ${service}: ${errorMessage(e)}`);
    return { ok: false, error, ingress, service };
  }
  const endpoints = balancer.order(service, resolved.endpoints);
  if (!isNonEmpty(endpoints)) {
    return {
      ok: false,
      error: noEndpoints(t.namespace, t.service, t.port, resolved.service),
      ingress,
      service,
    };
  }
  return { ok: true, route, ingress, service, endpoints };
}

function isNonEmpty<T>(a: T[]): a is [T, ...T[]] {
  return a.length > 0;
}

// The names of a routing table's parts, made once per table rather than per request: the same
// string objects also keep their hash for the balancer's map.
const ingressNames = new WeakMap<IngressRef, string>();
const serviceLabels = new WeakMap<ServiceTarget, string>();

function ingressName(ref: IngressRef): string {
  let name = ingressNames.get(ref);
  if (name === undefined) {
    name = refName(ref);
    ingressNames.set(ref, name);
  }
  return name;
}

type ServiceTarget = Extract<RouteTarget, { kind: "service" }>;

function serviceLabel(t: ServiceTarget): string {
  let label = serviceLabels.get(t);
  if (label === undefined) {
    label = `${t.namespace}/${t.service}:${portLabel(t.port)}`;
    serviceLabels.set(t, label);
  }
  return label;
}
