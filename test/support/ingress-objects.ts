// Ingress objects as the loader and store produce them (canonical networking.k8s.io/v1).

import type { HTTPIngressPath, Ingress, IngressRule, PathType } from "../../src/manifest/types.js";

export function svcPath(
  path: string,
  pathType: PathType,
  service: string,
  port: number | string = 80,
): HTTPIngressPath {
  return {
    path,
    pathType,
    backend: {
      service: { name: service, port: typeof port === "number" ? { number: port } : { name: port } },
    },
  };
}

export function rule(host: string | undefined, ...paths: HTTPIngressPath[]): IngressRule {
  const r: IngressRule = { http: { paths } };
  if (host !== undefined) r.host = host;
  return r;
}

export interface IngressOpts {
  namespace?: string;
  created?: string;
  className?: string;
  annotations?: Record<string, string>;
  defaultBackend?: string;
  tls?: { hosts?: string[]; secretName?: string }[];
}

export function ingress(name: string, rules: IngressRule[], o: IngressOpts = {}): Ingress {
  const ing: Ingress = {
    apiVersion: "networking.k8s.io/v1",
    kind: "Ingress",
    metadata: {
      name,
      namespace: o.namespace ?? "default",
      labels: {},
      annotations: o.annotations ?? {},
      uid: `uid-${name}`,
      creationTimestamp: o.created ?? "2026-01-01T00:00:00Z",
    },
    spec: { rules },
  };
  if (o.className !== undefined) ing.spec.ingressClassName = o.className;
  if (o.defaultBackend !== undefined) {
    ing.spec.defaultBackend = { service: { name: o.defaultBackend, port: { number: 80 } } };
  }
  if (o.tls) ing.spec.tls = o.tls;
  return ing;
}
