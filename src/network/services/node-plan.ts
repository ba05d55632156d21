// What should run on one node and how to get there from what runs (pure). The controller's node
// worker observes the engine, calls these, and carries the result out.

import { createHash } from "node:crypto";
import type { Pod, Service } from "../../manifest/types.js";
import { namespaceNetworkName } from "../../runtime/labels.js";
import { wantsClusterIP } from "./assign.js";
import { buildPodProxySpec, headlessMembers, podProxyConfig } from "./pod-proxies.js";
import { proxyConfigFor } from "./proxy-config.js";
import type { ObservedProxy } from "./proxy-docker.js";
import { buildProxySpec, type ProxySpec } from "./proxy-spec.js";
import type { ReachContext } from "./targets.js";

export interface DesiredProxy {
  /** The Service's uid, or "pod:<uid>" for a headless endpoint pod's proxy. */
  uid: string;
  namespace: string;
  name: string;
  spec: ProxySpec;
  /** The endpoint list as written into the container, and its hash. */
  configJson: string;
  configHash: string;
}

export interface DesiredNodeInput {
  node: string;
  image: string;
  clusterDomain: string;
  /** Services as assigned (cluster IP in spec); those without one get no proxy. */
  services: readonly Service[];
  pods: readonly Pod[];
  reach: ReachContext;
  /** Whether the namespace's network on this node follows berth's plan (static IPs possible). */
  staticIPUsable(namespace: string): boolean;
  /** Services whose LoadBalancer ports could not be bound on this node. */
  loadBalancerBlocked: ReadonlySet<string>;
}

export interface ServiceWarning {
  service: Service;
  reason: string;
  message: string;
}

export function needsProxy(s: Service): boolean {
  const ip = s.spec.clusterIP;
  return (
    wantsClusterIP(s) &&
    ip !== undefined &&
    ip !== "" &&
    ip !== "None" &&
    s.metadata.deletionTimestamp === undefined
  );
}

export function desiredProxies(input: DesiredNodeInput): {
  proxies: DesiredProxy[];
  warnings: ServiceWarning[];
} {
  const proxies: DesiredProxy[] = [];
  const warnings: ServiceWarning[] = [];
  for (const service of input.services) {
    if (!needsProxy(service)) continue;
    const ns = service.metadata.namespace ?? "default";
    const uid = service.metadata.uid ?? "";
    const staticOk = input.staticIPUsable(ns);
    const spec = buildProxySpec({
      service,
      node: input.node,
      image: input.image,
      clusterDomain: input.clusterDomain,
      ...(staticOk && service.spec.clusterIP ? { staticIP: service.spec.clusterIP } : {}),
      loadBalancerPorts: !input.loadBalancerBlocked.has(uid),
    });
    const r = proxyConfigFor(service, input.pods, input.node, input.reach);
    const configJson = `${JSON.stringify(r.config)}\n`;
    proxies.push({
      uid,
      namespace: ns,
      name: service.metadata.name,
      spec,
      configJson,
      configHash: createHash("sha256").update(configJson).digest("hex").slice(0, 16),
    });
    if (!staticOk) {
      warnings.push({
        service,
        reason: "ClusterIPUnreachable",
        message: `network ${namespaceNetworkName(ns)} on node ${input.node} was not created with berth's subnet, so cluster IP ${service.spec.clusterIP ?? ""} does not answer there (the service names do); remove the namespace's pods from that node so berth can recreate the network`,
      });
    }
    if (r.unreachable.length > 0) {
      warnings.push({
        service,
        reason: "EndpointsUnreachable",
        message: `node ${input.node} cannot reach ${r.unreachable.join("; ")}`,
      });
    }
    if (r.unsupported.length > 0) {
      warnings.push({
        service,
        reason: "UnsupportedProtocol",
        message: `the service proxy does not carry ${r.unsupported.join(", ")}`,
      });
    }
  }
  for (const m of headlessMembers(input.services, input.pods, input.clusterDomain)) {
    const spec = buildPodProxySpec(m, input.node, input.image);
    const configJson = `${JSON.stringify(podProxyConfig(m.pod, input.node, input.reach))}\n`;
    proxies.push({
      uid: `pod:${m.pod.metadata.uid ?? ""}`,
      namespace: m.pod.metadata.namespace ?? "default",
      name: m.pod.metadata.name,
      spec,
      configJson,
      configHash: createHash("sha256").update(configJson).digest("hex").slice(0, 16),
    });
  }
  proxies.sort((a, b) => (a.spec.options.name < b.spec.options.name ? -1 : 1));
  return { proxies, warnings };
}

export interface NodePlan {
  remove: ObservedProxy[];
  create: DesiredProxy[];
  keep: { desired: DesiredProxy; observed: ObservedProxy }[];
}

/**
 * Keep a running or restartable proxy of the same Service (uid) and spec hash; remove the rest
 * (deleted Services, outdated specs, duplicates); create what is missing.
 */
export function planNode(desired: readonly DesiredProxy[], observed: readonly ObservedProxy[]): NodePlan {
  const plan: NodePlan = { remove: [], create: [], keep: [] };
  const claimed = new Set<string>();
  for (const d of desired) {
    const match = observed.find(
      (o) =>
        !claimed.has(o.id) &&
        o.serviceUid === d.uid &&
        o.specHash === d.spec.specHash &&
        o.name === d.spec.options.name &&
        o.state !== "dead" &&
        o.state !== "removing",
    );
    if (match) {
      claimed.add(match.id);
      plan.keep.push({ desired: d, observed: match });
    } else plan.create.push(d);
  }
  for (const o of observed) if (!claimed.has(o.id)) plan.remove.push(o);
  return plan;
}

/** The other namespaces' networks the proxy still has to join, with the aliases to join with. */
export function networksToJoin(
  d: DesiredProxy,
  connected: readonly string[],
  namespaceNetworks: readonly { name: string; namespace: string }[],
): { network: string; aliases: string[] }[] {
  const have = new Set(connected);
  return namespaceNetworks
    .filter((n) => n.name !== d.spec.network && !have.has(n.name))
    .map((n) => ({ network: n.name, aliases: d.spec.otherAliases }));
}
