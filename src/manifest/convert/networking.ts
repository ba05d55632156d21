// Ingress in extensions/v1beta1 and networking.k8s.io/v1beta1 (both removed in Kubernetes 1.22):
// spec.backend became spec.defaultBackend, serviceName/servicePort became service.name and
// service.port.number or .name, and a path without pathType means ImplementationSpecific.

import { begin, child, isRecord, type Conversion, type Converter, type Doc } from "./common.js";

function convertBackend(backend: Doc): Doc {
  const { serviceName, servicePort, ...rest } = backend;
  // Kubernetes' conversion creates a service backend when either field is set.
  if (serviceName === undefined && servicePort === undefined) return rest;
  const port: Doc = {};
  // An int servicePort is a port number; a string one (even "80") is a port name.
  if (typeof servicePort === "number") port.number = servicePort;
  else if (typeof servicePort === "string") port.name = servicePort;
  return { ...rest, service: { name: serviceName ?? "", port } };
}

export function convertIngress(doc: Doc, from: string): Conversion {
  const { out, issues } = begin(doc, {
    from,
    kind: "Ingress",
    removedIn: "1.22",
    to: "networking.k8s.io/v1",
  });
  const spec = child(out, "spec");
  if (isRecord(spec.backend)) {
    spec.defaultBackend = convertBackend(spec.backend);
    delete spec.backend;
  }
  const rules = Array.isArray(spec.rules) ? (spec.rules as unknown[]) : [];
  for (const rule of rules) {
    if (!isRecord(rule) || !isRecord(rule.http)) continue;
    const paths = Array.isArray(rule.http.paths) ? (rule.http.paths as unknown[]) : [];
    for (const path of paths) {
      if (!isRecord(path)) continue;
      if (isRecord(path.backend)) path.backend = convertBackend(path.backend);
      if (path.pathType === undefined || path.pathType === null) path.pathType = "ImplementationSpecific";
    }
  }
  return { object: out, issues };
}

export const NETWORKING_V1BETA1: Readonly<Record<string, Converter>> = {
  Ingress: (doc) => convertIngress(doc, "networking.k8s.io/v1beta1"),
};
