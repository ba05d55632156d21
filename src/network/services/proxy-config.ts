// What one node's proxy of a Service is told (pure): per service port, the addresses of the ready
// endpoints as that node reaches them. The controller writes it into the proxy container as
// /berth/run/endpoints.json; the proxy program (proxy-program.ts) reads it.

import type { Pod, Service } from "../../manifest/types.js";
import { reach, readyTargets, type ReachContext } from "./targets.js";

export const PROXY_CONFIG_DIR = "/berth/run";
export const PROXY_CONFIG_FILE = "endpoints.json";

/** Kubernetes' default sessionAffinityConfig.clientIP.timeoutSeconds. */
export const DEFAULT_AFFINITY_TIMEOUT_SECONDS = 10800;

export interface ProxyEndpoint {
  host: string;
  port: number;
  /** namespace/name of the pod (for logs). */
  pod: string;
}

export interface ProxyPort {
  name?: string;
  protocol: "TCP" | "UDP";
  port: number;
  endpoints: ProxyEndpoint[];
}

export interface ProxyConfig {
  /** namespace/name */
  service: string;
  sessionAffinity: "None" | "ClientIP";
  affinityTimeoutSeconds: number;
  ports: ProxyPort[];
}

export interface ProxyConfigResult {
  config: ProxyConfig;
  /** Ready endpoints this node cannot reach, as "pod port N/TCP: why" (for a Warning event). */
  unreachable: string[];
  /** Service ports the proxy does not serve (SCTP). */
  unsupported: string[];
}

export function proxyConfigFor(
  service: Service,
  pods: readonly Pod[],
  node: string | undefined,
  ctx: ReachContext,
): ProxyConfigResult {
  const unreachable: string[] = [];
  const unsupported: string[] = [];
  const ports: ProxyPort[] = [];
  for (const { port: sp, targets } of readyTargets(service, pods)) {
    const protocol = sp.protocol ?? "TCP";
    if (protocol === "SCTP") {
      unsupported.push(`${sp.port}/SCTP`);
      continue;
    }
    const endpoints: ProxyEndpoint[] = [];
    for (const t of targets) {
      const d = reach(node, t, protocol, ctx);
      if (d) endpoints.push(d);
      else if (ctx.portsOf(t.pod) !== undefined) {
        // Unknown ports are being asked for (ports-cache.ts); only a known gap is worth a warning.
        unreachable.push(
          `pod ${t.pod.metadata.name} port ${t.targetPort}/${protocol}: not published on node ${t.pod.spec.nodeName ?? "?"} (declare it as a containerPort)`,
        );
      }
    }
    const p: ProxyPort = { protocol, port: sp.port, endpoints };
    if (sp.name) p.name = sp.name;
    ports.push(p);
  }
  return {
    config: {
      service: `${service.metadata.namespace ?? "default"}/${service.metadata.name}`,
      sessionAffinity: service.spec.sessionAffinity === "ClientIP" ? "ClientIP" : "None",
      affinityTimeoutSeconds: affinityTimeout(service),
      ports,
    },
    unreachable,
    unsupported,
  };
}

function affinityTimeout(service: Service): number {
  const spec = service.spec as { sessionAffinityConfig?: { clientIP?: { timeoutSeconds?: number } } };
  return spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? DEFAULT_AFFINITY_TIMEOUT_SECONDS;
}
