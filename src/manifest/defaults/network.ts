// Service defaults (SetDefaults_Service). Ingress (networking.k8s.io/v1) has no field defaults:
// pathType is required in v1, and legacy Ingresses got ImplementationSpecific during conversion.

import type { Service } from "../types.js";

export function defaultService(svc: Service): void {
  const spec = svc.spec;
  spec.type ??= "ClusterIP";
  spec.sessionAffinity ??= "None";
  spec.publishNotReadyAddresses ??= false;
  for (const port of spec.ports ?? []) {
    port.protocol ??= "TCP";
    if (port.targetPort === undefined || port.targetPort === 0 || port.targetPort === "") {
      port.targetPort = port.port;
    }
  }
  if (
    (spec.type === "NodePort" || spec.type === "LoadBalancer") &&
    spec.externalTrafficPolicy === undefined
  ) {
    spec.externalTrafficPolicy = "Cluster";
  }
}
