// Pure: Docker's container inspect JSON → ObservedContainer. Kept apart from the calls that fetch
// it so the mapping is unit-tested on recorded shapes.

import { LABEL, SANDBOX_TERMINATION_DIR, type ContainerRole } from "../labels.js";
import type {
  ObservedContainer,
  ObservedPod,
  ObservedPort,
  ObservedState,
  PortProtocol,
} from "../observed.js";

/** The parts of GET /containers/{id}/json berth reads. */
export interface InspectShape {
  Id: string;
  Name: string;
  Created: string;
  Image: string;
  State: {
    Status: string;
    OOMKilled: boolean;
    ExitCode: number;
    Error?: string;
    StartedAt: string;
    FinishedAt: string;
  };
  Config: { Image: string; Labels: Record<string, string> | null };
  NetworkSettings?: {
    Ports?: Record<string, { HostIp: string; HostPort: string }[] | null> | null;
    Networks?: Record<string, { IPAddress?: string }> | null;
  };
  HostConfig?: { NetworkMode?: string };
  Mounts?: readonly { Source?: string; Destination?: string }[] | null;
}

/** Where a sandbox's termination volume is on the engine host (its mount's source). */
export function terminationDirOf(mounts: InspectShape["Mounts"]): string | undefined {
  const m = (mounts ?? []).find((x) => x.Destination === SANDBOX_TERMINATION_DIR);
  return m?.Source !== undefined && m.Source !== "" ? m.Source : undefined;
}

const ZERO_TIME = "0001-01-01T00:00:00Z";

const ROLES: readonly ContainerRole[] = ["sandbox", "init", "app"];

/** Code-unit order: stable across locales. */
function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function stateOf(status: string): ObservedState {
  switch (status) {
    case "created":
    case "running":
    case "exited":
    case "dead":
    case "paused":
    case "restarting":
      return status;
    default:
      // "removing": on its way out; treat as gone-but-not-yet-removed.
      return "dead";
  }
}

function timeOf(t: string): string | undefined {
  return t === "" || t.startsWith("0001-01-01") || t === ZERO_TIME ? undefined : t;
}

function protocolOf(p: string | undefined): PortProtocol {
  switch (p) {
    case "udp":
      return "UDP";
    case "sctp":
      return "SCTP";
    default:
      return "TCP";
  }
}

/** `{"80/tcp": [{HostIp, HostPort}]}` → one entry per binding, sorted for stable output. */
export function portsFromInspect(
  ports: Record<string, { HostIp: string; HostPort: string }[] | null> | null | undefined,
): ObservedPort[] {
  const out: ObservedPort[] = [];
  for (const [key, bindings] of Object.entries(ports ?? {})) {
    const [port, proto] = key.split("/");
    const containerPort = Number(port);
    if (!Number.isInteger(containerPort)) continue;
    for (const b of bindings ?? []) {
      const hostPort = Number(b.HostPort);
      if (!Number.isInteger(hostPort) || hostPort <= 0) continue;
      out.push({ containerPort, protocol: protocolOf(proto), hostIP: b.HostIp, hostPort });
    }
  }
  return out.sort(
    (a, b) =>
      a.containerPort - b.containerPort ||
      cmp(a.protocol, b.protocol) ||
      cmp(a.hostIP, b.hostIP) ||
      a.hostPort - b.hostPort,
  );
}

/** Undefined when the container does not carry berth's labels (not ours to manage). */
export function observeFromInspect(info: InspectShape): ObservedContainer | undefined {
  const labels = info.Config.Labels ?? {};
  if (labels[LABEL.managed] !== "true") return undefined;
  const podUid = labels[LABEL.podUid];
  const roleLabel = labels[LABEL.role] as ContainerRole | undefined;
  if (podUid === undefined || roleLabel === undefined || !ROLES.includes(roleLabel)) return undefined;
  const attempt = Number(labels[LABEL.restartCount] ?? "0");

  const networkMode = info.HostConfig?.NetworkMode ?? "";
  let ip: string | undefined;
  if (roleLabel === "sandbox" && networkMode !== "host") {
    const net = info.NetworkSettings?.Networks?.[networkMode];
    const addr = net?.IPAddress ?? "";
    if (addr !== "") ip = addr;
  }

  const o: ObservedContainer = {
    id: info.Id,
    dockerName: info.Name.replace(/^\//, ""),
    podUid,
    podName: labels[LABEL.podName] ?? "",
    namespace: labels[LABEL.podNamespace] ?? "",
    name: labels[LABEL.containerName] ?? "",
    role: roleLabel,
    attempt: Number.isInteger(attempt) && attempt >= 0 ? attempt : 0,
    specHash: labels[LABEL.specHash] ?? "",
    state: stateOf(info.State.Status),
    exitCode: info.State.ExitCode,
    oomKilled: info.State.OOMKilled,
    createdAt: info.Created,
    image: info.Config.Image,
    // status.imageID as the kubelet reported it for Docker: docker://sha256:…
    imageId: info.Image.startsWith("sha256:") ? `docker://${info.Image}` : info.Image,
    ports: portsFromInspect(info.NetworkSettings?.Ports),
    labels,
  };
  const startedAt = timeOf(info.State.StartedAt);
  if (startedAt !== undefined) o.startedAt = startedAt;
  const finishedAt = timeOf(info.State.FinishedAt);
  if (finishedAt !== undefined) o.finishedAt = finishedAt;
  if (info.State.Error !== undefined && info.State.Error !== "") o.error = info.State.Error;
  if (ip !== undefined) o.ip = ip;
  if (roleLabel === "sandbox") {
    const dir = terminationDirOf(info.Mounts);
    if (dir !== undefined) o.terminationDir = dir;
  }
  return o;
}

/** Groups containers by pod uid; per container name, attempts ascend. */
export function groupByPod(containers: readonly ObservedContainer[]): Map<string, ObservedPod> {
  const pods = new Map<string, ObservedPod>();
  for (const c of containers) {
    let pod = pods.get(c.podUid);
    if (!pod) {
      pod = { uid: c.podUid, name: c.podName, namespace: c.namespace, containers: [] };
      pods.set(c.podUid, pod);
    }
    if (c.role === "sandbox") {
      // Two sandboxes for one pod only happen mid-replacement; the newest one is the pod's.
      if (!pod.sandbox || pod.sandbox.createdAt < c.createdAt) pod.sandbox = c;
    } else {
      pod.containers.push(c);
    }
  }
  for (const pod of pods.values()) {
    pod.containers.sort(
      (a, b) => cmp(a.name, b.name) || a.attempt - b.attempt || cmp(a.createdAt, b.createdAt),
    );
  }
  return pods;
}
