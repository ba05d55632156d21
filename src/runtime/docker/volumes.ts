// Docker volumes for a pod: created before the sandbox, pod-lifetime ones removed with the pod,
// claims (berth-pvc-*) kept until their claim is deleted.

import type Docker from "dockerode";
import { BerthError } from "../../util/errors.js";
import { claimVolumeName, LABEL } from "../labels.js";
import type { NamedVolumeSpec } from "../spec/volumes.js";
import { engineMessage, isConflict, isNotFound } from "./errors.js";

export interface EnsuredVolumes {
  /** Docker volume name → Mountpoint on the engine host. */
  mountpoints: Map<string, string>;
  /** Docker volume names created by this call. */
  created: Set<string>;
}

/** Creates missing volumes. */
export async function ensureVolumes(
  docker: Docker,
  specs: readonly NamedVolumeSpec[],
): Promise<EnsuredVolumes> {
  const out = new Map<string, string>();
  const created = new Set<string>();
  for (const s of specs) {
    try {
      const v = (await docker.getVolume(s.name).inspect()) as { Mountpoint: string };
      out.set(s.name, v.Mountpoint);
      continue;
    } catch (e) {
      if (!isNotFound(e))
        throw new BerthError("E_DOCKER", `inspecting volume ${s.name}: ${engineMessage(e)}`, { cause: e });
    }
    try {
      const v = (await docker.createVolume({
        Name: s.name,
        Driver: "local",
        ...(s.driverOpts ? { DriverOpts: s.driverOpts } : {}),
        Labels: s.labels,
      })) as unknown as { Mountpoint: string };
      out.set(s.name, v.Mountpoint);
      created.add(s.name);
    } catch (e) {
      throw new BerthError("E_DOCKER", `creating volume ${s.name}: ${engineMessage(e)}`, { cause: e });
    }
  }
  return { mountpoints: out, created };
}

async function removeVolume(docker: Docker, name: string): Promise<boolean> {
  try {
    await docker.getVolume(name).remove();
    return true;
  } catch (e) {
    if (isNotFound(e)) return true;
    if (isConflict(e)) return false; // still in use
    throw new BerthError("E_DOCKER", `removing volume ${name}: ${engineMessage(e)}`, { cause: e });
  }
}

/** Removes the pod-lifetime volumes of a pod (after its containers are gone). Returns the names
 * still in use, if any. */
export async function removePodVolumes(docker: Docker, podUid: string): Promise<string[]> {
  const list = await docker.listVolumes({
    filters: { label: [`${LABEL.managed}=true`, `${LABEL.podUid}=${podUid}`] },
  });
  const busy: string[] = [];
  for (const v of list.Volumes) if (!(await removeVolume(docker, v.Name))) busy.push(v.Name);
  return busy;
}

/** Deletes a claim's volume (its data is gone). False while a container uses it. */
export function removeClaimVolume(docker: Docker, namespace: string, claimName: string): Promise<boolean> {
  return removeVolume(docker, claimVolumeName(namespace, claimName));
}
