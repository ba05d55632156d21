// The Endpoints of a Service, computed as Kubernetes' endpoints controller computes them: the pods
// in the service's namespace that its selector matches, each with an IP, split into ready and
// not-ready addresses, with every service port resolved to the pod's target port (a number, or a
// container port found by name and protocol). Pure: `berth get endpoints` and the service proxies
// both derive what they need from this.

import type { IntOrString, ObjectMeta, Pod, Service, ServicePort } from "../manifest/types.js";

export interface EndpointAddress {
  ip: string;
  /** Set for pods whose hostname/subdomain make them addressable through this (headless) service. */
  hostname?: string;
  nodeName?: string;
  targetRef: { kind: "Pod"; namespace: string; name: string; uid?: string };
}

export interface EndpointPort {
  /** The service port's name; absent for an unnamed (single) port. */
  name?: string;
  /** The resolved target port on the pod. */
  port: number;
  protocol: "TCP" | "UDP" | "SCTP";
  appProtocol?: string;
}

/** Addresses that share one set of ports. */
export interface EndpointSubset {
  addresses?: EndpointAddress[];
  notReadyAddresses?: EndpointAddress[];
  ports?: EndpointPort[];
}

/** core/v1 Endpoints. */
export interface Endpoints {
  apiVersion: "v1";
  kind: "Endpoints";
  metadata: ObjectMeta & { namespace: string };
  subsets?: EndpointSubset[];
}

/** Whether Kubernetes keeps an Endpoints object for the service (selector set, not ExternalName). */
export function hasEndpoints(service: Service): boolean {
  return service.spec.selector !== undefined && service.spec.type !== "ExternalName";
}

/** The pod's Ready condition is True (podutil.IsPodReady). */
export function isPodReady(pod: Pod): boolean {
  return (pod.status?.conditions ?? []).some((c) => c.type === "Ready" && c.status === "True");
}

/**
 * The pod port a service port sends to (podutil.FindPort): a number as is; a name looked up among
 * the pod's container ports with the same protocol. undefined when the pod has no such port.
 */
export function resolveTargetPort(servicePort: ServicePort, pod: Pod): number | undefined {
  const target: IntOrString = servicePort.targetPort ?? servicePort.port;
  if (typeof target === "number") return target;
  const protocol = servicePort.protocol ?? "TCP";
  for (const c of pod.spec.containers) {
    for (const p of c.ports ?? []) {
      if (p.name === target && (p.protocol ?? "TCP") === protocol) return p.containerPort;
    }
  }
  return undefined;
}

/** endpoints.ShouldPodBeInEndpoints: an IP, not finished, not being deleted (unless published). */
function podEligible(pod: Pod, includeTerminating: boolean): boolean {
  const phase = pod.status?.phase;
  if (phase === "Succeeded" || phase === "Failed") return false;
  if (!pod.status?.podIP) return false;
  return includeTerminating || pod.metadata.deletionTimestamp === undefined;
}

function selects(selector: Record<string, string>, pod: Pod): boolean {
  const labels = pod.metadata.labels ?? {};
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}

function addressOf(pod: Pod, service: Service, namespace: string): EndpointAddress {
  const a: EndpointAddress = {
    ip: pod.status?.podIP ?? "",
    targetRef: { kind: "Pod", namespace, name: pod.metadata.name },
  };
  if (pod.metadata.uid !== undefined) a.targetRef.uid = pod.metadata.uid;
  if (pod.spec.nodeName) a.nodeName = pod.spec.nodeName;
  if (pod.spec.hostname && pod.spec.subdomain === service.metadata.name) a.hostname = pod.spec.hostname;
  return a;
}

function compareAddresses(a: EndpointAddress, b: EndpointAddress): number {
  if (a.ip !== b.ip) return a.ip < b.ip ? -1 : 1;
  const x = a.targetRef.uid ?? a.targetRef.name;
  const y = b.targetRef.uid ?? b.targetRef.name;
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * The Endpoints for `service` from `pods` (any pods: those of other namespaces or not selected are
 * skipped). Pods are grouped into subsets by their resolved ports; a pod on which a named target
 * port does not resolve is left out of that port only. A service without a selector gets no subsets
 * (its endpoints would be managed by hand). Addresses are sorted by IP; subsets by their ports.
 */
export function computeEndpoints(service: Service, pods: readonly Pod[]): Endpoints {
  const namespace = service.metadata.namespace ?? "default";
  const metadata: Endpoints["metadata"] = { name: service.metadata.name, namespace };
  metadata.labels = { ...(service.metadata.labels ?? {}) };
  if (service.spec.clusterIP === "None") metadata.labels["service.kubernetes.io/headless"] = "";
  if (service.metadata.creationTimestamp !== undefined) {
    metadata.creationTimestamp = service.metadata.creationTimestamp;
  }
  const endpoints: Endpoints = { apiVersion: "v1", kind: "Endpoints", metadata };
  const selector = service.spec.selector;
  if (selector === undefined || service.spec.type === "ExternalName") return endpoints;

  const publishNotReady = service.spec.publishNotReadyAddresses === true;
  const servicePorts = service.spec.ports ?? [];
  const headless = service.spec.clusterIP === "None";
  const groups = new Map<
    string,
    { ports: EndpointPort[]; ready: EndpointAddress[]; notReady: EndpointAddress[] }
  >();

  for (const pod of pods) {
    if ((pod.metadata.namespace ?? "default") !== namespace) continue;
    if (!selects(selector, pod) || !podEligible(pod, publishNotReady)) continue;
    const ports: EndpointPort[] = [];
    for (const sp of servicePorts) {
      const port = resolveTargetPort(sp, pod);
      if (port === undefined) continue;
      const ep: EndpointPort = { port, protocol: sp.protocol ?? "TCP" };
      if (sp.name) ep.name = sp.name;
      if (sp.appProtocol !== undefined) ep.appProtocol = sp.appProtocol;
      ports.push(ep);
    }
    // No ports at all: only a headless service publishes bare addresses.
    if (ports.length === 0 && !(servicePorts.length === 0 && headless)) continue;
    const key = JSON.stringify(ports.map((p) => [p.name ?? "", p.port, p.protocol]));
    let group = groups.get(key);
    if (!group) {
      group = { ports, ready: [], notReady: [] };
      groups.set(key, group);
    }
    const address = addressOf(pod, service, namespace);
    if (publishNotReady || isPodReady(pod)) group.ready.push(address);
    else group.notReady.push(address);
  }

  if (groups.size > 0) {
    endpoints.subsets = [...groups.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, g]) => {
        const subset: EndpointSubset = {};
        if (g.ready.length > 0) subset.addresses = g.ready.sort(compareAddresses);
        if (g.notReady.length > 0) subset.notReadyAddresses = g.notReady.sort(compareAddresses);
        if (g.ports.length > 0) subset.ports = g.ports;
        return subset;
      });
  }
  return endpoints;
}
