// The ingress controller's public surface.

export type { AccessLogEntry, AccessLogger } from "./access-log.js";
export { pinoAccessLogger } from "./access-log.js";
export type { PemPair } from "./certificates.js";
export { BERTH_INGRESS_CLASS, isServed, servedIngresses, type IngressRef } from "./ingress-set.js";
export { parseListenAddress, type ListenAddress } from "./listen-address.js";
export type { BackendEndpoint, BackendResolver, ResolvedBackend } from "./resolver.js";
export { compileRoutes, matchRoute, type RouteMatch, type RouteTarget, type RoutingTable } from "./routes.js";
export {
  IngressController,
  type IngressConfig,
  type IngressControllerOptions,
  type IngressListeners,
  type IngressStore,
} from "./server.js";
export type { IngressWarning } from "./warnings.js";
