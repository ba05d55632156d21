// Namespace networks get the same berth-chosen subnet on every node, so a Service's cluster IP —
// the static address of its proxy on each node — is the same everywhere. Each namespace gets one
// /21 of the configured range (services.networkRange, default 10.96.0.0/12 → 512 namespaces):
//
//   10.96.0.0/21   the namespace's subnet; gateway 10.96.0.1
//   10.96.0.0/22   Docker's dynamic range: pod addresses (per node; they repeat across nodes)
//   10.96.4.1 …    cluster IPs (10.96.4.0/22 without .0 and .255 addresses), the same on all nodes
//   10.96.4.10     reserved (kube-dns' customary .10)
//
// Subnets are recorded in the state's allocations (pool namespaceSubnets), so they survive
// restarts; the holder is the namespace by name (a Namespace object need not exist).

import { allocate, allocationsIn, type AllocationHolder, type Allocations } from "../../state/allocations.js";
import { BerthError } from "../../util/errors.js";
import { cidrSize, formatCidr, formatIPv4, parseCidr, type Cidr } from "./ipv4.js";
import { emptyEngineSubnets, type EngineSubnets } from "./engine-subnets.js";

/** Whether two IPv4 blocks share an address. */
function overlaps(a: Cidr, b: Cidr): boolean {
  return a.base < b.base + cidrSize(b) && b.base < a.base + cidrSize(a);
}

declare module "../../state/allocations.js" {
  interface AllocationPools {
    namespaceSubnets: string;
  }
}

export const DEFAULT_NETWORK_RANGE = "10.96.0.0/12";
export const NAMESPACE_PREFIX = 21;
const NAMESPACE_SIZE = 2 ** (32 - NAMESPACE_PREFIX);
const POD_PART = NAMESPACE_SIZE / 2;
const RESERVED_OFFSET = POD_PART + 10;

/** How one namespace's network is laid out (the same on every node). */
export interface NamespaceNetworkPlan {
  namespace: string;
  /** "10.96.0.0/21" */
  subnet: string;
  gateway: string;
  /** Docker's dynamic allocation range: where pod addresses come from. */
  ipRange: string;
  /** First and last usable cluster IP (as numbers), and the reserved address. */
  clusterFirst: number;
  clusterLast: number;
  reserved: number;
}

export function planFor(namespace: string, subnet: Cidr): NamespaceNetworkPlan {
  const b = subnet.base;
  return {
    namespace,
    subnet: formatCidr(subnet),
    gateway: formatIPv4(b + 1),
    ipRange: formatCidr({ base: b, prefix: NAMESPACE_PREFIX + 1 }),
    clusterFirst: b + POD_PART + 1,
    clusterLast: b + NAMESPACE_SIZE - 2,
    reserved: b + RESERVED_OFFSET,
  };
}

/** Whether `ip` may be handed out as a cluster IP of the plan's namespace. */
export function isClusterIPCandidate(plan: NamespaceNetworkPlan, ip: number): boolean {
  const last = ip & 255;
  return (
    ip >= plan.clusterFirst && ip <= plan.clusterLast && ip !== plan.reserved && last !== 0 && last !== 255
  );
}

export function namespaceHolder(namespace: string): AllocationHolder {
  return { kind: "Namespace", namespace: "", name: namespace, uid: `berth-namespace:${namespace}` };
}

/** The subnet recorded for the namespace, if any. */
export function recordedSubnet(allocs: Allocations, namespace: string): string | undefined {
  const uid = namespaceHolder(namespace).uid;
  return allocationsIn(allocs, "namespaceSubnets").find((a) => a.holder.uid === uid)?.value;
}

/**
 * Whether `subnet`, recorded for `namespace`, collides with a network now on the engines that is
 * not that namespace's own: a network of another tool or another berth created after the engines
 * were scanned. Docker refuses to create the namespace network then, whatever the retries.
 */
export function subnetClashes(subnet: string, namespace: string, engines: EngineSubnets): boolean {
  const mine = parseCidr(subnet);
  if (!mine) return false;
  const others = [
    ...engines.taken,
    ...[...engines.byNamespace].filter(([ns]) => ns !== namespace).map(([, s]) => s),
  ];
  return others.some((s) => {
    const c = parseCidr(s);
    return c !== undefined && overlaps(c, mine);
  });
}

/**
 * The namespace's subnet: the recorded one, else the lowest free /21 of `range`, recorded.
 * Throws E_NETWORK_RANGE_FULL when every subnet of the range is taken.
 */
export function ensureSubnet(
  allocs: Allocations,
  range: Cidr,
  namespace: string,
  now: number,
  engines: EngineSubnets = emptyEngineSubnets(),
): { subnet: string; allocations: Allocations } {
  const existing = recordedSubnet(allocs, namespace);
  if (existing !== undefined) return { subnet: existing, allocations: allocs };
  const recordedValues = new Set(allocationsIn(allocs, "namespaceSubnets").map((a) => a.value));
  // A network berth made for this namespace before (a rebuilt state) keeps its subnet.
  const adopt = engines.byNamespace.get(namespace);
  if (adopt !== undefined && !recordedValues.has(adopt)) {
    return {
      subnet: adopt,
      allocations: allocate(allocs, "namespaceSubnets", adopt, namespaceHolder(namespace), now),
    };
  }
  if (range.prefix > NAMESPACE_PREFIX) {
    throw new BerthError(
      "E_NETWORK_RANGE",
      `services.networkRange ${formatCidr(range)} is smaller than one namespace network (/${NAMESPACE_PREFIX})`,
      { hint: `use a range of /${NAMESPACE_PREFIX} or larger, e.g. 10.96.0.0/12` },
    );
  }
  const taken = new Set(recordedValues);
  for (const [ns, s] of engines.byNamespace) if (ns !== namespace) taken.add(s);
  const foreign = [...engines.taken].flatMap((s) => {
    const c = parseCidr(s);
    return c ? [c] : [];
  });
  for (let base = range.base; base < range.base + cidrSize(range); base += NAMESPACE_SIZE) {
    const candidate = { base, prefix: NAMESPACE_PREFIX };
    const subnet = formatCidr(candidate);
    if (taken.has(subnet) || foreign.some((f) => overlaps(f, candidate))) continue;
    return {
      subnet,
      allocations: allocate(allocs, "namespaceSubnets", subnet, namespaceHolder(namespace), now),
    };
  }
  throw new BerthError(
    "E_NETWORK_RANGE_FULL",
    `every namespace network of services.networkRange ${formatCidr(range)} is taken; namespace ${namespace} gets none`,
    { hint: "widen services.networkRange in berth.yaml" },
  );
}
