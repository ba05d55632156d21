// Kubernetes Services on Docker hosts (docs/services.md): the public surface.

export { ServiceController } from "./controller.js";
export type { AllocationBook, ServiceControllerOptions, ServiceNode } from "./controller.js";
export { serviceEnv, serviceEnvName, serviceVariables } from "./service-env.js";
export {
  formatPublishedPorts,
  annotatedPorts,
  PUBLISHED_PORTS_ANNOTATION,
  type PublishedPort,
  type PublishedPorts,
} from "./published-ports.js";
export { podDnsAliases } from "./pod-aliases.js";
export type { BackendEndpoint, BackendResolver, ResolvedBackend } from "./resolver.js";
export { DEFAULT_NETWORK_RANGE, type NamespaceNetworkPlan } from "./subnets.js";
export { NODE_PORTS_ANNOTATION } from "./assign.js";
export { proxyContainerName, serviceAliases, SERVICE_LABEL } from "./proxy-spec.js";
export { ensureProxyImage, PROXY_REPOSITORY } from "./proxy-image.js";
