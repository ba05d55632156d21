// Published ports of ready endpoint pods: the agent's annotation when present and current, else
// what the pod's engine says (one list call per node, at most once a second per node). A refresh
// that learns something new asks the controller to push endpoint lists again.

import type { Pod, Service } from "../../manifest/types.js";
import { errorMessage } from "../../util/errors.js";
import type { ServiceNode } from "./node-worker.js";
import { annotatedPorts, type PublishedPort, type PublishedPorts } from "./published-ports.js";
import { listSandboxPorts } from "./sandbox-ports.js";
import { headlessMembers } from "./pod-proxies.js";
import { readyTargets } from "./targets.js";

const MIN_INTERVAL_MS = 1000;
/** After a failed list (the engine is down), wait this long before asking that engine again. */
const FAILED_INTERVAL_MS = 10_000;

interface NodeEntry {
  node: ServiceNode;
  ports: Map<string, PublishedPorts>;
  lastAt: number;
  running: Promise<void> | undefined;
  timer: NodeJS.Timeout | undefined;
  lastError: string;
}

export class PublishedPortsCache {
  private readonly byNode = new Map<string, NodeEntry>();
  /** Bumped whenever what Docker said changes. */
  version = 0;

  constructor(
    nodes: readonly ServiceNode[],
    private readonly onUpdate: () => void,
    private readonly log: (level: "info" | "warn", message: string) => void,
  ) {
    for (const node of nodes) {
      this.byNode.set(node.name, {
        node,
        ports: new Map(),
        lastAt: 0,
        running: undefined,
        timer: undefined,
        lastError: "",
      });
    }
  }

  portsOf(pod: Pod): readonly PublishedPort[] | undefined {
    const annotated = annotatedPorts(pod);
    if (annotated) return annotated.ports;
    const entry = this.byNode.get(pod.spec.nodeName ?? "");
    const cached = entry?.ports.get(pod.metadata.uid ?? "");
    if (cached?.podIP === (pod.status?.podIP ?? "")) return cached.ports;
    return undefined;
  }

  /** Asks the engines about endpoint pods whose ports are not known. */
  refreshMissing(services: readonly Service[], pods: readonly Pod[], clusterDomain: string): void {
    const wanted: Pod[] = headlessMembers(services, pods, clusterDomain).map((m) => m.pod);
    for (const s of services) {
      for (const { targets } of readyTargets(s, pods)) wanted.push(...targets.map((t) => t.pod));
    }
    const nodes = new Set<string>();
    for (const p of wanted) {
      if (p.spec.hostNetwork !== true && this.portsOf(p) === undefined) nodes.add(p.spec.nodeName ?? "");
    }
    for (const n of nodes) this.refresh(n);
  }

  busy(): boolean {
    for (const e of this.byNode.values()) if (e.running) return true;
    return false;
  }

  async idle(): Promise<void> {
    for (const e of this.byNode.values()) while (e.running) await e.running;
  }

  private refresh(nodeName: string): void {
    const e = this.byNode.get(nodeName);
    if (!e || e.running || e.timer) return;
    const wait = e.lastAt + MIN_INTERVAL_MS - Date.now();
    if (wait > 0) {
      e.timer = setTimeout(() => {
        e.timer = undefined;
        this.refresh(nodeName);
      }, wait);
      e.timer.unref();
      return;
    }
    e.lastAt = Date.now();
    e.running = listSandboxPorts(e.node.docker, e.node.name)
      .then((ports) => {
        const changed = JSON.stringify([...ports]) !== JSON.stringify([...e.ports]);
        e.ports = ports;
        if (changed) {
          this.version++;
          this.onUpdate();
        }
      })
      .then(() => {
        e.lastError = "";
      })
      .catch((err: unknown) => {
        e.lastAt = Date.now() + FAILED_INTERVAL_MS - MIN_INTERVAL_MS;
        const message = errorMessage(err);
        if (message !== e.lastError) this.log("warn", message);
        e.lastError = message;
      })
      .finally(() => (e.running = undefined));
  }
}
