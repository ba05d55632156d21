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
  /** Aliases on the other namespaces' networks. */
  otherAliases: string[];
}

function portKey(port: number, protocol: string): string {
  return `${port}/${protocol.toLowerCase()}`;
}

/** What distinguishes one proxy container from another; everything else is common. */
export interface ProxyShape {
  containerName: string;
  node: string;
  image: string;
  namespace: string;
  /** Labels io.berth.service.name / .uid: the Service, or for pod proxies the pod ("pod:<uid>"). */
  name: string;
  uid: string;
  /** Aliases on the namespace's own network (may be empty) and on the others. */
  ownAliases: string[];
  otherAliases: string[];
  staticIP?: string;
  /** Ports it listens on. */
  ports: { port: number; protocol: "TCP" | "UDP" }[];
  bindings: Record<string, PortBinding[]>;
}

export function proxySpecFrom(shape: ProxyShape): ProxySpec {
  const network = namespaceNetworkName(shape.namespace);
  const exposed: Record<string, Record<string, never>> = {};
  for (const p of shape.ports) exposed[portKey(p.port, p.protocol)] = {};
  const endpoint: { Aliases: string[]; IPAMConfig?: { IPv4Address: string } } = { Aliases: shape.ownAliases };
  if (shape.staticIP) endpoint.IPAMConfig = { IPv4Address: shape.staticIP };
  const hashed = {
    image: shape.image,
    network,
    endpoint,
    exposed,
    bindings: shape.bindings,
    uid: shape.uid,
    others: shape.otherAliases,
    flags: PROXY_NODE_FLAGS,
    v: 2,
  };
  const specHash = createHash("sha256").update(JSON.stringify(hashed)).digest("hex").slice(0, 16);
  const options: ProxyCreateOptions = {
    name: shape.containerName,
    Image: shape.image,
    Labels: {
      [LABEL.managed]: "true",
      [LABEL.node]: shape.node,
      [LABEL.role]: PROXY_ROLE,
      [LABEL.specHash]: specHash,
      [SERVICE_LABEL.name]: shape.name,
      [SERVICE_LABEL.namespace]: shape.namespace,
      [SERVICE_LABEL.uid]: shape.uid,
      ...(shape.staticIP ? { [SERVICE_LABEL.clusterIP]: shape.staticIP } : {}),
    },
    Entrypoint: [PROXY_NODE_PATH, ...PROXY_NODE_FLAGS, PROXY_SCRIPT_PATH],
    Cmd: [`${PROXY_CONFIG_DIR}/${PROXY_CONFIG_FILE}`],
    // Unprivileged, no capabilities; low ports through the namespaced sysctl instead.
    User: "65534:65534",
    ExposedPorts: exposed,
    HostConfig: {
      NetworkMode: network,
      RestartPolicy: { Name: "always" },
      PortBindings: shape.bindings,
      Memory: PROXY_MEMORY_BYTES,
      MemorySwap: PROXY_MEMORY_BYTES,
      CapDrop: ["ALL"],
      SecurityOpt: ["no-new-privileges"],
      Sysctls: { "net.ipv4.ip_unprivileged_port_start": "0" },
      LogConfig: { Type: "json-file", Config: { "max-size": "1m", "max-file": "2" } },
    },
    NetworkingConfig: { EndpointsConfig: { [network]: endpoint } },
  };
  return { options, specHash, network, otherAliases: shape.otherAliases };
}

/** A Service's proxy: cluster IP, the four names, node ports. */
export function buildProxySpec(input: ProxySpecInput): ProxySpec {
  const { service } = input;
  const ns = service.metadata.namespace ?? "default";
  const name = service.metadata.name;
  const ports: ProxyShape["ports"] = [];
  const bindings: Record<string, PortBinding[]> = {};
  for (const p of service.spec.ports ?? []) {
    const protocol = p.protocol ?? "TCP";
    if (protocol === "SCTP") continue;
    ports.push({ port: p.port, protocol });
    if (!wantsNodePorts(service)) continue;
    const list: PortBinding[] = [];
    if (p.nodePort) list.push({ HostIp: "", HostPort: String(p.nodePort) });
    if (service.spec.type === "LoadBalancer" && input.loadBalancerPorts) {
      list.push({ HostIp: "", HostPort: String(p.port) });
    }
    if (list.length > 0) bindings[portKey(p.port, protocol)] = list;
  }
  return proxySpecFrom({
    containerName: proxyContainerName(ns, name),
    node: input.node,
    image: input.image,
    namespace: ns,
    name,
    uid: service.metadata.uid ?? "",
    ownAliases: serviceAliases(ns, name, input.clusterDomain, true),
    otherAliases: serviceAliases(ns, name, input.clusterDomain, false),
    ...(input.staticIP ? { staticIP: input.staticIP } : {}),
    ports,
    bindings,
  });
}
