// A Service's status (pure): LoadBalancer Services list every node's address as their ingress —
// the nodes where their proxy publishes the node port (and the service port, as k3s' ServiceLB
// does). Other types get an empty loadBalancer, as the API server gives them.

import type { Service } from "../../manifest/types.js";
import { parseIPv4 } from "./ipv4.js";

type LoadBalancerIngress = { ip?: string; hostname?: string };

export function desiredServiceStatus(
  service: Service,
  nodeAddresses: readonly string[],
): NonNullable<Service["status"]> {
  if (service.spec.type !== "LoadBalancer" || service.spec.clusterIP === "None") return { loadBalancer: {} };
  const ingress: LoadBalancerIngress[] = [];
  for (const a of [...new Set(nodeAddresses)]) {
    if (a === "") continue;
    ingress.push(parseIPv4(a) !== undefined || a.includes(":") ? { ip: a } : { hostname: a });
  }
  return ingress.length > 0 ? { loadBalancer: { ingress } } : { loadBalancer: {} };
}
