// `berth get services|endpoints|ingresses`, as kubectl's printService, printEndpoints and
// printIngress.

import type { Ingress, IngressRule, Service, ServicePort } from "../../manifest/types.js";
import type { Endpoints } from "../../network/endpoints.js";
import type { ViewContext } from "./context.js";
import { age, formatLabels } from "./format.js";
import type { Column } from "./table.js";

const LOAD_BALANCER_WIDTH = 16;

type LoadBalancerIngress = { ip?: string; hostname?: string }[] | undefined;

/** IPs (or hostnames) sorted and de-duplicated; cut to 16 characters unless wide. */
export function loadBalancerString(ingress: LoadBalancerIngress, wide: boolean): string {
  const values = new Set<string>();
  for (const i of ingress ?? []) {
    if (i.ip) values.add(i.ip);
    else if (i.hostname) values.add(i.hostname);
  }
  const r = [...values].sort().join(",");
  return !wide && r.length > LOAD_BALANCER_WIDTH ? `${r.slice(0, LOAD_BALANCER_WIDTH - 3)}...` : r;
}

/** PORT(S): `80/TCP`, `80:30080/TCP` with a node port, comma-separated. */
export function servicePorts(ports: readonly ServicePort[] | undefined): string {
  return (ports ?? [])
    .map((p) =>
      p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol ?? "TCP"}` : `${p.port}/${p.protocol ?? "TCP"}`,
    )
    .join(",");
}

export function clusterIP(s: Service): string {
  return s.spec.clusterIPs?.[0] ?? s.spec.clusterIP ?? "<none>";
}

/** EXTERNAL-IP by service type (getServiceExternalIP). */
export function externalIP(s: Service, wide: boolean): string {
  switch (s.spec.type ?? "ClusterIP") {
    case "ClusterIP":
    case "NodePort":
      return "<none>";
    case "LoadBalancer":
      return loadBalancerString(s.status?.loadBalancer?.ingress, wide) || "<pending>";
    case "ExternalName":
      return s.spec.externalName ?? "";
  }
}

/**
 * ENDPOINTS (formatEndpoints): ready `ip:port` pairs, at most 3 then "+ N more..."; only ports named
 * in `portNames` when given (describe service, one line per port); `<none>` without subsets.
 */
export function formatEndpoints(ep: Endpoints | undefined, portNames?: ReadonlySet<string>): string {
  const subsets = ep?.subsets ?? [];
  if (subsets.length === 0) return "<none>";
  const max = 3;
  const list: string[] = [];
  let count = 0;
  let more = false;
  for (const ss of subsets) {
    const addresses = ss.addresses ?? [];
    const ports = ss.ports ?? [];
    if (ports.length === 0) {
      count += addresses.length;
      for (const a of addresses) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(a.ip);
      }
      continue;
    }
    for (const port of ports) {
      if (portNames !== undefined && !portNames.has(port.name ?? "")) continue;
      count += addresses.length;
      for (const a of addresses) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(a.ip.includes(":") ? `[${a.ip}]:${port.port}` : `${a.ip}:${port.port}`);
      }
    }
  }
  const ret = list.join(",");
  return more ? `${ret} + ${count - max} more...` : ret;
}

/** HOSTS: the rules' hosts, at most 3 then "+ N more...", `*` when none names a host. */
export function ingressHosts(rules: readonly IngressRule[] | undefined): string {
  const max = 3;
  const list: string[] = [];
  let more = false;
  for (const r of rules ?? []) {
    if (list.length === max) more = true;
    if (!more && r.host) list.push(r.host);
  }
  if (list.length === 0) return "*";
  const ret = list.join(",");
  return more ? `${ret} + ${(rules ?? []).length - max} more...` : ret;
}

export const SERVICE_COLUMNS: readonly Column<Service, ViewContext>[] = [
  { header: "NAME", name: true, cell: (s) => s.metadata.name },
  { header: "TYPE", cell: (s) => s.spec.type ?? "ClusterIP" },
  { header: "CLUSTER-IP", cell: (s) => clusterIP(s) },
  { header: "EXTERNAL-IP", cell: (s, ctx) => externalIP(s, ctx.wide) },
  { header: "PORT(S)", cell: (s) => servicePorts(s.spec.ports) || "<none>" },
  { header: "AGE", cell: (s, ctx) => age(s.metadata.creationTimestamp, ctx.now) },
  { header: "SELECTOR", wide: true, cell: (s) => formatLabels(s.spec.selector) },
];

export const ENDPOINTS_COLUMNS: readonly Column<Endpoints, ViewContext>[] = [
  { header: "NAME", name: true, cell: (e) => e.metadata.name },
  { header: "ENDPOINTS", cell: (e) => formatEndpoints(e) },
  { header: "AGE", cell: (e, ctx) => age(e.metadata.creationTimestamp, ctx.now) },
];

export const INGRESS_COLUMNS: readonly Column<Ingress, ViewContext>[] = [
  { header: "NAME", name: true, cell: (i) => i.metadata.name },
  { header: "CLASS", cell: (i) => i.spec.ingressClassName ?? "<none>" },
  { header: "HOSTS", cell: (i) => ingressHosts(i.spec.rules) },
  { header: "ADDRESS", cell: (i, ctx) => loadBalancerString(i.status?.loadBalancer?.ingress, ctx.wide) },
  { header: "PORTS", cell: (i) => ((i.spec.tls ?? []).length > 0 ? "80, 443" : "80") },
  { header: "AGE", cell: (i, ctx) => age(i.metadata.creationTimestamp, ctx.now) },
];
