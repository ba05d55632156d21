// The ServiceController's control-plane half, synchronous over the store: namespace subnets,
// cluster IPs and node ports (assign.ts) written into the Services' spec as the API server would,
// LoadBalancer status, and allocations of deleted Services released. When a Service asks for what
// it cannot get (a taken node port), Kubernetes would refuse the update and the previous version
// would keep working; berth keeps serving the last version that got everything ("last good").

import { idOf } from "../../manifest/identity.js";
import type { Service } from "../../manifest/types.js";
import { allocationsIn, release, type Allocations } from "../../state/allocations.js";
import type { ObjectStore } from "../../state/store.js";
import type { Clock } from "../../util/clock.js";
import { errorMessage } from "../../util/errors.js";
import { assignServiceAddresses, wantsClusterIP, type PortRange } from "./assign.js";
import type { ServiceEvents } from "./events.js";
import type { Cidr } from "./ipv4.js";
import { cidrContains, mustParseCidr, parseCidr, parseIPv4 } from "./ipv4.js";
import { desiredServiceStatus } from "./status.js";
import {
  ensureSubnet,
  planFor,
  recordedSubnet,
  subnetClashes,
  type NamespaceNetworkPlan,
} from "./subnets.js";
import type { EngineSubnets } from "./engine-subnets.js";

/** Where the allocations live: the daemon keeps them in the state file. */
export interface AllocationBook {
  get(): Allocations;
  set(next: Allocations): void;
}

export interface AddressesOptions {
  store: ObjectStore;
  allocations: AllocationBook;
  networkRange: string;
  nodePortRange: PortRange;
  clock: Clock;
  events: ServiceEvents;
  nodeAddresses: () => readonly string[];
  /** Subnets the engines already use (scanned at start). */
  engineSubnets?: () => EngineSubnets;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export class ServiceAddresses {
  private readonly range: Cidr;
  private readonly lastGood = new Map<string, Service>();

  constructor(private readonly o: AddressesOptions) {
    this.range = mustParseCidr(o.networkRange, "services.networkRange");
  }

  /** The namespace's network plan; records a subnet for it on first use. */
  networkFor(namespace: string): NamespaceNetworkPlan {
    const r = ensureSubnet(
      this.o.allocations.get(),
      this.range,
      namespace,
      this.o.clock.now(),
      this.o.engineSubnets?.(),
    );
    if (r.allocations !== this.o.allocations.get()) this.o.allocations.set(r.allocations);
    return planFor(namespace, mustParseCidr(r.subnet, `subnet of namespace ${namespace}`));
  }

  /** The subnet recorded for the namespace, if any. */
  recorded(namespace: string): string | undefined {
    return recordedSubnet(this.o.allocations.get(), namespace);
  }

  /**
   * Gives up the namespace's recorded subnet when it clashes with a network now on the engines and
   * the namespace has no network yet anywhere (`engines` is a fresh scan): nothing runs on that
   * subnet, so the next networkFor() picks a free one. Cluster IPs handed out from the old subnet
   * are released and cleared from the Services, which get new ones on the next reconcile. Returns
   * whether it re-planned.
   */
  replan(namespace: string, engines: EngineSubnets): boolean {
    const allocs = this.o.allocations.get();
    const old = recordedSubnet(allocs, namespace);
    if (old === undefined || engines.byNamespace.has(namespace) || !subnetClashes(old, namespace, engines))
      return false;
    const cidr = parseCidr(old);
    if (!cidr) return false;
    const inOld = (ip: string | undefined): boolean => {
      const n = ip === undefined ? undefined : parseIPv4(ip);
      return n !== undefined && cidrContains(cidr, n);
    };
    let a = release(allocs, "namespaceSubnets", old);
    for (const x of allocationsIn(a, "clusterIPs")) if (inOld(x.value)) a = release(a, "clusterIPs", x.value);
    this.o.allocations.set(a);
    for (const s of this.o.store.list("Service")) {
      if ((s.metadata.namespace ?? "default") !== namespace || !inOld(s.spec.clusterIP)) continue;
      this.lastGood.delete(s.metadata.uid ?? "");
      const { clusterIP: _ip, clusterIPs: _ips, ...spec } = s.spec;
      this.o.store.update({ ...s, spec });
    }
    return true;
  }

  /**
   * Assigns every Service what it needs and returns the Services the data plane should serve
   * (uid → Service, with cluster IP and node ports in spec).
   */
  reconcile(): Map<string, Service> {
    const effective = new Map<string, Service>();
    const live = new Set<string>();
    for (const s of this.o.store.list("Service")) {
      const uid = s.metadata.uid ?? "";
      live.add(uid);
      if (s.metadata.deletionTimestamp !== undefined) continue;
      try {
        const served = this.reconcileOne(s);
        if (served) effective.set(uid, served);
      } catch (e) {
        this.o.events.warn(s, "FailedToAllocate", errorMessage(e));
        const good = this.lastGood.get(uid);
        if (good) effective.set(uid, good);
      }
    }
    for (const uid of [...this.lastGood.keys()]) if (!live.has(uid)) this.lastGood.delete(uid);
    this.releaseOrphans(live);
    return effective;
  }

  private reconcileOne(s: Service): Service | undefined {
    const uid = s.metadata.uid ?? "";
    const ns = s.metadata.namespace ?? "default";
    // The plan first: recording a new namespace subnet changes the allocations read next.
    const plan = wantsClusterIP(s) ? this.networkFor(ns) : undefined;
    const r = assignServiceAddresses({
      service: s,
      allocations: this.o.allocations.get(),
      ...(plan ? { plan } : {}),
      nodePortRange: this.o.nodePortRange,
      now: this.o.clock.now(),
    });
    if (r.problems.length > 0) {
      this.o.events.warn(
        s,
        "FailedToAllocate",
        `Service ${ns}/${s.metadata.name} is invalid: ${r.problems.join("; ")}`,
      );
      return this.lastGood.get(uid);
    }
    this.o.events.clear(s, "FailedToAllocate");
    if (r.allocations !== this.o.allocations.get()) this.o.allocations.set(r.allocations);
    let current: Service = s;
    if (!sameJson(r.spec, s.spec) || !sameJson(r.annotations, s.metadata.annotations ?? {})) {
      current = this.o.store.update({
        ...s,
        metadata: { ...s.metadata, annotations: r.annotations },
        spec: r.spec,
      });
    }
    const status = desiredServiceStatus(current, this.o.nodeAddresses());
    if (!sameJson(status, current.status)) {
      current = this.o.store.updateStatus(idOf(current), status) as Service;
    }
    this.lastGood.set(uid, current);
    return current;
  }

  /** Cluster IPs and node ports of Services that no longer exist. */
  private releaseOrphans(live: ReadonlySet<string>): void {
    let a = this.o.allocations.get();
    const start = a;
    for (const x of allocationsIn(a, "clusterIPs")) {
      if (x.holder.kind === "Service" && !live.has(x.holder.uid)) a = release(a, "clusterIPs", x.value);
    }
    for (const x of allocationsIn(a, "nodePorts")) {
      if (x.holder.kind === "Service" && !live.has(x.holder.uid)) a = release(a, "nodePorts", x.value);
    }
    if (a !== start) this.o.allocations.set(a);
  }
}
