// What the ingress needs from the service layer: the ready endpoints of a Service port, reachable
// from the berth process (a node's address and the host port the runtime published). The
// networking module implements it from Services, Pods and published ports; tests implement it
// over servers they start.

import type { Service, ServiceBackendPort } from "../../manifest/types.js";

export interface BackendEndpoint {
  host: string;
  port: number;
  /** The pod behind it (`namespace/name` or name), for logs. */
  pod: string;
}

export interface ResolvedBackend {
  /** Ready endpoints only; empty when the Service has none (or does not exist). */
  endpoints: BackendEndpoint[];
  /** The Service, when it exists; lets the ingress explain an empty endpoint list. */
  service?: Service;
}

export interface BackendResolver {
  resolve(namespace: string, service: string, port: ServiceBackendPort): ResolvedBackend;
}

export function endpointAddress(e: { host: string; port: number }): string {
  return e.host.includes(":") ? `[${e.host}]:${e.port}` : `${e.host}:${e.port}`;
}
