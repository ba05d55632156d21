// The ServiceController as a daemon component: Docker clients for berth.yaml's nodes, allocations
// kept in the daemon's state (saved with it), events into the daemon's event list. The daemon
// wires it in src/daemon/components.ts, hands `agentHooks()` to the node agents and the controller
// (a BackendResolver) to the ingress:
//
//   const services = createServicesComponent(daemon);
//   createNodeRuntime({ ..., hooks: services.agentHooks() });
//   new IngressController({ ..., resolver: services.controller });

import Docker from "dockerode";
import type { BerthConfig, NodeConfig } from "../../config/types.js";
import type { Pod } from "../../manifest/types.js";
import { dockerOptions, PREFERRED_API_VERSION } from "../../runtime/docker/connect.js";
import type { NamespaceNetworkIpam } from "../../runtime/docker/network.js";
import type { NodeEndpoint } from "../../runtime/node.js";
import type { Allocations } from "../../state/allocations.js";
import type { EventInput } from "../../state/events.js";
import type { ObjectStore } from "../../state/store.js";
import type { Clock } from "../../util/clock.js";
import { ServiceController, type ServiceNode } from "./controller.js";
import { podDnsAliases } from "./pod-aliases.js";
import type { SandboxGate } from "../../runtime/agent/network-gate.js";

/** What the component needs from the daemon (src/daemon/daemon.ts's Daemon has all of it). */
export interface ServicesHost {
  store: ObjectStore;
  config: BerthConfig;
  clock: Clock;
  allocations: Allocations;
  save(): void;
  recordEvent(e: EventInput): void;
  log: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
}

/** The node agent's networking hooks (src/runtime/agent: AgentHooks), filled by the services. */
export interface ServiceAgentHooks {
  serviceEnv(pod: Pod): ReadonlyMap<string, string>;
  sandboxOptions(pod: Pod): { aliases: string[]; network?: NamespaceNetworkIpam };
}

export interface ServicesComponent {
  readonly name: "services";
  readonly controller: ServiceController;
  start(): Promise<void>;
  stop(): Promise<void>;
  agentHooks(): ServiceAgentHooks;
}

export function nodeEndpoint(node: NodeConfig): NodeEndpoint {
  const ep = node.endpoint;
  return ep.kind === "tcp" && ep.tls ? { url: ep.url, tls: ep.tls } : { url: ep.url };
}

/** A client per node; API version 1.41 (what engines here speak; newer engines accept it). `gates`
 * gives a node's sandbox network gate (the node agents'), asked each time it is used. */
export function serviceNodes(config: BerthConfig, gates?: (node: string) => SandboxGate): ServiceNode[] {
  return config.nodes.map((n) => ({
    name: n.name,
    address: n.address,
    docker: new Docker(dockerOptions(nodeEndpoint(n), PREFERRED_API_VERSION)),
    ...(gates ? { gate: () => gates(n.name) } : {}),
  }));
}

export function createServicesComponent(
  host: ServicesHost,
  nodes: ServiceNode[] = serviceNodes(host.config),
): ServicesComponent {
  const config = host.config;
  const clusterDomain = config.runtime.clusterDomain;
  const controller = new ServiceController({
    store: host.store,
    nodes,
    allocations: {
      get: () => host.allocations,
      set: (a) => {
        host.allocations = a;
        host.save();
      },
    },
    clusterDomain,
    nodePortRange: config.services.nodePortRange,
    networkRange: config.services.networkRange,
    clock: host.clock,
    onEvent: (e) =>
      host.recordEvent({
        type: e.type,
        reason: e.reason,
        message: e.message,
        involvedObject: {
          kind: e.object.kind,
          namespace: e.object.namespace,
          name: e.object.name,
          ...(e.object.uid ? { uid: e.object.uid } : {}),
        },
        source: { component: "service-controller" },
      }),
    log: (level, message) => host.log[level]({ component: "services" }, message),
  });
  return {
    name: "services",
    controller,
    start: async () => {
      await controller.prepare();
      controller.start();
    },
    stop: () => controller.stop(),
    agentHooks: () => ({
      serviceEnv: (pod) => controller.serviceEnv(pod),
      sandboxOptions: (pod) => {
        const plan = controller.networkFor(pod.metadata.namespace ?? "default");
        return {
          aliases: podDnsAliases(pod, host.store.list("Service"), clusterDomain),
          network: { subnet: plan.subnet, gateway: plan.gateway, ipRange: plan.ipRange },
        };
      },
    }),
  };
}
