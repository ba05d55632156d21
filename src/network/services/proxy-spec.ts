// The proxy container of one Service on one node (pure): `berth_svc_<namespace>_<service>` on the
// namespace's network with the Service's cluster IP as its static address and the four DNS names
// as aliases, publishing node ports. Everything that can only be set at creation goes into the
// spec hash label; a different hash means remove and create again. Connections to the other
// namespaces' networks are made and dropped while it runs.

import { createHash } from "node:crypto";
import type { Service } from "../../manifest/types.js";
import { LABEL, namespaceNetworkName } from "../../runtime/labels.js";
import { wantsNodePorts } from "./assign.js";
import { PROXY_CONFIG_DIR, PROXY_CONFIG_FILE } from "./proxy-config.js";

export const SERVICE_LABEL = {
  name: "io.berth.service.name",
  namespace: "io.berth.service.namespace",
  uid: "io.berth.service.uid",
  clusterIP: "io.berth.service.cluster-ip",
} as const;

export const PROXY_ROLE = "proxy";
export const PROXY_MEMORY_BYTES = 128 * 1024 * 1024;
/** Small V8 heaps: a proxy only shuttles bytes between sockets (docs/services.md, Memory). */
export const PROXY_NODE_FLAGS = ["--max-old-space-size=16", "--max-semi-space-size=1"];
export const PROXY_NODE_PATH = "/berth/node";
export const PROXY_SCRIPT_PATH = "/berth/proxy.js";

export function proxyContainerName(namespace: string, service: string): string {
  return `berth_svc_${namespace}_${service}`;
}

/** The names a Service answers to: `<svc>` only on its own namespace's network. */
export function serviceAliases(
  namespace: string,
  service: string,
  clusterDomain: string,
  own: boolean,
): string[] {
  const qualified = [
    `${service}.${namespace}`,
    `${service}.${namespace}.svc`,
    `${service}.${namespace}.svc.${clusterDomain}`,
  ];
  return own ? [service, ...qualified] : qualified;
}

export interface PortBinding {
  HostIp: string;
  HostPort: string;
}

export interface ProxyCreateOptions {
  name: string;
  Image: string;
  Labels: Record<string, string>;
  Entrypoint: string[];
  Cmd: string[];
  User: string;
  ExposedPorts: Record<string, Record<string, never>>;
  HostConfig: {
    NetworkMode: string;
    RestartPolicy: { Name: "always" };
    PortBindings: Record<string, PortBinding[]>;
    Memory: number;
    MemorySwap: number;
    CapDrop: string[];
    SecurityOpt: string[];
    Sysctls: Record<string, string>;
    LogConfig: { Type: string; Config: Record<string, string> };
  };
  NetworkingConfig: {
    EndpointsConfig: Record<string, { Aliases: string[]; IPAMConfig?: { IPv4Address: string } }>;
  };
}

export interface ProxySpecInput {
  service: Service;
  node: string;
  image: string;
  clusterDomain: string;
  /** The static address on the namespace network: the cluster IP (absent when the network has
   * no berth subnet on this node). */
  staticIP?: string;
  /** Publish LoadBalancer Services' ports on the node too (as k3s' ServiceLB does). */
  loadBalancerPorts: boolean;
}

export interface ProxySpec {
  options: ProxyCreateOptions;
  specHash: string;
  network: string;
}

function portKey(port: number, protocol: string): string {
  return `${port}/${protocol.toLowerCase()}`;
}

export function buildProxySpec(input: ProxySpecInput): ProxySpec {
  const { service } = input;
  const ns = service.metadata.namespace ?? "default";
  const name = service.metadata.name;
  const network = namespaceNetworkName(ns);
  const exposed: Record<string, Record<string, never>> = {};
  const bindings: Record<string, PortBinding[]> = {};
  for (const p of service.spec.ports ?? []) {
    const protocol = p.protocol ?? "TCP";
    if (protocol === "SCTP") continue;
    const key = portKey(p.port, protocol);
    exposed[key] = {};
    if (!wantsNodePorts(service)) continue;
    const list: PortBinding[] = [];
    if (p.nodePort) list.push({ HostIp: "", HostPort: String(p.nodePort) });
    if (service.spec.type === "LoadBalancer" && input.loadBalancerPorts) {
      list.push({ HostIp: "", HostPort: String(p.port) });
    }
    if (list.length > 0) bindings[key] = list;
  }
  const endpoint: { Aliases: string[]; IPAMConfig?: { IPv4Address: string } } = {
    Aliases: serviceAliases(ns, name, input.clusterDomain, true),
  };
  if (input.staticIP) endpoint.IPAMConfig = { IPv4Address: input.staticIP };
  const shape = {
    image: input.image,
    network,
    endpoint,
    exposed,
    bindings,
    uid: service.metadata.uid ?? "",
    flags: PROXY_NODE_FLAGS,
    v: 1,
  };
  const specHash = createHash("sha256").update(JSON.stringify(shape)).digest("hex").slice(0, 16);
  const options: ProxyCreateOptions = {
    name: proxyContainerName(ns, name),
    Image: input.image,
    Labels: {
      [LABEL.managed]: "true",
      [LABEL.node]: input.node,
      [LABEL.role]: PROXY_ROLE,
      [LABEL.specHash]: specHash,
      [SERVICE_LABEL.name]: name,
      [SERVICE_LABEL.namespace]: ns,
      [SERVICE_LABEL.uid]: service.metadata.uid ?? "",
      ...(input.staticIP ? { [SERVICE_LABEL.clusterIP]: input.staticIP } : {}),
    },
    Entrypoint: [PROXY_NODE_PATH, ...PROXY_NODE_FLAGS, PROXY_SCRIPT_PATH],
    Cmd: [`${PROXY_CONFIG_DIR}/${PROXY_CONFIG_FILE}`],
    // Unprivileged, no capabilities; low ports through the namespaced sysctl instead.
    User: "65534:65534",
    ExposedPorts: exposed,
    HostConfig: {
      NetworkMode: network,
      RestartPolicy: { Name: "always" },
      PortBindings: bindings,
      Memory: PROXY_MEMORY_BYTES,
      MemorySwap: PROXY_MEMORY_BYTES,
      CapDrop: ["ALL"],
      SecurityOpt: ["no-new-privileges"],
      Sysctls: { "net.ipv4.ip_unprivileged_port_start": "0" },
      LogConfig: { Type: "json-file", Config: { "max-size": "1m", "max-file": "2" } },
    },
    NetworkingConfig: { EndpointsConfig: { [network]: endpoint } },
  };
  return { options, specHash, network };
}
