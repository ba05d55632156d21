// The pod sandbox's create options (pure). The sandbox runs berth's pause image, owns the pod's
// network (and IPC) namespace, publishes the pod's ports, holds every named volume, and carries
// the pod's hostname; init and app containers join it.

import type { CreateOptionsSpec, HostConfigSpec } from "./create-options.js";
import type { Pod } from "../../manifest/types.js";
import { containerLabels, SANDBOX_CONTAINER_NAME, sandboxDockerName, type PodRef } from "../labels.js";
import type { NodePolicy } from "../node.js";
import { mapPorts } from "./ports.js";
import { checkHostNetwork } from "./security.js";
import { sandboxSpecHash } from "./spec-hash.js";
import { planVolumes, type VolumePlan } from "./volumes.js";

export interface SandboxDns {
  servers?: string[];
  searches?: string[];
  options?: string[];
}

export interface SandboxBuildInput {
  pod: Pod;
  node: { name: string; address: string; policy: NodePolicy };
  /** The infra (pause) image reference. */
  image: string;
  /** The namespace's network (ignored for host-network pods). */
  network: string;
  /** Aliases on the namespace network besides the pod's own (service names, …). */
  extraAliases?: readonly string[];
  dns?: SandboxDns;
  /** `host:ip` entries for /etc/hosts. */
  extraHosts?: readonly string[];
  /** 0 for the pod's first sandbox, +1 for each replacement (label io.berth.restart-count). */
  attempt?: number;
}

export interface BuiltSandbox {
  options: CreateOptionsSpec;
  specHash: string;
  volumes: VolumePlan;
}

export function podRef(pod: Pod): PodRef {
  return {
    name: pod.metadata.name,
    namespace: pod.metadata.namespace ?? "default",
    uid: pod.metadata.uid ?? "",
  };
}

/** The pod's hostname: spec.hostname, else the pod name cut to 63 characters (as the kubelet). */
export function podHostname(pod: Pod): string {
  if (pod.spec.hostname) return pod.spec.hostname;
  return pod.metadata.name.slice(0, 63).replace(/[-.]+$/, "");
}

/** The pod name, and `<hostname>` and `<hostname>.<subdomain>` when a subdomain is set. */
export function podAliases(pod: Pod): string[] {
  const out = [pod.metadata.name];
  if (pod.spec.subdomain) {
    const host = podHostname(pod);
    out.push(host, `${host}.${pod.spec.subdomain}`);
  }
  return [...new Set(out)];
}

export function buildSandbox(input: SandboxBuildInput): BuiltSandbox {
  const { pod, node } = input;
  checkHostNetwork(pod, node.policy, node.name);
  const volumes = planVolumes(pod, node.name, node.policy);
  const specHash = sandboxSpecHash(pod);
  const ref = podRef(pod);
  const hostNetwork = pod.spec.hostNetwork === true;
  const ports = mapPorts(pod, node.address);

  const hostConfig: HostConfigSpec = {
    NetworkMode: hostNetwork ? "host" : input.network,
    IpcMode: "shareable",
    RestartPolicy: { Name: "no" },
    Mounts: volumes.sandboxMounts,
  };
  if (!hostNetwork) hostConfig.PortBindings = ports.PortBindings;
  if (input.dns?.servers?.length) hostConfig.Dns = input.dns.servers;
  if (input.dns?.searches?.length) hostConfig.DnsSearch = input.dns.searches;
  if (input.dns?.options?.length) hostConfig.DnsOptions = input.dns.options;
  if (input.extraHosts?.length) hostConfig.ExtraHosts = [...input.extraHosts];

  const options: CreateOptionsSpec = {
    name: sandboxDockerName(ref),
    Image: input.image,
    Labels: containerLabels(node.name, ref, {
      name: SANDBOX_CONTAINER_NAME,
      role: "sandbox",
      specHash,
      attempt: input.attempt ?? 0,
    }),
    HostConfig: hostConfig,
  };
  if (!hostNetwork) {
    options.Hostname = podHostname(pod);
    options.ExposedPorts = ports.ExposedPorts;
    options.NetworkingConfig = {
      EndpointsConfig: {
        [input.network]: { Aliases: [...new Set([...podAliases(pod), ...(input.extraAliases ?? [])])] },
      },
    };
  }
  return { options, specHash, volumes };
}
