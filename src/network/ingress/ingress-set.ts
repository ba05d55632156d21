// Which Ingress objects berth serves, and in what order several of them merge. Order decides every
// conflict (same host and path, several default backends, several certificates for one host): the
// oldest Ingress wins, as ingress-nginx does; ties break on namespace, then name, so the outcome
// never depends on the store's iteration order.

import type { Ingress } from "../../manifest/types.js";

/** The IngressClass name berth answers to. */
export const BERTH_INGRESS_CLASS = "berth";

/** The annotation older manifests use instead of spec.ingressClassName. */
export const LEGACY_CLASS_ANNOTATION = "kubernetes.io/ingress.class";

export interface IngressRef {
  namespace: string;
  name: string;
  uid?: string;
}

export function refOf(ing: Ingress): IngressRef {
  const ref: IngressRef = { namespace: ing.metadata.namespace ?? "default", name: ing.metadata.name };
  if (ing.metadata.uid !== undefined) ref.uid = ing.metadata.uid;
  return ref;
}

export function refName(ref: IngressRef): string {
  return `${ref.namespace}/${ref.name}`;
}

/** The class an Ingress asks for: spec.ingressClassName, else the legacy annotation. */
export function classOf(ing: Ingress): string | undefined {
  return ing.spec.ingressClassName ?? ing.metadata.annotations?.[LEGACY_CLASS_ANNOTATION];
}

/** Served: no class at all (berth is the only controller) or the given class. */
export function isServed(ing: Ingress, className: string = BERTH_INGRESS_CLASS): boolean {
  const cls = classOf(ing);
  return cls === undefined || cls === "" || cls === className;
}

function compareIngresses(a: Ingress, b: Ingress): number {
  // ISO timestamps of one format compare as strings; objects without one (not from the store) go last.
  const ta = a.metadata.creationTimestamp ?? "\uffff";
  const tb = b.metadata.creationTimestamp ?? "\uffff";
  if (ta !== tb) return ta < tb ? -1 : 1;
  const na = refName(refOf(a));
  const nb = refName(refOf(b));
  return na < nb ? -1 : na > nb ? 1 : 0;
}

/** The served Ingresses, oldest first. */
export function servedIngresses(all: readonly Ingress[], className?: string): Ingress[] {
  return all.filter((i) => isServed(i, className)).sort(compareIngresses);
}
