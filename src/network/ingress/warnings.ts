// Problems found while compiling Ingresses and their TLS Secrets. They become Warning events on the
// Ingress (what `kubectl describe ingress` would show); the ingress keeps serving everything else.

import type { EventInput } from "../../state/events.js";
import type { IngressRef } from "./ingress-set.js";

export const INGRESS_EVENT_SOURCE = "berth-ingress";

export type IngressWarningReason =
  | "PathConflict"
  | "DefaultBackendIgnored"
  | "UnsupportedBackend"
  | "InvalidRule"
  | "CertificateConflict"
  | "TLSSecretMissing"
  | "TLSSecretInvalid";

export interface IngressWarning {
  ingress: IngressRef;
  reason: IngressWarningReason;
  message: string;
}

export function warningEvent(w: IngressWarning): EventInput {
  const involved: EventInput["involvedObject"] = {
    kind: "Ingress",
    namespace: w.ingress.namespace,
    name: w.ingress.name,
  };
  if (w.ingress.uid !== undefined) involved.uid = w.ingress.uid;
  return {
    type: "Warning",
    reason: w.reason,
    message: w.message,
    involvedObject: involved,
    source: { component: INGRESS_EVENT_SOURCE },
  };
}

/** A key that says whether two warnings are the same, to report each one once per change. */
export function warningKey(w: IngressWarning): string {
  return `${w.ingress.namespace}/${w.ingress.name}/${w.ingress.uid ?? ""}\n${w.reason}\n${w.message}`;
}
