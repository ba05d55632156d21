// Which container a logs request reads (pure): the pod among the given objects (the state file's
// for `berth logs`, the store's for the daemon's API), the container chosen as kubectl chooses it,
// and kubectl's wording when that is not possible.

import type { Container, KObject, Pod } from "../../manifest/types.js";
import { BerthError } from "../../util/errors.js";

/**
 * How kubectl reports the problem: `usage` as its own `error: …`, the others as the API server's
 * refusal `Error from server (NotFound|BadRequest): …`. The codes are the daemon API's, so its
 * routes answer 404 and 400.
 */
export type LogProblemKind = "usage" | "NotFound" | "BadRequest";

export class LogTargetError extends BerthError {
  constructor(
    readonly kind: LogProblemKind,
    message: string,
  ) {
    super(kind === "NotFound" ? "E_NOT_FOUND" : "E_INVALID_REQUEST", message);
    this.name = "LogTargetError";
  }
}

/** The annotation kubectl reads for the container to use when none is named. */
export const DEFAULT_CONTAINER_ANNOTATION = "kubectl.kubernetes.io/default-container";

export interface LogRequest {
  /** `web`, `pod/web` or `pods/web`. */
  pod: string;
  container?: string;
  namespace: string;
}

export interface LogTarget {
  pod: Pod;
  /** The node the pod is bound to. */
  node: string;
  container: string;
  role: "init" | "app";
}

function names(list: readonly Container[]): string {
  return `[${list.map((c) => c.name).join(" ")}]`;
}

export function podName(arg: string): string {
  const m = /^(?:pods?|po)\/(.+)$/.exec(arg);
  if (m?.[1] !== undefined) return m[1];
  if (arg.includes("/")) {
    throw new LogTargetError("usage", `logs are read from pods only; "${arg}" is not a pod name`);
  }
  return arg;
}

function chooseContainer(pod: Pod, wanted: string | undefined): { name: string; role: "init" | "app" } {
  const inits = pod.spec.initContainers ?? [];
  const apps = pod.spec.containers;
  const name = pod.metadata.name;
  if (wanted !== undefined) {
    if (apps.some((c) => c.name === wanted)) return { name: wanted, role: "app" };
    if (inits.some((c) => c.name === wanted)) return { name: wanted, role: "init" };
    throw new LogTargetError("BadRequest", `container ${wanted} is not valid for pod ${name}`);
  }
  const annotated = pod.metadata.annotations?.[DEFAULT_CONTAINER_ANNOTATION];
  if (annotated !== undefined && apps.some((c) => c.name === annotated))
    return { name: annotated, role: "app" };
  const only = apps[0];
  if (apps.length === 1 && only) return { name: only.name, role: "app" };
  const initPart = inits.length > 0 ? ` or one of the init containers: ${names(inits)}` : "";
  throw new LogTargetError(
    "usage",
    `a container name must be specified for pod ${name}, choose one of: ${names(apps)}${initPart}`,
  );
}

export function resolveLogTarget(objects: readonly KObject[], req: LogRequest): LogTarget {
  const name = podName(req.pod);
  const pod = objects.find(
    (o): o is Pod =>
      o.kind === "Pod" && o.metadata.name === name && (o.metadata.namespace ?? "default") === req.namespace,
  );
  if (!pod) throw new LogTargetError("NotFound", `pods "${name}" not found`);
  const chosen = chooseContainer(pod, req.container);
  const node = pod.spec.nodeName;
  if (node === undefined || node === "") {
    const why =
      pod.status?.conditions?.find((c) => c.type === "PodScheduled" && c.status === "False")?.message ??
      "the pod is not scheduled to a node yet";
    throw new LogTargetError(
      "BadRequest",
      `container "${chosen.name}" in pod "${name}" is waiting to start: ${why}`,
    );
  }
  return { pod, node, container: chosen.name, role: chosen.role };
}

/** Why a container has no logs yet, from the pod's status (kubectl's "is waiting to start"). */
export function waitingMessage(target: LogTarget): string {
  const statuses =
    target.role === "init" ? target.pod.status?.initContainerStatuses : target.pod.status?.containerStatuses;
  const s = statuses?.find((c) => c.name === target.container);
  const reason = s?.state.waiting?.reason ?? "ContainerCreating";
  return `container "${target.container}" in pod "${target.pod.metadata.name}" is waiting to start: ${reason}`;
}
