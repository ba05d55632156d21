// Headless names across engines (pure). A headless Service's names point at pod addresses, but a
// pod address is only reachable on the pod's own engine, and Docker's DNS there only knows that
// engine's containers. So on every node berth runs a small proxy per endpoint pod of a headless
// Service — `berth_pod_<namespace>_<pod>` — that carries the pod's DNS names and listens on the
// pod's declared ports, forwarding to the pod (its address on the pod's node, its published ports
// elsewhere):
//
//   on other nodes, own namespace network:  web-0.web, web-0.web.<ns>[.svc[.<domain>]], web, web.<ns>…
//   on every node, other namespaces' networks: the qualified names only
//   on the pod's node, own network: no names (the sandbox has them, see pod-aliases.ts)
//
// Several containers sharing an alias make Docker's DNS answer with all their addresses, so
// `web` resolves to one address per endpoint pod, wherever it runs. Only endpoint pods get proxies:
// ready ones, or all with publishNotReadyAddresses, as Kubernetes publishes headless records.

import type { Pod, Service } from "../../manifest/types.js";
import { computeEndpoints } from "../endpoints.js";
import type { ProxyConfig, ProxyPort } from "./proxy-config.js";
import { hostEndpoint } from "./published-ports.js";
import { proxySpecFrom, type ProxySpec } from "./proxy-spec.js";
import type { ReachContext } from "./targets.js";

export function podProxyName(namespace: string, pod: string): string {
  return `berth_pod_${namespace}_${pod}`;
}

export interface HeadlessMember {
  pod: Pod;
  /** Names on the pod's namespace network, and the qualified ones for other namespaces. */
  own: string[];
  other: string[];
}

/** A headless Service whose endpoints berth computes (a selector, not ExternalName). */
export function isHeadlessWithSelector(s: Service): boolean {
  return (
    s.spec.clusterIP === "None" &&
    s.spec.type !== "ExternalName" &&
    s.spec.selector !== undefined &&
    Object.keys(s.spec.selector).length > 0 &&
    s.metadata.deletionTimestamp === undefined
  );
}

function names(base: string, ns: string, domain: string): { own: string[]; other: string[] } {
  const other = [`${base}.${ns}`, `${base}.${ns}.svc`, `${base}.${ns}.svc.${domain}`];
  return { own: [base, ...other], other };
}

/** The endpoint pods of headless Services with the names each should answer to. */
export function headlessMembers(
  services: readonly Service[],
  pods: readonly Pod[],
  domain: string,
): HeadlessMember[] {
  const byUid = new Map<string, Pod>();
  for (const p of pods) byUid.set(p.metadata.uid ?? "", p);
  const members = new Map<string, { pod: Pod; own: Set<string>; other: Set<string> }>();
  for (const s of services) {
    if (!isHeadlessWithSelector(s)) continue;
    const ns = s.metadata.namespace ?? "default";
    for (const subset of computeEndpoints(s, pods).subsets ?? []) {
      for (const a of subset.addresses ?? []) {
        const pod = byUid.get(a.targetRef.uid ?? "");
        if (!pod || pod.spec.hostNetwork === true) continue;
        let m = members.get(pod.metadata.uid ?? "");
        if (!m) {
          m = { pod, own: new Set(), other: new Set() };
          members.set(pod.metadata.uid ?? "", m);
        }
        const forms = [names(s.metadata.name, ns, domain)];
        if (a.hostname) forms.push(names(`${a.hostname}.${s.metadata.name}`, ns, domain));
        for (const f of forms) {
          for (const n of f.own) m.own.add(n);
          for (const n of f.other) m.other.add(n);
        }
      }
    }
  }
  return [...members.values()]
    .map((m) => ({ pod: m.pod, own: [...m.own].sort(), other: [...m.other].sort() }))
    .sort((a, b) => (a.pod.metadata.name < b.pod.metadata.name ? -1 : 1));
}

/** The pod's declared ports as `node` reaches them; ports not known yet are left out. */
export function podProxyConfig(pod: Pod, node: string, ctx: ReachContext): ProxyConfig {
  const ns = pod.metadata.namespace ?? "default";
  const local = pod.spec.nodeName === node;
  const published = local ? undefined : ctx.portsOf(pod);
  const nodeAddress = ctx.nodeAddresses.get(pod.spec.nodeName ?? "") ?? pod.status?.hostIP ?? "";
  const ports: ProxyPort[] = [];
  const seen = new Set<string>();
  for (const c of pod.spec.containers) {
    for (const p of c.ports ?? []) {
      const protocol = p.protocol ?? "TCP";
      if (protocol === "SCTP" || seen.has(`${protocol}/${p.containerPort}`)) continue;
      seen.add(`${protocol}/${p.containerPort}`);
      const target = local
        ? { host: pod.status?.podIP ?? "", port: p.containerPort }
        : published && hostEndpoint(published, p.containerPort, protocol, nodeAddress);
      const endpoints =
        target && target.host !== "" ? [{ ...target, pod: `${ns}/${pod.metadata.name}` }] : [];
      ports.push({ ...(p.name ? { name: p.name } : {}), protocol, port: p.containerPort, endpoints });
    }
  }
  return {
    service: `${ns}/${pod.metadata.name}`,
    sessionAffinity: "None",
    affinityTimeoutSeconds: 10800,
    ports,
  };
}

export function buildPodProxySpec(m: HeadlessMember, node: string, image: string): ProxySpec {
  const pod = m.pod;
  const ns = pod.metadata.namespace ?? "default";
  const ports: { port: number; protocol: "TCP" | "UDP" }[] = [];
  for (const c of pod.spec.containers) {
    for (const p of c.ports ?? []) {
      const protocol = p.protocol ?? "TCP";
      if (protocol !== "SCTP" && !ports.some((x) => x.port === p.containerPort && x.protocol === protocol)) {
        ports.push({ port: p.containerPort, protocol });
      }
    }
  }
  return proxySpecFrom({
    containerName: podProxyName(ns, pod.metadata.name),
    node,
    image,
    namespace: ns,
    name: pod.metadata.name,
    uid: `pod:${pod.metadata.uid ?? ""}`,
    ownAliases: pod.spec.nodeName === node ? [] : m.own,
    otherAliases: m.other,
    ports,
    bindings: {},
  });
}
