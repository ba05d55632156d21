// A minimal pod runner over the runtime primitives, standing in for the node agent (which the
// lead wires later): sandbox, projection, init containers one by one to success, app containers.
// Everything a run creates carries its unique node label and namespace, and is removed by `cleanup`.

import { randomBytes } from "node:crypto";
import type Docker from "dockerode";
import type { Container, Pod, PodSpec } from "../../../src/manifest/types.js";
import { connect } from "../../../src/runtime/docker/connect.js";
import {
  createContainer,
  removePod,
  startContainer,
  waitContainer,
} from "../../../src/runtime/docker/containers.js";
import { projectVolumes } from "../../../src/runtime/docker/projection.js";
import { createSandbox, startSandbox } from "../../../src/runtime/docker/sandbox.js";
import { removeNamespaceNetwork } from "../../../src/runtime/docker/network.js";
import { LABEL } from "../../../src/runtime/labels.js";
import type { NodePolicy } from "../../../src/runtime/node.js";
import {
  EMPTY_SOURCES,
  type ConfigSources,
  type PodRuntimeFacts,
} from "../../../src/runtime/spec/context.js";

export const LOCAL_ENDPOINT = { url: "unix:///var/run/docker.sock" };

export const CLOSED: NodePolicy = { allowHostPath: false, allowPrivileged: false, allowHostNetwork: false };

export interface Rig {
  docker: Docker;
  runId: string;
  /** Unique per run: the io.berth.node label of everything created. */
  nodeName: string;
  namespace: string;
  node: { name: string; address: string; policy: NodePolicy };
  pod(name: string, spec: Partial<PodSpec> & { containers: Container[] }): Pod;
  cleanup(): Promise<void>;
}

export async function makeRig(
  opts: { endpoint?: { url: string }; address?: string; policy?: NodePolicy } = {},
): Promise<Rig> {
  const { docker } = await connect(opts.endpoint ?? LOCAL_ENDPOINT);
  const runId = `rt${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;
  const nodeName = `it-${runId}`;
  const namespace = runId;
  const uids: string[] = [];
  return {
    docker,
    runId,
    nodeName,
    namespace,
    node: { name: nodeName, address: opts.address ?? "127.0.0.1", policy: opts.policy ?? CLOSED },
    pod(name, spec) {
      const uid = `${runId}-${name}-${randomBytes(2).toString("hex")}`;
      uids.push(uid);
      return {
        apiVersion: "v1",
        kind: "Pod",
        metadata: { name, namespace, uid, labels: { app: name }, annotations: {} },
        spec: {
          restartPolicy: "Always",
          terminationGracePeriodSeconds: 5,
          dnsPolicy: "ClusterFirst",
          ...spec,
        },
      };
    },
    async cleanup() {
      for (const uid of uids) await removePod(docker, uid);
      // Anything else labelled for this run's node (containers of pods the test made by hand).
      const left = await docker.listContainers({
        all: true,
        filters: { label: [`${LABEL.node}=${nodeName}`] },
      });
      for (const c of left) await docker.getContainer(c.Id).remove({ force: true });
      const vols = await docker.listVolumes({ filters: { label: [`${LABEL.node}=${nodeName}`] } });
      for (const v of vols.Volumes) await docker.getVolume(v.Name).remove();
      await removeNamespaceNetwork(docker, namespace);
    },
  };
}

export interface RunningPod {
  sandboxId: string;
  podIP: string;
  facts: PodRuntimeFacts;
  init: { name: string; id: string; exitCode: number | undefined }[];
  apps: Map<string, string>;
  hashes: Record<string, string>;
  /** The termination volume's directory on the (local) engine host. */
  terminationDir?: string;
}

/** Runs a pod to "all app containers started"; init containers run one at a time and must exit 0. */
export async function runPod(
  rig: Rig,
  pod: Pod,
  sources: ConfigSources = EMPTY_SOURCES,
): Promise<RunningPod> {
  const sb = await createSandbox(rig.docker, rig.node, pod);
  const started = await startSandbox(rig.docker, sb.id);
  const podIP = started.podIP;
  const dir = started.terminationDir !== undefined ? { terminationDir: started.terminationDir } : {};
  const { hashes } = await projectVolumes(rig.docker, sb.id, pod, sources);
  const facts: PodRuntimeFacts = {
    nodeName: rig.nodeName,
    hostIP: rig.node.address,
    podIP,
    capacity: { cpuMilli: 2000, memoryBytes: 2 * 1024 ** 3 },
  };
  const base = {
    pod,
    attempt: 0,
    node: rig.node,
    sandboxId: sb.id,
    sandbox: { attempt: 0, ...dir },
    sources,
    facts,
  };
  const init: RunningPod["init"] = [];
  for (const c of pod.spec.initContainers ?? []) {
    const created = await createContainer(rig.docker, { ...base, container: c, role: "init" });
    await startContainer(rig.docker, created.id);
    const exitCode = await waitContainer(rig.docker, created.id, 30_000);
    init.push({ name: c.name, id: created.id, exitCode });
    if (exitCode !== 0) return { sandboxId: sb.id, podIP, facts, init, apps: new Map(), hashes, ...dir };
  }
  const apps = new Map<string, string>();
  for (const c of pod.spec.containers) {
    const created = await createContainer(rig.docker, { ...base, container: c, role: "app" });
    await startContainer(rig.docker, created.id);
    apps.set(c.name, created.id);
  }
  return { sandboxId: sb.id, podIP, facts, init, apps, hashes, ...dir };
}

/** Shell prefix that waits (up to 10 s) until `path` exists: no fixed sleeps on a busy machine. */
export function waitFor(path: string): string {
  return `for i in $(seq 200); do [ -e ${path} ] && break; sleep 0.05; done; `;
}

/** Busybox that idles until killed (SIGTERM ends it at once). */
export const IDLE = ["sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait"];

export function must<T>(v: T | undefined, what: string): T {
  if (v === undefined) throw new Error(`missing ${what}`);
  return v;
}
