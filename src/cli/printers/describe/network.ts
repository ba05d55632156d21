// kubectl describe service | endpoints | ingress. Endpoints are computed from the services and pods
// the context holds, as `get endpoints` computes them.

import type { Ingress, IngressBackend, Service } from "../../../manifest/types.js";
import { computeEndpoints, hasEndpoints, type Endpoints } from "../../../network/endpoints.js";
import { formatLabels } from "../format.js";
import { formatEndpoints, loadBalancerString } from "../network.js";
import type { DescribeContext } from "./context.js";
import { writeAnnotations, writeEvents, writeLabels, writeObjectHeader } from "./meta.js";
import { DescribeWriter, LEVEL_0, LEVEL_1, LEVEL_2 } from "./writer.js";

function endpointsOf(s: Service, ctx: DescribeContext): Endpoints | undefined {
  return hasEndpoints(s) ? computeEndpoints(s, ctx.pods) : undefined;
}

export function describeService(s: Service, ctx: DescribeContext): string {
  const w = new DescribeWriter();
  const spec = s.spec;
  writeObjectHeader(w, s.metadata);
  w.write(LEVEL_0, `Selector:\t${formatLabels(spec.selector)}\n`);
  const type = spec.type ?? "ClusterIP";
  w.write(LEVEL_0, `Type:\t${type}\n`);
  w.write(LEVEL_0, `IP:\t${spec.clusterIP ?? "<none>"}\n`);
  const ips = spec.clusterIPs ?? (spec.clusterIP ? [spec.clusterIP] : []);
  if (ips.length > 0) w.write(LEVEL_0, `IPs:\t${ips.join(",")}\n`);
  if (type === "ExternalName") w.write(LEVEL_0, `External Name:\t${spec.externalName ?? ""}\n`);
  const lb = loadBalancerString(s.status?.loadBalancer?.ingress, true);
  if (lb !== "") w.write(LEVEL_0, `LoadBalancer Ingress:\t${lb}\n`);
  const ep = endpointsOf(s, ctx);
  for (const p of spec.ports ?? []) {
    const name = p.name || "<unset>";
    const protocol = p.protocol ?? "TCP";
    w.write(LEVEL_0, `Port:\t${name}\t${p.port}/${protocol}\n`);
    w.write(LEVEL_0, `TargetPort:\t${p.targetPort ?? p.port}/${protocol}\n`);
    if (p.nodePort) w.write(LEVEL_0, `NodePort:\t${name}\t${p.nodePort}/${protocol}\n`);
    w.write(LEVEL_0, `Endpoints:\t${formatEndpoints(ep, new Set([p.name ?? ""]))}\n`);
  }
  w.write(LEVEL_0, `Session Affinity:\t${spec.sessionAffinity ?? "None"}\n`);
  if (type === "NodePort" || type === "LoadBalancer") {
    w.write(LEVEL_0, `External Traffic Policy:\t${spec.externalTrafficPolicy ?? "Cluster"}\n`);
  }
  writeEvents(w, ctx.events, ctx.now);
  return w.toString();
}

export function describeEndpoints(ep: Endpoints, ctx: DescribeContext): string {
  const w = new DescribeWriter();
  writeObjectHeader(w, ep.metadata);
  w.write(LEVEL_0, "Subsets:\n");
  for (const ss of ep.subsets ?? []) {
    w.write(LEVEL_1, `Addresses:\t${(ss.addresses ?? []).map((a) => a.ip).join(",") || "<none>"}\n`);
    w.write(
      LEVEL_1,
      `NotReadyAddresses:\t${(ss.notReadyAddresses ?? []).map((a) => a.ip).join(",") || "<none>"}\n`,
    );
    const ports = ss.ports ?? [];
    if (ports.length > 0) {
      w.write(LEVEL_1, "Ports:\n");
      w.write(LEVEL_2, "Name\tPort\tProtocol\n");
      w.write(LEVEL_2, "----\t----\t--------\n");
      for (const p of ports) w.write(LEVEL_2, `${p.name || "<unset>"}\t${p.port}\t${p.protocol}\n`);
    }
    w.write(LEVEL_0, "\n");
  }
  writeEvents(w, ctx.events, ctx.now);
  return w.toString();
}

/** "web:80 (10.244.0.5:8080,10.244.0.6:8080)": the backend and the endpoints behind it. */
function describeBackend(
  namespace: string,
  backend: IngressBackend | undefined,
  ctx: DescribeContext,
): string {
  if (!backend) return "<default>";
  if (backend.resource)
    return `APIGroup: ${backend.resource.apiGroup ?? ""}, Kind: ${backend.resource.kind}, Name: ${backend.resource.name}`;
  const svcRef = backend.service;
  if (!svcRef) return "";
  const port =
    svcRef.port.number !== undefined && svcRef.port.number !== 0
      ? String(svcRef.port.number)
      : (svcRef.port.name ?? "");
  const sb = `${svcRef.name}:${port}`;
  const svc = ctx.services.find(
    (s) => s.metadata.name === svcRef.name && (s.metadata.namespace ?? "default") === namespace,
  );
  if (!svc) return `${sb} (<error: services "${svcRef.name}" not found>)`;
  const ep = endpointsOf(svc, ctx);
  if (!ep) return `${sb} (<error: endpoints "${svcRef.name}" not found>)`;
  let portName = "";
  for (const sp of svc.spec.ports ?? []) {
    if (
      (svcRef.port.number !== undefined && svcRef.port.number === sp.port) ||
      (svcRef.port.name && svcRef.port.name === sp.name)
    ) {
      portName = sp.name ?? "";
    }
  }
  return `${sb} (${formatEndpoints(ep, new Set([portName]))})`;
}

export function describeIngress(ing: Ingress, ctx: DescribeContext): string {
  const w = new DescribeWriter();
  const ns = ing.metadata.namespace ?? "default";
  w.write(LEVEL_0, `Name:\t${ing.metadata.name}\n`);
  writeLabels(w, "Labels", ing.metadata.labels);
  w.write(LEVEL_0, `Namespace:\t${ns}\n`);
  w.write(LEVEL_0, `Address:\t${loadBalancerString(ing.status?.loadBalancer?.ingress, true)}\n`);
  w.write(LEVEL_0, `Ingress Class:\t${ing.spec.ingressClassName ?? "<none>"}\n`);
  w.write(LEVEL_0, `Default backend:\t${describeBackend(ns, ing.spec.defaultBackend, ctx)}\n`);
  const tls = ing.spec.tls ?? [];
  if (tls.length > 0) {
    w.write(LEVEL_0, "TLS:\n");
    for (const t of tls) {
      const hosts = (t.hosts ?? []).join(",");
      w.write(LEVEL_1, t.secretName ? `${t.secretName} terminates ${hosts}\n` : `SNI routes ${hosts}\n`);
    }
  }
  w.write(LEVEL_0, "Rules:\n  Host\tPath\tBackends\n");
  w.write(LEVEL_1, "----\t----\t--------\n");
  let count = 0;
  for (const rule of ing.spec.rules ?? []) {
    if (!rule.http) continue;
    count++;
    w.write(LEVEL_1, `${rule.host || "*"}\t\n`);
    for (const p of rule.http.paths)
      w.write(LEVEL_2, `\t${p.path ?? ""} \t${describeBackend(ns, p.backend, ctx)}\n`);
  }
  if (count === 0) w.write(LEVEL_1, `*\t*\t${describeBackend(ns, ing.spec.defaultBackend, ctx)}\n`);
  writeAnnotations(w, "Annotations", ing.metadata.annotations);
  writeEvents(w, ctx.events, ctx.now);
  return w.toString();
}
