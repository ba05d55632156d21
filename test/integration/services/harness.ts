// A small cluster for service tests: the main engine (node n1, at the host's address on the
// test-host bridge so the other engines' containers reach its published ports) plus test hosts
// n2/n3 (scripts/test-hosts.sh), an object store, and a ServiceController. Pods are run with the
// runtime primitives and written into the store with the status a node agent would give them,
// standing in for the agent (which lands separately). Everything is labelled with this run's node
// names and namespaces and removed by `cleanup`.

import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { promisify } from "node:util";
import type Docker from "dockerode";
import type { EventRecord } from "../../../src/controllers/types.js";
import { idOf } from "../../../src/manifest/identity.js";
import type { Container, Pod, PodSpec, Service, ServiceSpec } from "../../../src/manifest/types.js";
import { connect } from "../../../src/runtime/docker/connect.js";
import { createContainer, removePod, startContainer } from "../../../src/runtime/docker/containers.js";
import { exec } from "../../../src/runtime/docker/exec.js";
import { listManagedContainers } from "../../../src/runtime/docker/list.js";
import { removeNamespaceNetwork } from "../../../src/runtime/docker/network.js";
import { createSandbox, startSandbox } from "../../../src/runtime/docker/sandbox.js";
import { LABEL } from "../../../src/runtime/labels.js";
import { EMPTY_SOURCES } from "../../../src/runtime/spec/context.js";
import { ServiceController, type ServiceNode } from "../../../src/network/services/controller.js";
import { podDnsAliases } from "../../../src/network/services/pod-aliases.js";
import {
  formatPublishedPorts,
  PUBLISHED_PORTS_ANNOTATION,
} from "../../../src/network/services/published-ports.js";
import { serviceEnv } from "../../../src/network/services/service-env.js";
import type { Allocations } from "../../../src/state/allocations.js";
import { ObjectStore } from "../../../src/state/store.js";
import type { SandboxGate } from "../../../src/runtime/agent/network-gate.js";

const run = promisify(execFile);

export const HOSTS = {
  n1: { url: "unix:///var/run/docker.sock", address: "10.231.0.1" },
  n2: { url: "unix:///run/berth-test/n2.sock", address: "10.231.0.2" },
  n3: { url: "unix:///run/berth-test/n3.sock", address: "10.231.0.3" },
} as const;
export type HostName = keyof typeof HOSTS;

const CLOSED = { allowHostPath: false, allowPrivileged: false, allowHostNetwork: false };
const CAPACITY = { cpuMilli: 2000, memoryBytes: 2 * 1024 ** 3 };

export const WEB: Container = {
  name: "web",
  image: "berth.local/web:1",
  command: ["serve"],
  ports: [{ name: "http", containerPort: 80, protocol: "TCP" }],
};
export const IDLE: Container = {
  name: "client",
  image: "berth.local/busybox:1",
  command: ["sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait"],
};

export async function testHostsUp(): Promise<void> {
  await run("bash", ["scripts/test-hosts.sh", "up"], { timeout: 180_000 });
}

export async function forwardNamesDocker0(): Promise<boolean> {
  return (await run("iptables", ["-S", "FORWARD"])).stdout.includes("docker0");
}

export interface Cluster {
  runId: string;
  store: ObjectStore;
  controller: ServiceController;
  nodes: Map<HostName, ServiceNode>;
  /** Per node, the proxy operations that went through its sandbox network gate ("join", "leave"). */
  gated: Map<HostName, string[]>;
  allocations: { value: Allocations };
  events: EventRecord[];
  namespace(suffix?: string): string;
  service(namespace: string, name: string, spec: ServiceSpec): Service;
  runPod(
    host: HostName,
    namespace: string,
    name: string,
    spec: Partial<PodSpec> & { containers: Container[] },
    opts?: { labels?: Record<string, string>; annotate?: boolean },
  ): Promise<RunningPod>;
  setReady(pod: Pod, ready: boolean): void;
  /** Runs a shell command in the pod's first container. */
  sh(p: RunningPod, script: string, timeoutMs?: number): Promise<string>;
  newController(): ServiceController;
  cleanup(): Promise<void>;
}

export interface RunningPod {
  pod: Pod;
  host: HostName;
  containerId: string;
  podIP: string;
}

export async function makeCluster(hosts: HostName[], opts: { networkRange?: string } = {}): Promise<Cluster> {
  const runId = `sv${Date.now().toString(36)}${randomBytes(2).toString("hex")}`;
  const nodes = new Map<HostName, ServiceNode>();
  const gated = new Map<HostName, string[]>();
  for (const h of hosts) {
    const { docker } = await connect({ url: HOSTS[h].url });
    const ops: string[] = [];
    gated.set(h, ops);
    // Records what the node worker routes through the gate (and runs it unordered).
    const gate: SandboxGate = {
      join: (op) => (ops.push("join"), op()),
      leave: (op) => (ops.push("leave"), op()),
    };
    nodes.set(h, { name: `${runId}-${h}`, address: HOSTS[h].address, docker, gate: () => gate });
  }
  const store = new ObjectStore();
  const allocations = { value: {} as Allocations };
  const events: EventRecord[] = [];
  const namespaces: string[] = [];
  // A range per run: leftovers of another run never overlap this run's networks.
  const networkRange =
    opts.networkRange ??
    `10.${64 + (randomBytes(1).readUInt8() % 32)}.${(randomBytes(1).readUInt8() % 4) * 64}.0/18`;
  const controllers: ServiceController[] = [];
  const newController = () => {
    const c = new ServiceController({
      store,
      nodes: [...nodes.values()],
      allocations: { get: () => allocations.value, set: (a) => (allocations.value = a) },
      networkRange,
      onEvent: (e) => events.push(e),
      resyncMs: 60_000,
      ...(process.env.BERTH_TEST_DEBUG ? { log: (l: string, m: string) => console.log(`[${l}] ${m}`) } : {}),
    });
    controllers.push(c);
    return c;
  };
  const controller = newController();
  controller.start();
  const node = (h: HostName) => must(nodes.get(h), `node ${h}`);

  return {
    runId,
    store,
    controller,
    nodes,
    gated,
    allocations,
    events,
    newController,
    namespace(suffix = "") {
      const ns = `${runId}${suffix}`;
      namespaces.push(ns);
      return ns;
    },
    service(namespace, name, spec) {
      return store.create<Service>({
        apiVersion: "v1",
        kind: "Service",
        metadata: { name, namespace, labels: {}, annotations: {} },
        spec: { type: "ClusterIP", sessionAffinity: "None", ...spec },
      });
    },
    async runPod(host, namespace, name, spec, o = {}) {
      const n = node(host);
      const pod = store.create<Pod>({
        apiVersion: "v1",
        kind: "Pod",
        metadata: { name, namespace, labels: o.labels ?? { app: name }, annotations: {} },
        spec: {
          restartPolicy: "Always",
          terminationGracePeriodSeconds: 2,
          dnsPolicy: "ClusterFirst",
          nodeName: n.name,
          ...spec,
        },
      });
      const rt = { name: n.name, address: n.address, policy: CLOSED };
      const network = controller.networkFor(namespace);
      const sb = await createSandbox(n.docker, rt, pod, {
        network,
        aliases: podDnsAliases(pod, store.list("Service"), "cluster.local"),
      });
      const { podIP } = await startSandbox(n.docker, sb.id);
      const facts = { nodeName: n.name, hostIP: n.address, podIP, capacity: CAPACITY };
      let containerId = "";
      for (const c of pod.spec.containers) {
        const created = await createContainer(n.docker, {
          pod,
          container: c,
          role: "app",
          attempt: 0,
          node: rt,
          sandboxId: sb.id,
          sources: EMPTY_SOURCES,
          facts,
          serviceEnv: serviceEnv(pod, store.list("Service")),
        });
        await startContainer(n.docker, created.id);
        containerId ||= created.id;
      }
      let current = pod;
      if (o.annotate !== false) {
        const observed = await listManagedContainers(n.docker, n.name);
        const ports = observed.get(pod.metadata.uid ?? "")?.sandbox?.ports ?? [];
        current = store.update<Pod>({
          ...pod,
          metadata: {
            ...pod.metadata,
            annotations: {
              ...pod.metadata.annotations,
              [PUBLISHED_PORTS_ANNOTATION]: formatPublishedPorts(podIP, ports),
            },
          },
        });
      }
      current = store.updateStatus(idOf(current), {
        phase: "Running",
        podIP,
        podIPs: [{ ip: podIP }],
        hostIP: n.address,
        conditions: [{ type: "Ready", status: "True" }],
      }) as Pod;
      return { pod: current, host, containerId, podIP };
    },
    setReady(pod, ready) {
      const cur = store.get("Pod", pod.metadata.namespace ?? "", pod.metadata.name);
      if (!cur?.status) throw new Error(`pod ${pod.metadata.name} has no status`);
      store.updateStatus(idOf(cur), {
        ...cur.status,
        conditions: [{ type: "Ready", status: ready ? "True" : "False" }],
      });
    },
    async sh(p, script, timeoutMs = 20_000) {
      const r = await exec(node(p.host).docker, p.containerId, ["sh", "-c", script], timeoutMs);
      return r.output;
    },
    async cleanup() {
      for (const c of controllers) await c.stop();
      for (const [, n] of nodes) {
        const left = await n.docker.listContainers({
          all: true,
          filters: { label: [`${LABEL.node}=${n.name}`] },
        });
        for (const c of left) {
          const uid = c.Labels[LABEL.podUid];
          if (uid) await removePod(n.docker, uid);
          else
            await n.docker
              .getContainer(c.Id)
              .remove({ force: true })
              .catch(() => undefined);
        }
        for (const ns of namespaces) await removeNamespaceNetwork(n.docker, ns);
      }
    },
  };
}

/** Repeats `fn` until `ok` or the deadline; returns the last value. */
export async function eventually<T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 15_000): Promise<T> {
  const until = Date.now() + ms;
  let v = await fn();
  while (!ok(v) && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 200));
    v = await fn();
  }
  return v;
}

/** `n` requests through busybox wget in the client pod; the bodies, trimmed. */
export async function fetchMany(c: Cluster, client: RunningPod, url: string, n: number): Promise<string[]> {
  const script = `for i in $(seq ${n}); do timeout 5 wget -qO- ${url} || echo FAILED; done`;
  const out = await c.sh(client, script, 60_000);
  return out
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "");
}

export function asDocker(n: ServiceNode): Docker {
  return n.docker;
}

export function must<T>(v: T | undefined, what: string): T {
  if (v === undefined) throw new Error(`missing ${what}`);
  return v;
}
