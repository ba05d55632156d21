// A store and node agents on the real engine(s), with short intervals and backoffs. Everything a run
// creates carries its unique node names (io.berth.node) and namespace, and `cleanup` removes it.

import { randomBytes } from "node:crypto";
import Docker from "dockerode";
import { defaultConfig } from "../../../src/config/load.js";
import { unixNode } from "../../support/unix-node.js";
import type { BerthConfig, NodeConfig } from "../../../src/config/types.js";
import type { Container, Pod, PodSpec } from "../../../src/manifest/types.js";
import { NodeAgent } from "../../../src/runtime/agent/node-agent.js";
import type { AgentSettings } from "../../../src/runtime/agent/settings.js";
import { removeNamespaceNetwork } from "../../../src/runtime/docker/network.js";
import { LABEL } from "../../../src/runtime/labels.js";
import { DENY_ALL_POLICY } from "../../../src/runtime/node.js";
import type { EventInput } from "../../../src/state/events.js";
import { ObjectStore } from "../../../src/state/store.js";
import { pollUntil } from "../../support/poll.js";

export const LOCAL_SOCKET = "/var/run/docker.sock";
export const N2_SOCKET = "/run/berth-test/n2.sock";
export const N2_ADDRESS = "10.231.0.2";

export const FAST: Partial<AgentSettings> = {
  heartbeatIntervalMs: 500,
  heartbeatFailureThreshold: 2,
  heartbeatTimeoutMs: 2_000,
  relistIntervalMs: 1_000,
  fullResyncMs: 10_000,
  eventRepeatMs: 0,
  lifecycle: {
    crashLoopInitialMs: 1_000,
    crashLoopMaxMs: 4_000,
    imagePullInitialMs: 2_000,
    imagePullMaxMs: 8_000,
    errImagePullShowMs: 1_000,
    retryMs: 1_000,
    killRetryMs: 2_000,
  },
};

export interface Rig {
  runId: string;
  namespace: string;
  store: ObjectStore;
  events: EventInput[];
  /** A node of this run on an engine: a unique name, so labels keep runs apart. */
  node(suffix: string, socket?: string, address?: string, extra?: Partial<NodeConfig>): NodeConfig;
  pod(
    name: string,
    spec: Partial<PodSpec> & { containers: Container[] },
    meta?: Partial<Pod["metadata"]>,
  ): Pod;
  agent(node: NodeConfig, settings?: Partial<AgentSettings>, ready?: Promise<unknown>): Promise<NodeAgent>;
  config(nodes: NodeConfig[]): BerthConfig;
  get(name: string): Pod | undefined;
  /** Polls until `fn` returns something (not undefined/false); throws with `what` after the timeout. */
  waitFor<T>(
    what: string,
    fn: () => T | undefined | false | Promise<T | undefined | false>,
    timeoutMs?: number,
  ): Promise<T>;
  eventsFor(pod: string): EventInput[];
  docker(socket?: string): Docker;
  cleanup(): Promise<void>;
}

export function makeRig(): Rig {
  const runId = `ag${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;
  const namespace = runId;
  const store = new ObjectStore();
  const events: EventInput[] = [];
  const agents: NodeAgent[] = [];
  const nodes: { name: string; socket: string }[] = [];
  const clients = new Map<string, Docker>();
  const docker = (socket = LOCAL_SOCKET): Docker => {
    let d = clients.get(socket);
    if (!d) clients.set(socket, (d = new Docker({ socketPath: socket, version: "v1.41" })));
    return d;
  };
  const rig: Rig = {
    runId,
    namespace,
    store,
    events,
    node(suffix, socket = LOCAL_SOCKET, address = "127.0.0.1", extra = {}) {
      const name = `${runId}-${suffix}`;
      nodes.push({ name, socket });
      return { ...unixNode(name, socket, address), ...extra };
    },
    pod(name, spec, meta = {}) {
      return {
        apiVersion: "v1",
        kind: "Pod",
        metadata: { name, namespace, labels: { app: name }, annotations: {}, ...meta },
        spec: {
          restartPolicy: "Always",
          terminationGracePeriodSeconds: 5,
          dnsPolicy: "ClusterFirst",
          ...spec,
        },
      };
    },
    async agent(node, settings = {}, ready) {
      const a = new NodeAgent({
        node,
        policy: DENY_ALL_POLICY,
        store,
        settings: { ...FAST, ...settings },
        onEvent: (e) => events.push(e),
        ...(ready ? { ready } : {}),
      });
      agents.push(a);
      await a.start();
      return a;
    },
    config(list) {
      return { ...defaultConfig({}), nodes: list };
    },
    get(name) {
      return store.get("Pod", namespace, name);
    },
    waitFor(what, fn, timeoutMs = 30_000) {
      return pollUntil(what, fn, timeoutMs, 100);
    },
    eventsFor(pod) {
      return events.filter((e) => e.involvedObject.name === pod && e.involvedObject.namespace === namespace);
    },
    docker,
    async cleanup() {
      for (const a of agents) await a.stop();
      for (const n of nodes) {
        const d = docker(n.socket);
        try {
          const left = await d.listContainers({ all: true, filters: { label: [`${LABEL.node}=${n.name}`] } });
          for (const c of left) await d.getContainer(c.Id).remove({ force: true });
          const vols = await d.listVolumes({ filters: { label: [`${LABEL.node}=${n.name}`] } });
          for (const v of vols.Volumes) await d.getVolume(v.Name).remove({ force: true });
          await removeNamespaceNetwork(d, namespace);
        } catch {
          // An engine this run stopped on purpose may be gone; its test checks its own cleanup.
        }
      }
    },
  };
  return rig;
}

/** A web server that ends at once on SIGTERM, answering on port 80. */
export function web(name = "web", extra: Partial<Container> = {}): Container {
  return { name, image: "berth.local/web:1", ports: [{ containerPort: 80, protocol: "TCP" }], ...extra };
}

/** A busybox shell command. */
export function sh(name: string, script: string, extra: Partial<Container> = {}): Container {
  return { name, image: "berth.local/busybox:1", command: ["sh", "-c", script], ...extra };
}

export function condition(pod: Pod | undefined, type: string): string | undefined {
  return pod?.status?.conditions?.find((c) => c.type === type)?.status;
}
