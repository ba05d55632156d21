// Writes configMap and secret volume files through the running sandbox, which mounts every pod
// volume at /berth/volumes/<name>. The engine's archive API unpacks into the volume (a tmpfs for
// secrets), so nothing passes through berth's disk. Called once after the sandbox starts and
// again whenever a referenced ConfigMap or Secret changes: a volume whose content hash is
// unchanged is left alone, a changed one switches atomically (see ../spec/projection.ts).

import type Docker from "dockerode";
import type { Pod } from "../../manifest/types.js";
import { mountError, RuntimeError } from "../errors.js";
import { sandboxVolumePath } from "../labels.js";
import type { ConfigSources } from "../spec/context.js";
import { otherSlot, projectionArchive, projectionFor, type Projection } from "../spec/projection.js";
import { engineMessage, isNotFound } from "./errors.js";
import { tarBuffer } from "./tar.js";

export interface ProjectionResult {
  /** Volume name → content hash of what the volume now holds. Pass back as `previous`. */
  hashes: Record<string, string>;
  /** Volumes rewritten by this call. */
  written: string[];
}

/** The slot `..data` points at, if any. */
async function activeSlot(container: Docker.Container, dir: string): Promise<string | undefined> {
  try {
    const res = (await container.infoArchive({ path: `${dir}/..data` })) as unknown as {
      headers: Record<string, string | undefined>;
      resume?: () => void;
    };
    res.resume?.();
    const stat = res.headers["x-docker-container-path-stat"];
    if (stat === undefined) return undefined;
    const parsed = JSON.parse(Buffer.from(stat, "base64").toString("utf8")) as { linkTarget?: string };
    const target = parsed.linkTarget ?? "";
    return target.split("/").pop();
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw e;
  }
}

async function writeProjection(container: Docker.Container, p: Projection): Promise<void> {
  const dir = sandboxVolumePath(p.volume);
  const slot = otherSlot(await activeSlot(container, dir));
  const tar = await tarBuffer(projectionArchive(p, slot), new Date());
  await container.putArchive(tar, { path: dir });
}

/**
 * Projects every configMap/secret volume of the pod into its sandbox. Throws RuntimeError
 * FailedMount when a non-optional source or key is missing (nothing of that volume is written).
 */
export async function projectVolumes(
  docker: Docker,
  sandboxId: string,
  pod: Pod,
  sources: ConfigSources,
  previous: Readonly<Record<string, string>> = {},
): Promise<ProjectionResult> {
  const container = docker.getContainer(sandboxId);
  const result: ProjectionResult = { hashes: {}, written: [] };
  const projections: Projection[] = [];
  for (const v of pod.spec.volumes ?? []) {
    const p = projectionFor(pod, v, sources);
    if (p) projections.push(p);
  }
  for (const p of projections) {
    if (previous[p.volume] === p.hash) {
      result.hashes[p.volume] = p.hash;
      continue;
    }
    try {
      await writeProjection(container, p);
    } catch (e) {
      if (e instanceof RuntimeError) throw e;
      throw mountError(`MountVolume.SetUp failed for volume "${p.volume}": ${engineMessage(e)}`);
    }
    result.hashes[p.volume] = p.hash;
    result.written.push(p.volume);
  }
  return result;
}
