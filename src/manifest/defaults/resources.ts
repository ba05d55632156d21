// Quantities in canonical form, so "1000m" and "1" (or "1Gi" and "1024Mi") are the same object.
// Values that do not parse are left as written for the checks stage to report.

import { formatQuantity, parseQuantity } from "../quantity.js";
import type { ResourceRequirements } from "../types.js";

type QuantityMap = Record<string, unknown>;
type ResourceList = NonNullable<ResourceRequirements["limits"]>;

/** The canonical string, or the value untouched when it is not a quantity. */
export function canonicalOrSame(v: unknown): unknown {
  if (typeof v !== "string" && typeof v !== "number") return v;
  const r = parseQuantity(v);
  return r.ok ? formatQuantity(r.value) : v;
}

function canonicalMap(list: ResourceList): ResourceList {
  const out: QuantityMap = {};
  for (const [k, v] of Object.entries(list as QuantityMap)) out[k] = canonicalOrSame(v);
  return out;
}

/**
 * Canonical quantities; requests default to limits for every resource that has a limit and no
 * request (Kubernetes' SetDefaults_Pod); empty maps are dropped, as Kubernetes omits them.
 */
export function defaultResources(res: ResourceRequirements, requestsFromLimits: boolean): void {
  if (res.limits) res.limits = canonicalMap(res.limits);
  if (res.requests) res.requests = canonicalMap(res.requests);
  if (requestsFromLimits && res.limits) {
    // An unparsable limit is not copied: it is reported once, where it was written.
    const valid = Object.entries(res.limits).filter(([, v]) => parseQuantity(v).ok);
    if (valid.length > 0) res.requests = { ...Object.fromEntries(valid), ...(res.requests ?? {}) };
  }
  if (res.limits && Object.keys(res.limits).length === 0) delete res.limits;
  if (res.requests && Object.keys(res.requests).length === 0) delete res.requests;
}
