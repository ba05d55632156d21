// configMap and secret files in a pod's sandbox: written once per sandbox before its containers
// start (after an adoption too, since berth does not know what an older berth wrote), and again
// whenever a source changed — only volumes whose content hash changed are rewritten. Secrets
// restored from the state file without their values are never projected; a missing source keeps
// the old files of a running pod and reports FailedMount.

import type Docker from "dockerode";
import type { Pod } from "../../manifest/types.js";
import type { ObjectStore } from "../../state/store.js";
import { errorMessage } from "../../util/errors.js";
import { projectVolumes } from "../docker/projection.js";
import type { ObservedPod } from "../observed.js";
import type { ConfigSources } from "../spec/context.js";
import type { PodEvent } from "./event-sink.js";
import { storeSources, unloadedMessage, unloadedSecrets } from "./sources.js";

/** What a worker remembers about its pod's projected volumes. */
export interface ProjectionRecord {
  sandboxId: string;
  hashes: Record<string, string>;
}

export type ProjectOutcome =
  | { ok: true; record: ProjectionRecord }
  | {
      ok: false;
      message: string;
      /** Secrets not loaded yet (no FailedMount: nothing is wrong). */ unloaded: boolean;
    };

/** Writes the pod's configMap/secret volumes into the sandbox (only what changed since `previous`). */
export async function projectInto(
  docker: Docker,
  pod: Pod,
  sources: ConfigSources,
  sandboxId: string,
  previous: Readonly<Record<string, string>> = {},
): Promise<ProjectOutcome> {
  if (!(pod.spec.volumes ?? []).some((v) => v.configMap || v.secret)) {
    return { ok: true, record: { sandboxId, hashes: {} } };
  }
  const unloaded = unloadedSecrets(pod, sources);
  if (unloaded.length > 0) return { ok: false, unloaded: true, message: unloadedMessage(unloaded) };
  try {
    const r = await projectVolumes(docker, sandboxId, pod, sources, previous);
    return { ok: true, record: { sandboxId, hashes: r.hashes } };
  } catch (e) {
    return { ok: false, unloaded: false, message: errorMessage(e) };
  }
}

export interface ProjectionState {
  record: ProjectionRecord | undefined;
  /** A source changed since the last projection. */
  stale: boolean;
}

/** Keeps a running pod's files current: after a new sandbox, or when a source changed. */
export async function syncProjection(
  docker: Docker,
  store: ObjectStore,
  pod: Pod,
  observed: ObservedPod,
  current: ProjectionState,
  event: (e: PodEvent) => void,
): Promise<ProjectionState> {
  const sb = observed.sandbox;
  if (sb?.state !== "running") return current;
  if (current.record?.sandboxId === sb.id && !current.stale) return current;
  const sources = storeSources(store, pod.metadata.namespace ?? "default");
  const previous = current.record?.sandboxId === sb.id ? current.record.hashes : {};
  const r = await projectInto(docker, pod, sources, sb.id, previous);
  if (r.ok) return { record: r.record, stale: false };
  if (r.unloaded) return current;
  event({ type: "Warning", reason: "FailedMount", message: r.message });
  return { record: current.record, stale: false };
}
