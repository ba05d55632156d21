// Pod sandboxes on an engine: create (with the pod's volumes and network), start, remove.

import type Docker from "dockerode";
import type { Pod } from "../../manifest/types.js";
import { BerthError } from "../../util/errors.js";
import { RuntimeError } from "../errors.js";
import { namespaceNetworkName, SANDBOX_VOLUME_ROOT } from "../labels.js";
import { terminationDirOf } from "./observe.js";
import type { NodePolicy } from "../node.js";
import { ensureInfraImage } from "../infra/image.js";
import { buildSandbox, type SandboxDns } from "../spec/sandbox.js";
import { volumeRootEntries } from "../spec/volumes.js";
import { engineMessage, isConflict, isNotFound, isNotModified } from "./errors.js";
import { ensureNamespaceNetwork, type NamespaceNetworkIpam } from "./network.js";
import { tarBuffer } from "./tar.js";
import { ensureVolumes } from "./volumes.js";

export interface SandboxOptions {
  /** Aliases besides the pod's own (pod name, hostname.subdomain): service names, …. */
  aliases?: readonly string[];
  dns?: SandboxDns;
  extraHosts?: readonly string[];
  /** 0 for the pod's first sandbox, +1 for each replacement. */
  attempt?: number;
  /** How to address the namespace network if this creates it (the service layer's plan). */
  network?: NamespaceNetworkIpam;
}

export interface CreatedSandbox {
  id: string;
  name: string;
  specHash: string;
}

export interface NodeFacts {
  name: string;
  address: string;
  policy: NodePolicy;
}

/**
 * Ensures the infra image, the namespace network and the pod's volumes, then creates the
 * sandbox container (not started). Throws RuntimeError PolicyViolation before creating anything
 * when the pod asks for what the node does not allow.
 */
export async function createSandbox(
  docker: Docker,
  node: NodeFacts,
  pod: Pod,
  opts: SandboxOptions = {},
): Promise<CreatedSandbox> {
  const ns = pod.metadata.namespace ?? "default";
  const network = namespaceNetworkName(ns);
  // Build first: policy refusals happen before anything exists on the engine.
  const built = buildSandbox({
    pod,
    node,
    image: "",
    network,
    ...(opts.aliases ? { extraAliases: opts.aliases } : {}),
    ...(opts.dns ? { dns: opts.dns } : {}),
    ...(opts.extraHosts ? { extraHosts: opts.extraHosts } : {}),
    ...(opts.attempt !== undefined ? { attempt: opts.attempt } : {}),
  });
  built.options.Image = await ensureInfraImage(docker);
  if (pod.spec.hostNetwork !== true) await ensureNamespaceNetwork(docker, node.name, ns, opts.network);
  // Claims may exist already and are made here; the pod's own volumes are created by the engine
  // as part of the sandbox (see createdByMount), so they are new exactly with the pod's first one.
  const claims = await ensureVolumes(
    docker,
    built.volumes.volumes.filter((v) => !v.podLifetime),
  );
  const created = new Set(claims.created);
  if ((opts.attempt ?? 0) === 0)
    for (const v of built.volumes.volumes) if (v.podLifetime) created.add(v.name);
  let c: Docker.Container;
  try {
    c = await docker.createContainer(built.options as unknown as Docker.ContainerCreateOptions);
  } catch (e) {
    if (isConflict(e)) {
      throw new RuntimeError(
        "E_NAME_IN_USE",
        "CreateContainerError",
        `sandbox ${built.options.name} already exists: ${engineMessage(e)}`,
        {
          hint: "remove the old sandbox first (removeSandbox)",
          cause: e,
        },
      );
    }
    throw new RuntimeError(
      "E_SANDBOX_CREATE",
      "CreateContainerError",
      `creating sandbox ${built.options.name}: ${engineMessage(e)}`,
      { cause: e },
    );
  }
  const roots = volumeRootEntries(pod, built.volumes, created);
  if (roots.length > 0) {
    // The engine mounts the volumes for the archive call even though the sandbox is not running.
    await c.putArchive(await tarBuffer(roots), { path: SANDBOX_VOLUME_ROOT });
  }
  return { id: c.id, name: built.options.name, specHash: built.specHash };
}

export interface StartedSandbox {
  /** "" for host-network pods. */
  podIP: string;
  /** The termination volume's directory on the engine host, when the sandbox mounts one. */
  terminationDir?: string;
}

/** Starts the sandbox; resolves with the pod IP and where its termination volume lives. */
export async function startSandbox(docker: Docker, id: string): Promise<StartedSandbox> {
  const c = docker.getContainer(id);
  try {
    await c.start();
  } catch (e) {
    if (!isNotModified(e)) {
      throw new RuntimeError(
        "E_SANDBOX_START",
        "RunContainerError",
        `starting sandbox ${id.slice(0, 12)}: ${engineMessage(e)}`,
        { cause: e },
      );
    }
  }
  const info = await c.inspect();
  const mode = info.HostConfig.NetworkMode ?? "";
  const nets = info.NetworkSettings.Networks as Record<string, { IPAddress?: string } | undefined>;
  const started: StartedSandbox = { podIP: mode === "host" ? "" : (nets[mode]?.IPAddress ?? "") };
  const terminationDir = terminationDirOf(info.Mounts);
  if (terminationDir !== undefined) started.terminationDir = terminationDir;
  return started;
}

/** Kills (PID 1 ignores SIGTERM) and removes the sandbox. Absent is fine. App containers joined
 * to it lose their network; remove them first. */
export async function removeSandbox(docker: Docker, id: string): Promise<void> {
  try {
    await docker.getContainer(id).remove({ force: true });
  } catch (e) {
    if (isNotFound(e)) return;
    throw new BerthError("E_DOCKER", `removing sandbox ${id.slice(0, 12)}: ${engineMessage(e)}`, {
      cause: e,
    });
  }
}
