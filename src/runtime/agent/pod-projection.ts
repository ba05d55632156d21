// Keeping a running pod's configMap and secret files current: projected once per sandbox (after an
// adoption too, since berth does not know what an older berth wrote), and again whenever a source
// changed — only volumes whose content hash changed are rewritten. Secrets restored from the state
// file without their values are never projected; a missing source keeps the old files and reports
// FailedMount.

import type Docker from "dockerode";
import type { Pod } from "../../manifest/types.js";
import type { ObjectStore } from "../../state/store.js";
import { errorMessage } from "../../util/errors.js";
import { projectVolumes } from "../docker/projection.js";
import type { ObservedPod } from "../observed.js";
import type { PodEvent } from "./event-sink.js";
import type { ProjectionRecord } from "./execute.js";
import { storeSources, unloadedSecrets } from "./sources.js";

export interface ProjectionState {
  record: ProjectionRecord | undefined;
  /** A source changed since the last projection. */
  stale: boolean;
}

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
  if (!(pod.spec.volumes ?? []).some((v) => v.configMap || v.secret)) {
    return { record: { sandboxId: sb.id, hashes: {} }, stale: false };
  }
  const sources = storeSources(store, pod.metadata.namespace ?? "default");
  if (unloadedSecrets(pod, sources).length > 0) return current;
  const previous = current.record?.sandboxId === sb.id ? current.record.hashes : {};
  try {
    const r = await projectVolumes(docker, sb.id, pod, sources, previous);
    return { record: { sandboxId: sb.id, hashes: r.hashes }, stale: false };
  } catch (e) {
    event({ type: "Warning", reason: "FailedMount", message: errorMessage(e) });
    return { record: current.record, stale: false };
  }
}
