// The ingress's view of Services: the ready endpoints of one Service port as the berth process
// reaches them — always through the port the pod's sandbox published on its node's address
// (host-network pods: the node's address and the target port), since berth runs on a host, not
// on any namespace network. Answers are cached until the store or the published ports change.

import type { Service, ServiceBackendPort } from "../../manifest/types.js";
import type { BackendResolver, ResolvedBackend } from "../ingress/resolver.js";
import type { ObjectStore } from "../../state/store.js";
import { reach, readyTargets, type ReachContext } from "./targets.js";

export type { BackendEndpoint, BackendResolver, ResolvedBackend } from "../ingress/resolver.js";

export class ServiceResolver implements BackendResolver {
  private cache = new Map<string, ResolvedBackend>();
  private cachedAt = -1;
  private cachedPorts = -1;

  constructor(
    private readonly store: ObjectStore,
    /** The Services as the controller assigned them (uid → Service). */
    private readonly effective: () => ReadonlyMap<string, Service>,
    private readonly ctx: ReachContext,
    /** Bumped whenever published ports learnt from Docker change (they do not move the store). */
    private readonly portsVersion: () => number,
  ) {}

  resolve(namespace: string, service: string, port: ServiceBackendPort): ResolvedBackend {
    const stored = this.store.get("Service", namespace, service);
    if (!stored) return { endpoints: [] };
    const svc = this.effective().get(stored.metadata.uid ?? "") ?? stored;
    if (this.cachedAt !== this.store.resourceVersion || this.cachedPorts !== this.portsVersion()) {
      this.cache = new Map();
      this.cachedAt = this.store.resourceVersion;
      this.cachedPorts = this.portsVersion();
    }
    const key = `${namespace}/${service}/${port.name ?? ""}/${port.number ?? ""}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const pods = this.store.list("Pod", { namespace });
    const sp = (svc.spec.ports ?? []).find((p) =>
      port.name !== undefined && port.name !== "" ? p.name === port.name : p.port === port.number,
    );
    const out: ResolvedBackend = { endpoints: [], service: svc };
    if (sp && svc.spec.type !== "ExternalName") {
      const protocol = sp.protocol ?? "TCP";
      const targets = readyTargets(svc, pods).find((t) => t.port === sp)?.targets ?? [];
      for (const t of targets) {
        const d = reach(undefined, t, protocol, this.ctx);
        if (d) out.endpoints.push({ host: d.host, port: d.port, pod: d.pod });
      }
    }
    this.cache.set(key, out);
    return out;
  }
}
